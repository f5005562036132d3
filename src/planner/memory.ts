/**
 * @module planner/memory
 * Editorial memory for the writers: which phrasings the last 14 editions used (and how long ago),
 * the sentences the last seven printed, and their headlines and openings. The newsroom writer
 * avoids a phrasing printed in the same slot within 14 editions whenever another exists; LLM
 * writers are shown the headlines and openings to avoid.
 */
import type { PreviousEdition, Recent } from '../core/plan.js';

/** Phrasings are avoided over this many editions. */
export const PHRASING_MEMORY = 14;
/** Sentences, headlines and openings are avoided over this many editions. */
export const SENTENCE_MEMORY = 7;

/** `previous` newest first, as the store lists them. */
export function recentMemory(previous: readonly PreviousEdition[]): Recent {
  const newestFirst = [...previous].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const phrasings: Record<string, number> = {};
  const sentences = new Set<string>();
  const headlines: string[] = [];
  const openings: string[] = [];
  newestFirst.slice(0, PHRASING_MEMORY).forEach((edition, i) => {
    const memory = edition.memory;
    if (!memory) return;
    for (const id of memory.phrasings) if (phrasings[id] === undefined) phrasings[id] = i + 1;
    if (i >= SENTENCE_MEMORY) return;
    for (const hash of memory.sentences) sentences.add(hash);
    if (memory.headline) headlines.push(memory.headline);
    if (memory.opening) openings.push(memory.opening);
  });
  return {
    editions: Math.min(newestFirst.length, PHRASING_MEMORY),
    phrasings: Object.fromEntries(Object.entries(phrasings).sort(([a], [b]) => (a < b ? -1 : 1))),
    sentences: [...sentences].sort(),
    headlines,
    openings,
  };
}
