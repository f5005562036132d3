/**
 * @module writers/prose/sentences
 * An edition's words as sentences, each with its template: the sentence with names and numbers
 * blanked. The prose statistics (`stats.ts`) compare editions by these two keys: the same text is
 * a verbatim repeat, the same template is the same sentence with other subjects poured in.
 *
 * What counts as prose, and why:
 * - a section's title, its standfirst and every sentence of its paragraphs are prose;
 * - the edition's headline and standfirst are the lead's title and standfirst, so they are read
 *   once, from the lead (from `text.headline`/`text.standfirst` only when there is no lead);
 * - list entries (the metrics, tools, trending, movers and reading rows) are data rows in a fixed
 *   form, like a table's, and the titles of those list sections are standing heads ("Tools of the
 *   Week"), the same every day by design. Both are returned with `prose: false`, so the statistics
 *   report them separately and they never count toward the shares. The prose paragraph that opens
 *   a list section is prose.
 *
 * Splitting: a sentence ends at `.`, `!` or `?` (possibly followed by closing quotes or brackets)
 * followed by white space or the end of the paragraph. No split inside a link's text, after an
 * abbreviation that never ends a sentence ("e.g.", "i.e.", "vs.", "Dr."), after "No."/"p."/"Fig."
 * before a number, after "etc."/"Inc."/"et al." unless a capital follows, after an initial ("J.")
 * or after a dotted acronym ("U.S.") followed by a lower-case letter or digit. Decimals, versions,
 * handles and URLs have no space after their dots, so they never split. Titles and standfirsts are
 * one sentence each.
 *
 * Templates: linked text (`{text, href}`; the newsroom links every model, author, repository and
 * paper) and any other appearance of a linked text in the same edition (titles name subjects
 * without links) become `⟨name⟩`; `owner/name`, `@handle`, URLs, versions ("1.2.3") and words that
 * start with a letter and hold a digit ("K8", "Qwen2.5", "GPT-5") become `⟨name⟩`; number-bearing
 * tokens ("12", "1,234", "1.2k", "0.5B", "67%", "3rd", "+340") become `⟨n⟩` (the unit stays:
 * "4.2B-parameter" → "⟨n⟩-parameter"; "Top-10" → "top-⟨n⟩"); the number words zero…twenty and
 * ordinals first…tenth become `⟨n⟩`, also inside hyphenated words ("one-day" → "⟨n⟩-day");
 * capitalised weekday and month names and ISO dates become `⟨day⟩`. Blanks joined by nothing or by
 * `/` (a name written as two links, owner then model) are one name; blanks in a list are kept, so
 * "⟨name⟩ and ⟨name⟩" and "⟨name⟩, ⟨name⟩ and ⟨name⟩" are different shapes: a list of three is
 * written differently from a list of two. Finally quotes are straightened, white space collapsed
 * and everything lower-cased.
 */
import type { EditionText, Inline, SectionId, SectionText } from '../../core/text.js';

export type SentencePlace = 'title' | 'standfirst' | 'paragraph' | 'entry';

export interface ProseSentence {
  section: SectionId;
  at: SentencePlace;
  /** The sentence as printed, with quotes straightened and white space collapsed. */
  text: string;
  /** The sentence with names, numbers and days blanked, lower case (see the module comment). */
  template: string;
  /** False for list entries and the standing heads of list sections: reported, never counted. */
  prose: boolean;
}

/**
 * Sections whose body is a list of rows: their titles are standing heads, not prose.
 * A Record so that a new section must be classified before this compiles.
 */
const LIST_SECTION: Record<SectionId, boolean> = {
  lead: false,
  metrics: true,
  deepDive: false,
  opinion1: false,
  opinion2: false,
  tools: true,
  trending: true,
  movers: true,
  reading: true,
};

/** True when a section's title is a standing head (a list section's fixed name). */
export function isStandingHead(section: SectionId): boolean {
  return LIST_SECTION[section];
}

