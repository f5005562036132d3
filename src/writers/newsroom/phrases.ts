/**
 * @module writers/newsroom/phrases
 * Deterministic variety with a memory. Each kind of sentence (a slot) has several phrasings,
 * numbered in the order they were written (`lead.news#2`); new phrasings are appended, so ids
 * stay stable as the bank grows. A slot takes the first phrasing, in an order rotated by a hash
 * of the edition's date, that no edition of the last 14 printed (`plan.recent.phrasings`) and
 * this edition has not used yet; when every phrasing was printed recently, the one printed
 * longest ago. The same plan always reads the same; the edition records what it used.
 */
import type { Recent } from '../../core/plan.js';

/** FNV-1a (32 bit): tiny, stable across platforms, good enough to spread choices. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche so neighbouring dates do not pick neighbouring options.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/** Picks phrasings for one section of one edition. */
export interface Voice {
  readonly date: string;
  readonly section: string;
  /** One of `options`, chosen by date, memory and what this edition already used. */
  pick<T>(slot: string, options: readonly [T, ...T[]]): T;
  /** A 0-based index below `n`, chosen the same way (and recorded as used). */
  index(slot: string, n: number): number;
}

interface Log {
  recent: Recent['phrasings'];
  used: string[];
}

/** The log of the section being written; writing is synchronous, so one is active at a time. */
let active: Log | null = null;

/** Runs `write` with a phrasing log; returns its result and the phrasings it used, in order. */
export function withPhrasings<T>(recent: Recent['phrasings'] | undefined, write: () => T): [T, string[]] {
  const outer = active;
  const log: Log = { recent: recent ?? {}, used: outer ? outer.used : [] };
  active = log;
  try {
    const start = log.used.length;
    const result = write();
    return [result, log.used.slice(start)];
  } finally {
    active = outer;
  }
}

export function voice(date: string, section: string): Voice {
  const index = (slot: string, n: number) => {
    if (n <= 1) {
      active?.used.push(`${section}.${slot}#0`);
      return 0;
    }
    const start = hash(`${date}|${section}|${slot}`) % n;
    const log = active;
    let best = start;
    let bestAge = -1;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      const id = `${section}.${slot}#${i}`;
      // Used in this edition: as recent as can be. Never printed in the memory: as old as can be.
      const age = log?.used.includes(id) ? 0 : (log?.recent[id] ?? Number.MAX_SAFE_INTEGER);
      if (age > bestAge) {
        best = i;
        bestAge = age;
      }
      if (age === Number.MAX_SAFE_INTEGER) break;
    }
    log?.used.push(`${section}.${slot}#${best}`);
    return best;
  };
  return {
    date,
    section,
    index,
    pick: <T>(slot: string, options: readonly [T, ...T[]]): T => options[index(slot, options.length)] as T,
  };
}

export const TOOLS_INTROS = [
  'Four picks from this week’s lists, one of each kind: a model, a library, an app and a repository.',
  'Every week we pick a model, a library, an app and a repository that deserve your attention.',
  'Our picks of the week: something to run, something to build with, something to try and something to read the code of.',
] as const;

export const TRENDING_INTROS = [
  'What is gaining momentum on Hugging Face and GitHub this morning.',
  'A snapshot of the trending lists across Hugging Face and GitHub.',
  'The models, datasets, Spaces and repositories drawing the most attention today.',
] as const;

export const READING_INTROS = [
  'The papers readers upvoted most, one line each.',
  'Today’s most upvoted papers, for a quieter hour.',
  'Research worth your time, ranked by readers’ upvotes.',
] as const;
