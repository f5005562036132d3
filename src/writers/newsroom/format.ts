/**
 * @module writers/newsroom/format
 * The newsroom's house grammar: articles, plurals, lists and title case. Numbers and dates are the
 * Post's one vocabulary (`core/vocabulary`), re-exported here so the prose prints every value as
 * the charts, email and Telegram do.
 */
import { finite, numberWord, ordinal, pluralOf } from '../../core/vocabulary/numbers.js';

export {
  compact,
  count,
  dayMonth,
  daysFrom,
  exact,
  localDay,
  longDate,
  numberWord,
  ordinal,
  parameters,
  percent,
  pluralOf,
  relativeDay,
  signed,
  weekdayOf,
  windowPhrase,
} from '../../core/vocabulary/index.js';

/** "a model", "two models", "12 models", "no models". */
export function quantity(n: number, noun: string, plural = pluralOf(noun)): string {
  const value = finite(n);
  if (value === 1) return `${article(noun)} ${noun}`;
  return `${numberWord(value)} ${plural}`;
}

/**
 * "a" or "an" by sound: vowels (but not the "you"/"one" sounds of uni-, use-, one-), silent h,
 * letters said with a vowel sound (an LLM, an SQL, an 8B, an 11B, an 18M).
 */
export function article(word: string): 'a' | 'an' {
  const w = word.trim();
  if (/^(8|1[18](?!\d))/.test(w)) return 'an';
  if (/^[0-9]/.test(w)) return 'a';
  // All-capitals initialisms are read letter by letter.
  if (/^[A-Z]{2,}(?![a-z])/.test(w)) return /^[AEFHILMNORSX]/.test(w) ? 'an' : 'a';
  const lower = w.toLowerCase();
  if (/^(hour|honest|honou?r|heir)/.test(lower)) return 'an';
  if (/^(uni|use|usu|ura|uro|eu|one|once|ubi)/.test(lower)) return 'a';
  return /^[aeiou]/.test(lower) ? 'an' : 'a';
}

/** "a 0.5B-parameter model", "an 8B-parameter model". */
export function withArticle(phrase: string): string {
  return `${article(phrase)} ${phrase}`;
}

/** "A", "A and B", "A, B and C". */
export function listText(items: readonly string[], conjunction = 'and'): string {
  const parts = items.filter((item) => item.length > 0);
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts.at(-1)}`;
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Title Case for headlines, keeping short words low and names (mixed case, digits, slashes, hyphens) as written. */
export function titleCase(text: string): string {
  const small = new Set([
    'a',
    'an',
    'and',
    'as',
    'at',
    'but',
    'by',
    'for',
    'in',
    'of',
    'on',
    'or',
    'the',
    'to',
    'vs',
  ]);
  return text
    .split(' ')
    .map((word, i) => {
      // Names keep their case: mixed case, digits, slashes, and lower-case handles with a hyphen
      // ("kvasir-dev’s"), which a capital would turn into another name.
      if (/[A-Z0-9/_.@-]/.test(word.slice(1)) || /^[^a-z]/.test(word)) return word;
      return i > 0 && small.has(word) ? word : capitalize(word);
    })
    .join(' ');
}

/** Words in plain text (for opinion lengths). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const ORDINAL_WORDS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
];

/** "third", "ninth", then "10th", "21st": ordinals as a newspaper writes them in prose. */
export function nth(n: number): string {
  return ORDINAL_WORDS[n] ?? ordinal(n);
}
