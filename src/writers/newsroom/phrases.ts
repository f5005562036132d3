/**
 * @module writers/newsroom/phrases
 * Deterministic variety: each kind of sentence has several phrasings, and the one used is chosen
 * from a hash of the edition's date, the section and the slot. The same plan always reads the
 * same; the next day's edition, hashing another date, picks differently.
 */

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
  /** One of `options`, chosen by date + section + slot. */
  pick<T>(slot: string, options: readonly [T, ...T[]]): T;
  /** A 0-based index below `n`, chosen the same way. */
  index(slot: string, n: number): number;
}

export function voice(date: string, section: string): Voice {
  const index = (slot: string, n: number) => (n <= 1 ? 0 : hash(`${date}|${section}|${slot}`) % n);
  return {
    date,
    section,
    index,
    pick: <T>(slot: string, options: readonly [T, ...T[]]): T => options[index(slot, options.length)] as T,
  };
}

/** Closing lines of the lead, free of numbers and names, for when the facts are thin. */
export const LEAD_CAVEATS = [
  'Trending lists are a morning snapshot, not a verdict, and we will keep watching how long these names stay.',
  'A trending list measures attention, not quality; tomorrow’s edition will show whether the attention holds.',
  'Attention on the Hub moves fast, so we will check again tomorrow whether the pattern holds.',
] as const;

/** Sentences an opinion can add when the facts run short: arguments, never new facts. */
export const OPINION_ARGUMENTS = [
  'Attention is the scarcest resource in this field, and where it goes tells us what builders find useful.',
  'Rankings are crude, but they are public, and they are hard to fake for long.',
  'The people who download these models are voting with their time, which is worth more than a press release.',
  'None of this proves lasting value; it does show where curiosity is pointing right now.',
  'Readers should treat one morning’s list as a prompt to look closer, not as a conclusion.',
  'The useful question is not who is loudest but who is shipping things others pick up.',
  'That is a healthier signal than any benchmark table, because it reflects real use.',
] as const;

/** Closing sentences of an opinion. */
export const OPINION_CLOSERS = [
  'We should pay attention, and so should anyone deciding where to build next.',
  'That deserves more notice than it usually gets.',
  'The lesson is worth taking seriously before the next big launch drowns it out.',
  'Watch this space: quiet signals like these often come before loud ones.',
] as const;

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
