/**
 * @module writers/fact-check/scan
 * Reads a text for the claims a fact-check must trace: numbers, names shaped like models,
 * repositories or handles, dates and links. Knows nothing of the plan, and reads each word once.
 *
 * What counts as a name (capitalised multi-word names such as "Meta AI" are not read: without
 * a dictionary they cannot be told from ordinary capitalised words):
 * - `owner/name` when it looks like an id: a digit, `-`, `_`, `.` or camel case in it
 *   ("hanyc4855/H24", "StyTJU/multiobj-demo"); plain word pairs ("and/or", "AI/ML") are prose;
 * - `@handle`;
 * - a word that starts with a letter and holds a digit ("GPT-5", "Qwen3", "H24", "v4.41",
 *   "tiny-story-270M"), except "Top-10"-style words, which are numbers;
 * - a version number with two points or more ("4.41.0").
 */
import { type ShownNumber, scaleOf, shownNumber, signOf } from './numbers.js';

export type NameForm = 'repository' | 'handle' | 'model' | 'version';

export type Claim =
  | { kind: 'number'; shown: ShownNumber; hint?: string }
  /** `core`: the name without trailing lowercase words ("GPT-5" of "GPT-5-class"), a handle without `@`. */
  | { kind: 'name'; form: NameForm; text: string; core: string }
  | { kind: 'date'; text: string }
  | { kind: 'link'; text: string };