// ── Splitting ────────────────────────────────────────────────────────────────────────────────────

/** A run of terminal punctuation, closing quotes and brackets, then white space or the end. */
const END = /[.!?]+['"’”»)\]]*(?=\s|$)/gu;
/** Abbreviations after which a sentence never ends. */
const NEVER_FINAL = new Set([
  'e.g.',
  'i.e.',
  'eg.',
  'ie.',
  'vs.',
  'cf.',
  'viz.',
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'prof.',
  'st.',
  'approx.',
  'ca.',
  'incl.',
  'esp.',
  'resp.',
]);
/** Abbreviations that stand before a number: no split when a digit or `#` follows. */
const BEFORE_NUMBER = new Set([
  'no.',
  'nos.',
  'nr.',
  'p.',
  'pp.',
  'vol.',
  'fig.',
  'figs.',
  'eq.',
  'sec.',
  'ch.',
]);
/** Abbreviations that may end a sentence: a split only when a capital letter (or nothing) follows. */
const MAY_END = new Set(['etc.', 'inc.', 'ltd.', 'co.', 'corp.', 'al.', 'jr.', 'sr.']);
const LONGEST_ABBREVIATION = 8;
const INITIAL = /^\p{Lu}\.$/u;
const DOTTED_ACRONYM = /^(?:\p{L}\.){2,}$/u;
const OPENING = /^[("'‘“«[]+/u;
const UPPER = /\p{Lu}/u;
const LOWER_OR_DIGIT = /[\p{Ll}\d]/u;
const HAS_ALNUM = /[\p{L}\p{N}]/u;

type Span = readonly [start: number, end: number];

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  for (const [s, e] of spans) if (s < end && start < e) return true;
  return false;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x202f || code === 0x2009;
}

/** Whether the terminal punctuation `mark` at `at` in `full` ends a sentence. */
function endsSentence(full: string, at: number, mark: string, links: readonly Span[]): boolean {
  // "!", "?" or an ellipsis ends a sentence whatever stands before it.
  if (mark[0] !== '.' || mark[1] === '.' || mark[1] === '!' || mark[1] === '?') return true;
  let start = at;
  while (start > 0 && !isSpace(full.charCodeAt(start - 1))) start--;
  // No abbreviation is this long ("(approx." is the longest).
  if (at - start >= LONGEST_ABBREVIATION) return true;
  // A sentence that ends with a name ends there, whatever the name looks like.
  if (overlaps(links, start, at)) return true;
  const word = full.slice(start, at + 1).replace(OPENING, '');
  const lower = word.toLowerCase();
  let next = at + mark.length;
  while (next < full.length && isSpace(full.charCodeAt(next))) next++;
  const following = full[next];
  if (following === undefined) return true;
  if (NEVER_FINAL.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower)) return !/[\d#]/.test(following);
  if (MAY_END.has(lower)) return UPPER.test(following);
  if (INITIAL.test(word)) return false;
  if (DOTTED_ACRONYM.test(word)) return !LOWER_OR_DIGIT.test(following);
  return true;
}

/** A paragraph's sentences, each as its own inline pieces (links are never cut). */
export function splitSentences(pieces: readonly Inline[] | string): Inline[][] {
  const list = typeof pieces === 'string' ? [pieces] : pieces;
  let full = '';
  const links: Span[] = [];
  for (const piece of list) {
    if (typeof piece === 'string') full += piece;
    else {
      links.push([full.length, full.length + piece.text.length]);
      full += piece.text;
    }
  }
  const cuts: number[] = [];
  for (const match of full.matchAll(END)) {
    const at = match.index;
    if (overlaps(links, at, at + 1)) continue;
    if (endsSentence(full, at, match[0], links)) cuts.push(at + match[0].length);
  }
  if (cuts.at(-1) !== full.length) cuts.push(full.length);

  const sentences: Inline[][] = [];
  let start = 0;
  let offset = 0;
  let index = 0;
  for (const cut of cuts) {
    const sentence: Inline[] = [];
    // Pieces (or parts of plain pieces) inside [start, cut).
    while (index < list.length) {
      const piece = list[index] as Inline;
      const length = typeof piece === 'string' ? piece.length : piece.text.length;
      const pieceEnd = offset + length;
      if (typeof piece === 'string') {
        const from = Math.max(start, offset) - offset;
        const to = Math.min(cut, pieceEnd) - offset;
        if (to > from) sentence.push(piece.slice(from, to));
      } else if (offset < cut && pieceEnd > start) sentence.push(piece);
      if (pieceEnd > cut) break;
      offset = pieceEnd;
      index++;
    }
    start = cut;
    const trimmed = trimPieces(sentence);
    if (trimmed.some((piece) => HAS_ALNUM.test(typeof piece === 'string' ? piece : piece.text)))
      sentences.push(trimmed);
  }
  return sentences;
}

function trimPieces(pieces: Inline[]): Inline[] {
  const out = [...pieces];
  if (typeof out[0] === 'string') out[0] = out[0].trimStart();
  const last = out.length - 1;
  if (typeof out[last] === 'string') out[last] = (out[last] as string).trimEnd();
  return out.filter((piece) => piece !== '');
}

// ── Templates ────────────────────────────────────────────────────────────────────────────────────

// Private-use characters stand for blanks while the words are read, so that no rule reads a blank.
const NAME = '\uE000';
const NUM = '\uE001';
const DAY = '\uE002';
const BLANK = /[\uE000-\uE002]/;
const BLANKS = /[\uE000-\uE002]/g;

/** Typographic quotes, straightened (see `normaliseText`). */
const QUOTES = /[‘’‚‛′`“”„‟″«»]/g;
const ODD_SPACE = /\s\s|[^\S ]/;
const SPACES = /\s+/g;
const STRAIGHT: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
};
const URL = /^(?:https?:\/\/|www\.)/iu;
const HANDLE = /^@[\p{L}\d][\p{L}\d_.-]*$/u;
const REPO = /^[\p{L}\d][\p{L}\d_.-]*\/[\p{L}\d_.-]+$/u;
const REPO_SHAPED = /[\d_.-]|\p{Ll}\p{Lu}/u;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\d/u;
const LETTER_FIRST = /^\p{L}/u;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?$/u;
const VERSION = /^v?\d+(?:\.\d+){2,}$/u;
const STRUCTURAL =
  /^(top|day|week|month|year|no|part|step|tier|level|round|phase|issue|edition|chapter|page)-\d+$/iu;
const SIGNS = /^[+\-−–—±~≈#$€£]+/u;
/** A number with its grouping, decimals and a short unit ("1,234", "0.5B", "67%", "3rd", "1.2k"). */
const NUMBER_RUN = /\d(?:[\d,.]*\d)?(?:[%×]|\p{L}{1,3}(?!\p{L}))?/gu;
const NUMBER_WORDS = new Set([
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
]);
/** Capitalised only: "may" and "march" in lower case are a verb. */
const DAY_NAME =
  /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?|January|February|March|April|May|June|July|August|September|October|November|December)$/u;
/** A name written as several blanks with nothing or `/` between them is one name. */
const NAME_RUN = /\uE000(?:\/?\uE000)+/g;

/**
 * The linked texts of an edition, to blank where the same names appear without a link. Matched
 * as literal text (case-insensitive, longest first, not inside a longer word), never through one
 * big regular expression: names are upstream text and may be thousands of characters long.
 */
export class KnownNames {
  private readonly names: string[];

  constructor(names: Iterable<string>) {
    const unique = [
      ...new Set([...names].map((name) => name.trim().toLowerCase()).filter((name) => name.length >= 2)),
    ];
    this.names = unique.sort((a, b) => b.length - a.length);
  }

  /** The text with every known name replaced by `blank`. */
  replace(text: string, blank: string): string {
    if (this.names.length === 0) return text;
    let out = text;
    let lower = out.toLowerCase();
    for (const name of this.names) {
      let from = 0;
      for (;;) {
        const at = lower.indexOf(name, from);
        if (at < 0) break;
        const end = at + name.length;
        if (WORD_CHAR.test(lower[at - 1] ?? '') || WORD_CHAR.test(lower[end] ?? '')) {
          from = at + 1;
          continue;
        }
        out = out.slice(0, at) + blank + out.slice(end);
        lower = lower.slice(0, at) + blank + lower.slice(end);
        from = at + blank.length;
      }
    }
    return out;
  }
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

export interface TemplateOptions {
  /** Names to blank in plain text too (the edition's linked texts); see `KnownNames`. */
  names?: KnownNames;
}

/** Quotes straightened, white space collapsed, trimmed: the form in which texts are compared. */
export function normaliseText(text: string): string {
  const straight = text.replace(QUOTES, (quote) => STRAIGHT[quote] ?? quote);
  return (ODD_SPACE.test(straight) ? straight.replace(SPACES, ' ') : straight).trim();
}

function blankCore(core: string): string {
  if (!core || BLANK.test(core)) return core;
  if (URL.test(core)) return NAME;
  if (core[0] === '@') return HANDLE.test(core) ? NAME : core;
  if (core.includes('/')) {
    const slash = core.indexOf('/');
    if (REPO.test(core) && HAS_LETTER.test(core.slice(0, slash)) && REPO_SHAPED.test(core)) return NAME;
    return core.split('/').map(blankCore).join('/');
  }
  if (HAS_DIGIT.test(core)) {
    if (ISO_DATE.test(core)) return DAY;
    if (VERSION.test(core)) return NAME;
    if (LETTER_FIRST.test(core)) {
      const structural = STRUCTURAL.exec(core);
      return structural ? `${structural[1]}-${NUM}` : NAME;
    }
    return core.replace(SIGNS, '').replace(NUMBER_RUN, NUM);
  }
  if (NUMBER_WORDS.has(core.toLowerCase())) return NUM;
  if (DAY_NAME.test(core)) return DAY;
  if (core.includes('-'))
    return core
      .split('-')
      .map((part) => (NUMBER_WORDS.has(part.toLowerCase()) ? NUM : DAY_NAME.test(part) ? DAY : part))
      .join('-');
  return core;
}

const OPEN_CHARS = new Set(['(', '"', "'", '[', '{']);
const CLOSE_CHARS = new Set(['.', ',', ';', ':', '!', '?', ')', '"', "'", ']', '}', '…']);
/** A word (a run between spaces) holding a digit, `@` or `/`. */
const MARKED_WORD = /[^ ]*[\d@/][^ ]*/g;
/** ASCII word boundaries: "one-day" holds "one", "someone" does not. */
const NUMBER_WORD = new RegExp(`\\b(?:${[...NUMBER_WORDS].join('|')})\\b`, 'gi');
const DAY_WORD = new RegExp(`\\b${DAY_NAME.source.slice(1, -1)}\\b`, 'g');

function blankWord(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && OPEN_CHARS.has(word[start] as string)) start++;
  while (end > start && CLOSE_CHARS.has(word[end - 1] as string)) end--;
  const body = word.slice(start, end);
  const possessive = body.length > 2 && body.endsWith("'s");
  const core = possessive ? body.slice(0, -2) : body;
  return `${word.slice(0, start)}${blankCore(core)}${possessive ? "'s" : ''}${word.slice(end)}`;
}

/**
 * The template of a sentence: names, numbers and days blanked, quotes straightened, white space
 * collapsed, lower case. Two sentences that differ only in their subjects share a template.
 */
export function sentenceTemplate(pieces: readonly Inline[] | string, options: TemplateOptions = {}): string {
  const names = options.names;
  let joined = '';
  for (const piece of typeof pieces === 'string' ? [pieces] : pieces) {
    if (typeof piece !== 'string') joined += NAME;
    else joined += names ? names.replace(piece, NAME) : piece;
  }
  // Only words holding a digit, `@` or `/` need reading one by one; number words and day names are
  // found by the regular expressions alone, so most words are never visited.
  return normaliseText(joined)
    .replace(MARKED_WORD, blankWord)
    .replace(NUMBER_WORD, NUM)
    .replace(DAY_WORD, DAY)
    .replace(NAME_RUN, NAME)
    .toLowerCase()
    .replace(BLANKS, (blank) => (blank === NAME ? '⟨name⟩' : blank === NUM ? '⟨n⟩' : '⟨day⟩'));
}

// ── An edition's sentences ───────────────────────────────────────────────────────────────────────

function plain(pieces: readonly Inline[]): string {
  let text = '';
  for (const piece of pieces) text += typeof piece === 'string' ? piece : piece.text;
  return text;
}

function linkedTexts(text: EditionText): string[] {
  const names: string[] = [];
  const visit = (pieces: readonly Inline[]) => {
    for (const piece of pieces) if (typeof piece !== 'string') names.push(piece.text);
  };
  for (const section of text.sections) {
    for (const paragraph of section.paragraphs) visit(paragraph);
    for (const entry of section.entries ?? []) {
      visit(entry.name);
      visit(entry.blurb);
    }
  }
  return names;
}

/**
 * Every sentence of an edition in reading order: per section its title, standfirst, paragraphs
 * and list-entry blurbs (an entry's name is its label, not a sentence). See the module comment for
 * which are prose.
 */
export function proseSentences(text: EditionText): ProseSentence[] {
  return readSentences(text, true).sentences;
}

/** The prose sentences only, and how many others were read (what the statistics need; faster). */
export function countedSentences(text: EditionText): { prose: ProseSentence[]; excluded: number } {
  const { sentences, excluded } = readSentences(text, false);
  return { prose: sentences, excluded };
}

function readSentences(
  text: EditionText,
  keepOthers: boolean,
): { sentences: ProseSentence[]; excluded: number } {
  const names = new KnownNames(linkedTexts(text));
  const sentences: ProseSentence[] = [];
  let excluded = 0;
  const add = (section: SectionId, at: SentencePlace, pieces: readonly Inline[], prose: boolean) => {
    const printed = normaliseText(plain(pieces));
    if (!HAS_ALNUM.test(printed)) return;
    if (!prose) {
      excluded++;
      if (!keepOthers) return;
    }
    sentences.push({ section, at, text: printed, template: sentenceTemplate(pieces, { names }), prose });
  };
  const sections: Array<Pick<SectionText, 'id' | 'title' | 'standfirst' | 'paragraphs' | 'entries'>> = [
    ...text.sections,
  ];
  if (!sections.some((section) => section.id === 'lead'))
    sections.unshift({ id: 'lead', title: text.headline, standfirst: text.standfirst, paragraphs: [] });
  for (const section of sections) {
    add(section.id, 'title', [section.title], !LIST_SECTION[section.id]);
    if (section.standfirst) add(section.id, 'standfirst', [section.standfirst], true);
    for (const paragraph of section.paragraphs)
      for (const sentence of splitSentences(paragraph)) add(section.id, 'paragraph', sentence, true);
    for (const entry of section.entries ?? [])
      for (const sentence of splitSentences(entry.blurb)) add(section.id, 'entry', sentence, false);
  }
  return { sentences, excluded };
}

/** Words in a sentence: runs between spaces that hold a letter or digit. */
export function wordCount(text: string): number {
  let count = 0;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) counted = false;
    else if (
      !counted &&
      ((code >= 48 && code <= 57) ||
        (code >= 65 && code <= 90) ||
        (code >= 97 && code <= 122) ||
        (code > 127 && HAS_ALNUM.test(text[i] as string)))
    ) {
      count++;
      counted = true;
    }
  }
  return count;
}
