/**
 * @module writers/fact-check/scan
 * Reads a text for the claims a fact-check must trace: numbers, names shaped like models,
 * repositories or handles, dates and links. Knows nothing of the plan, and reads each word once.
 *
 * Numbers carry their scale however it is spelled ("1.5B", "1.5bn", "1.5 billion",
 * "1.5-billion-parameter", "1.5B-parameter", "270 million", "27.1 thousand"), whether they are
 * percentages, signed, approximate or written as a ratio, and the word that says what they count
 * (see `NumberClaim`). Ratio words ("twice as many", "a third of") are read as numbers too.
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

/**
 * A number read from the text. `hint`: the word after it ("412 likes", "45 more likes": the
 * comparative is skipped; "1.5B-parameter": the word joined by a hyphen). `approx`: after
 * "about", "around", "roughly", "nearly", "almost", "approximately", "some" or "~"/"≈".
 * `ratio`: `marked` when written as a ratio ("3.2×", "3.2x", "3.2 times", "3-fold",
 * "13 downloads per like", "13 for every like"), `word` for "twice", "double", "three times"
 * (two to ten), "half", "a third", "a quarter" where they compare ("twice as many", "double the",
 * "half of", "a third of"); a word's `shown.halfUnit` is 0, its tolerance is the check's.
 */
export interface NumberClaim {
  kind: 'number';
  shown: ShownNumber;
  hint?: string;
  approx?: true;
  ratio?: 'marked' | 'word';
}

export type NameForm = 'repository' | 'handle' | 'model' | 'version';

