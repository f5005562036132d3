import { describe, expect, it } from 'vitest';
import type { PreviousEdition } from '../core/plan.js';
import { PHRASING_MEMORY, recentMemory, SENTENCE_MEMORY } from './memory.js';

const DAY = (n: number) => `2026-10-${String(n).padStart(2, '0')}`;

function edition(n: number, phrasings: string[]): PreviousEdition {
  return {
    date: DAY(n),
    number: n,
    lead: null,
    subjects: [],
    memory: { phrasings, sentences: [`s${n}`], headline: `Headline ${n}`, opening: `Opening ${n}.` },
  };
}

describe('recentMemory', () => {
  // Twenty earlier editions, newest last here; the store lists them newest first.
  const previous = Array.from({ length: 20 }, (_, i) => edition(i + 1, ['lead.news#0', `lead.only#${i}`]));

  it('ages each phrasing by its newest use, in editions ago', () => {
    const memory = recentMemory([...previous].reverse());
    expect(memory.phrasings['lead.news#0']).toBe(1);
    expect(memory.phrasings['lead.only#19']).toBe(1);
    expect(memory.phrasings['lead.only#18']).toBe(2);
    // Older than the phrasing memory: forgotten.
    expect(memory.phrasings[`lead.only#${19 - PHRASING_MEMORY}`]).toBeUndefined();
    expect(memory.editions).toBe(PHRASING_MEMORY);
  });

  it('keeps sentences, headlines and openings of the last seven only, whatever the input order', () => {
    const memory = recentMemory(previous);
    expect(memory.sentences).toHaveLength(SENTENCE_MEMORY);
    expect(memory.sentences).toContain('s20');
    expect(memory.sentences).not.toContain('s13');
    expect(memory.headlines[0]).toBe('Headline 20');
    expect(memory.openings).toHaveLength(SENTENCE_MEMORY);
  });

  it('an edition written before memory existed adds nothing', () => {
    const old: PreviousEdition = { date: DAY(21), number: 21, lead: null, subjects: [] };
    expect(recentMemory([old])).toEqual({
      editions: 1,
      phrasings: {},
      sentences: [],
      headlines: [],
      openings: [],
    });
  });
});
