import { describe, expect, it } from 'vitest';
import type { PreviousEdition } from '../core/plan.js';
import type { Draft } from './candidates.js';
import {
  NOVELTY_COVERED,
  NOVELTY_REPEAT_LEAD,
  NOVELTY_REPEAT_LEAD_GROWN,
  novelty,
  previousRefs,
  REPEAT_LEAD_FACTOR,
} from './novelty.js';

const subject = { type: 'series' as const, key: 'kvasir-dev/K', label: 'kvasir-dev’s K7 and K8' };

function draft(magnitude: number): Draft {
  return {
    kind: 'author-series',
    subject,
    magnitude,
    reason: 'two of a series trending',
    blocked: null,
    facts: [],
    items: [],
    authors: ['kvasir-dev'],
  };
}

function edition(date: string, number: number, led: number | null, covered = true): PreviousEdition {
  return {
    date,
    number,
    headline: `Headline ${number}`,
    lead: led === null ? null : { subject, magnitude: led },
    subjects: covered ? [{ subject, itemKeys: ['model:kvasir-dev/K7'], authors: ['kvasir-dev'] }] : [],
  };
}

describe('novelty', () => {
  it('is 1 for a subject no recent edition touched', () => {
    expect(novelty(draft(0.6), [edition('2026-10-10', 9, null, false)])).toEqual({ novelty: 1, note: null });
  });

  it('is lower for a subject an edition covered without leading on it', () => {
    const result = novelty(draft(0.6), [edition('2026-10-10', 9, null)]);
    expect(result.novelty).toBe(NOVELTY_COVERED);
    expect(result.note).toBe('covered on 2026-10-10');
  });

  it('punishes a repeat lead unless the change has grown by the factor, measured against the strongest lead', () => {
    const previous = [edition('2026-10-10', 9, 0.4), edition('2026-10-09', 8, 0.5)];
    expect(novelty(draft(0.5 * REPEAT_LEAD_FACTOR - 0.01), previous).novelty).toBe(NOVELTY_REPEAT_LEAD);
    expect(novelty(draft(0.5 * REPEAT_LEAD_FACTOR), previous).novelty).toBe(NOVELTY_REPEAT_LEAD_GROWN);
  });
});

describe('previousRefs', () => {
  it('links back to every earlier edition that covered the subject, its items or (series) its author, newest first', () => {
    const refs = previousRefs({ subject: { ...subject, key: 'other' }, items: [], authors: ['kvasir-dev'] }, [
      edition('2026-10-08', 7, null),
      edition('2026-10-10', 9, null),
    ]);
    expect(refs.map((r) => [r.number, r.matchedBy])).toEqual([
      [9, 'author kvasir-dev'],
      [7, 'author kvasir-dev'],
    ]);
  });
});