export type Claim =
  | NumberClaim
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
  'per',
]);
const SENTENCE_END = /[.,;:!?…]['"’”]*$/u;
/** Words between a number and what it counts: "45 more likes". */
const COMPARATIVES = new Set(['more', 'fewer', 'less', 'extra', 'additional']);
/** Words before a number that make it approximate. */
const APPROX_WORDS = new Set(['about', 'around', 'roughly', 'nearly', 'almost', 'approximately', 'some']);
/** Words joined to a number by hyphens ("1.5-billion-parameter", "1.5B-parameter", "3-fold"). */
const JOINED = /^(?:-\p{L}+)+$/u;
/** The ratio words and what they stand for; "times" only after a number word ("three times"). */
const RATIO_WORDS: ReadonlyMap<string, number> = new Map([
  ['twice', 2],
  ['double', 2],
  ['half', 1 / 2],
  ['third', 1 / 3],
  ['quarter', 1 / 4],
]);
const TIMES_WORDS: ReadonlyMap<string, number> = new Map([
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
]);
/** What must follow a multiplier for it to compare ("twice as many", "three times the likes"). */
const AFTER_MULTIPLE = new Set(['as', 'the', 'that', 'its', 'their', 'his', 'her', 'what', 'more']);
/** What must follow a fraction word ("half of", "half as many", "a third of the likes"). */
const AFTER_FRACTION = new Set(['as', 'of', 'the', 'its', 'their', 'his', 'her', 'that', 'what']);
/** Words before "half" that make it a part, not a ratio ("the second half"). */
const NOT_BEFORE_HALF = new Set(['first', 'second', 'last', 'other', 'latter', 'former', 'and']);

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
  /** The word being read. */
  private index = 0;

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
    this.index = i;
    if (!HAS_DIGIT.test(word) && PLAIN_WORD.test(word)) {
      const lower = word.toLowerCase();
      if (lower === 'times' || RATIO_WORDS.has(lower)) this.ratioWord(i, lower);
      return;
    }
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
      const end = (match.index ?? 0) + text.length;
      let endsPart = end === part.length;
      let scale = 1;
      let percent = false;
      let ratio = suffix === 'x' || suffix === '×';
      let joinedHint: string | undefined;
      let shownText = first ? `${sign}${text}` : text;
      if (suffix === '%') percent = true;
      else if (suffix) scale = scaleOf(suffix) ?? 1;
      // "1.5-billion-parameter", "1.5B-parameter", "3-fold": the hyphenated words are the number's.
      const joined = endsPart ? undefined : JOINED.exec(part.slice(end))?.[0];
      if (joined) {
        endsPart = true;
        const words = joined.slice(1).toLowerCase().split('-');
        let k = 0;
        if (scale === 1 && SCALE_WORDS.has(words[0] as string)) {
          scale = scaleOf(words[0] as string) ?? 1;
          shownText += `-${words[0]}`;
          k = 1;
        }
        if (words[k] === 'fold' || words[k] === 'times') {
          ratio = true;
          k += 1;
        }
        joinedHint = words[k];
      }
      // A following word belongs to the number unless punctuation parts them ("#7. Transformers").
      let next = endsPart && at >= 0 && !SENTENCE_END.test(this.words[at] as string) ? at + 1 : -1;
      if (next >= 0 && !suffix && !joined) {
        // "1.5 billion", "67 %", "67 percent", "12 per cent".
        const word = this.plainWord(next);
        const after = this.plainWord(next + 1);
        if (word && SCALE_WORDS.has(word)) {
          scale = scaleOf(word) ?? 1;
          shownText += ` ${word}`;
          next = this.after(next);
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
      if (next >= 0 && !percent) {
        const word = this.plainWord(next);
        if (word === 'times' || word === 'fold') {
          ratio = true;
          next = this.after(next);
        } else if (word && COMPARATIVES.has(word)) next = this.after(next);
      }
      const hint = joinedHint ?? (next >= 0 ? this.plainWord(next) : undefined);
      // "13 downloads per like", "13 per like", "13 downloads for every like" (not "per cent").
      if (!percent && next >= 0 && (this.perAt(next) || this.perAt(this.after(next)))) ratio = true;
      const claim: NumberClaim = { kind: 'number', shown };
      if (hint && hint !== '%' && !NOT_HINTS.has(hint)) claim.hint = hint;
      if (first && (/[~≈]/u.test(sign) || /^[~≈]/u.test(this.words[this.index] ?? '') || this.approxBefore()))
        claim.approx = true;
      if (ratio) claim.ratio = 'marked';
      this.claims.push(claim);
      first = false;
    }
  }

  /** The index of the word after `i`, or -1 when punctuation ends word `i` (or there is none). */
  private after(i: number): number {
    const word = this.words[i];
    return i >= 0 && word !== undefined && !SENTENCE_END.test(word) ? i + 1 : -1;
  }

  /** Whether "per …" (not "per cent") or "for every/each" starts at word `i`. */
  private perAt(i: number): boolean {
    if (i < 0) return false;
    const word = this.plainWord(i);
    const next = this.after(i) >= 0 ? this.plainWord(i + 1) : undefined;
    if (word === 'per') return next !== undefined && next !== 'cent';
    return word === 'for' && (next === 'every' || next === 'each');
  }

  /** Whether the word before the one being read is "about", "nearly" … in the same sentence. */
  private approxBefore(): boolean {
    const i = this.index - 1;
    if (i < 0 || this.after(i) < 0) return false;
    const word = this.plainWord(i);
    return word !== undefined && APPROX_WORDS.has(word);
  }

  /** "twice as many", "double the", "three times the", "half of", "a third of", "a quarter of". */
  private ratioWord(i: number, word: string): void {
    const before = i > 0 && this.after(i - 1) >= 0 ? this.plainWord(i - 1) : undefined;
    const after = this.after(i) >= 0 ? this.plainWord(i + 1) : undefined;
    if (after === undefined) return;
    let value: number | undefined;
    let text = word;
    if (word === 'times') {
      value = before !== undefined && AFTER_MULTIPLE.has(after) ? TIMES_WORDS.get(before) : undefined;
      text = `${before} times`;
    } else if (word === 'twice' || word === 'double') {
      if (AFTER_MULTIPLE.has(after) && !(word === 'double' && after === 'as')) value = RATIO_WORDS.get(word);
    } else if (word === 'half') {
      if (AFTER_FRACTION.has(after) && !(before && NOT_BEFORE_HALF.has(before))) value = 1 / 2;
    } else if (word === 'third' || word === 'quarter') {
      if ((before === 'a' || before === 'one') && (after === 'of' || after === 'as')) {
        value = RATIO_WORDS.get(word);
        text = `${before} ${word}`;
      }
    }
    if (value === undefined) return;
    const shown: ShownNumber = { text, value, sign: '', halfUnit: 0, percent: false, scaled: false };
    this.claims.push({ kind: 'number', shown, ratio: 'word' });
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