// Brackets, quotes, pipes and markdown emphasis separate words as spaces do, so
// "[H24](https://…)" and "**1.2k**" come apart into their words.
const WORD = /[^\s()[\]{}<>"“”«»|*`]+/gu;
const LEAD_TRIM = /^['‘’_~]+/u;
const TRAIL_TRIM = /[.,;:!?'"’”…_~]+$/u;
const POSSESSIVE = /['’]s$/u;
const SIGNS = /^[+\-−–—±~≈#$€£]+/u;
const HAS_ALNUM = /[\p{L}\p{N}]/u;
const HAS_DIGIT = /\d/;
const LETTER_FIRST = /^\p{L}/u;
const DIGIT_FIRST = /^\d/;
const URL = /^(?:https?:\/\/|www\.)/i;
const PART_SEPARATORS = /:|\.\.+|…/;
const REPO = /^[\p{L}\d][\p{L}\d_.-]*\/[\p{L}\d_.-]+$/u;
const REPO_SHAPED = /[\d_.-]|\p{Ll}\p{Lu}/u;
const HANDLE = /^@[\p{L}\d][\p{L}\d_.-]*$/u;
const STRUCTURAL =
  /^(top|day|week|month|year|no|part|step|tier|level|round|phase|issue|edition|chapter|page)-(\d+)$/i;
const VERSION = /^\d+(?:\.\d+){2,}$/;
const DATE = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+Z?)?$/;
const NUMBER =
  /(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(\d+))?(?:(%|k|K|mn|M|m|bn|B|b|T|t|x|×|st|nd|rd|th)(?!\p{L}))?/gu;
const PLAIN_WORD = /^\p{L}+$/u;
const SCALE_WORDS = new Set(['thousand', 'million', 'billion', 'trillion']);
/** Words after a number that say nothing about what it counts, so make no hint. */
const NOT_HINTS = new Set([
  'and',
  'or',
  'of',
  'in',
  'on',
  'at',
  'to',
  'from',
  'for',
  'by',
  'with',
  'the',
  'a',
  'an',
  'is',
  'was',
  'are',
  'were',
  'than',
  'as',
  'but',
]);
const SENTENCE_END = /[.,;:!?…]['"’”]*$/u;

function trim(word: string): string {
  let w = word.replace(LEAD_TRIM, '').replace(TRAIL_TRIM, '');
  if (POSSESSIVE.test(w)) w = w.slice(0, -2).replace(TRAIL_TRIM, '');
  return w;
}

/** The name without trailing lowercase words: "Llama-3-style" → "Llama-3". */
function coreOf(name: string): string {
  const parts = name.split('-');
  let end = parts.length;
  while (end > 1 && /^\p{Ll}+$/u.test(parts[end - 1] as string)) end--;
  return parts.slice(0, end).join('-');
}

class Scanner {
  readonly claims: Claim[] = [];
  private readonly words: string[];

  constructor(text: string) {
    this.words = text.match(WORD) ?? [];
  }

  run(): Claim[] {
    for (let i = 0; i < this.words.length; i++) this.word(i);
    return this.claims;
  }

  private word(i: number): void {
    const word = trim(this.words[i] as string);
    if (!HAS_ALNUM.test(word)) return;
    if (URL.test(word)) {
      this.claims.push({ kind: 'link', text: word });
      return;
    }
    const parts = word.split(PART_SEPARATORS);
    for (let p = 0; p < parts.length; p++) this.part(parts[p] as string, p === parts.length - 1 ? i : -1);
  }

  /** `at` is the word's index when the part ends it (a following word may scale it), else -1. */
  private part(raw: string, at: number): void {
    const trimmed = trim(raw);
    const sign = SIGNS.exec(trimmed)?.[0] ?? '';
    const part = trimmed.slice(sign.length);
    if (!part || (!HAS_DIGIT.test(part) && !part.includes('/') && part[0] !== '@')) return;

    if (part.includes('/')) {
      if (REPO.test(part) && /\p{L}/u.test(part.slice(0, part.indexOf('/'))) && REPO_SHAPED.test(part)) {
        this.claims.push({ kind: 'name', form: 'repository', text: part, core: part });
        return;
      }
      const pieces = part.split('/');
      for (let k = 0; k < pieces.length; k++)
        this.part(pieces[k] as string, k === pieces.length - 1 ? at : -1);
      return;
    }
    if (part[0] === '@') {
      if (HANDLE.test(part))
        this.claims.push({ kind: 'name', form: 'handle', text: part, core: part.slice(1) });
      return;
    }
    if (LETTER_FIRST.test(part)) {
      const structural = STRUCTURAL.exec(part);
      if (structural) this.numbers(structural[2] as string, '', at);
      else this.claims.push({ kind: 'name', form: 'model', text: part, core: coreOf(part) });
      return;
    }
    if (!DIGIT_FIRST.test(part)) return;
    if (VERSION.test(part)) {
      this.claims.push({ kind: 'name', form: 'version', text: part, core: part });
      return;
    }
    const date = DATE.exec(part);
    if (date) {
      this.claims.push({ kind: 'date', text: date[1] as string });
      return;
    }
    this.numbers(part, sign, at);
  }

  private numbers(part: string, sign: string, at: number): void {
    let first = true;
    for (const match of part.matchAll(NUMBER)) {
      const [text, digits, fraction = '', suffix] = match;
      const endsPart = (match.index ?? 0) + text.length === part.length;
      let scale = 1;
      let percent = false;
      let shownText = first ? `${sign}${text}` : text;
      // A following word belongs to the number unless punctuation parts them ("#7. Transformers").
      let next = endsPart && at >= 0 && !SENTENCE_END.test(this.words[at] as string) ? at + 1 : -1;
      if (suffix === '%') percent = true;
      else if (suffix) scale = scaleOf(suffix) ?? 1;
      else if (next >= 0) {
        // "1.5 billion", "67 %", "67 percent", "12 per cent".
        const word = this.plainWord(next);
        const after = this.plainWord(next + 1);
        if (word && SCALE_WORDS.has(word)) {
          scale = scaleOf(word) ?? 1;
          shownText += ` ${word}`;
          next++;
        } else if (word === '%' || word === 'percent' || (word === 'per' && after === 'cent')) {
          percent = true;
          shownText += word === '%' ? '%' : word === 'per' ? ' per cent' : ' percent';
          next += word === 'per' ? 2 : 1;
        }
      }
      const shown = shownNumber(
        shownText,
        digits as string,
        fraction,
        scale,
        percent,
        first ? signOf(sign) : '',
      );
      const hint = next >= 0 ? this.plainWord(next) : undefined;
      this.claims.push(
        hint && hint !== '%' && !NOT_HINTS.has(hint)
          ? { kind: 'number', shown, hint }
          : { kind: 'number', shown },
      );
      first = false;
    }
  }

  /** The word at `i` in lower case when it is letters only (or "%"). */
  private plainWord(i: number): string | undefined {
    const raw = this.words[i];
    if (raw === undefined) return undefined;
    const word = trim(raw).toLowerCase();
    return word === '%' || PLAIN_WORD.test(word) ? word : undefined;
  }
}

/** The claims of a text, in order. */
export function scanClaims(text: string): Claim[] {
  return new Scanner(text).run();
}
