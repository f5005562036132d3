/**
 * @module store/search-terms
 * What a reader types, made safe to search with, on both dialects, and the marks a hit's text
 * gets. Pure: no database here.
 *
 * One normalisation everywhere: text is split into words at anything that is not a letter or a
 * digit, lower-cased and stripped of diacritics, so `deepseek-ai/DeepSeek-R1` is the words
 * `deepseek ai deepseek r1`, `llama.cpp` is `llama cpp` and `Qwen3-8B` is `qwen3 8b`. SQLite's
 * FTS5 tokenizer (`unicode61 remove_diacritics 2`) splits stored text the same way; Postgres
 * indexes text normalised here (its own parser would keep `llama.cpp` as one host name).
 *
 * A query is a list of words (what the reader separated with spaces). Each word becomes a phrase
 * of its parts, the last part matched as a prefix (so `qwen` finds `Qwen3`, `llama.cpp` finds
 * `llama.cpp` and `llama.cpp-python`); every word must match. The expression is built from
 * letters and digits only, so no syntax of either engine (quotes, `*`, `NEAR`, `:`, `&`, `!`)
 * can reach it from outside, and a query with no letters or digits is no query at all.
 */

/** Longer queries are cut here (in characters) before anything else looks at them. */
export const MAX_QUERY_CHARS = 200;
/** At most this many words are searched; the rest are ignored (and the page says so). */
export const MAX_QUERY_WORDS = 8;
/** Parts of one word (`a.b.c.d…`) beyond this are dropped. */
const MAX_WORD_PARTS = 6;
/** Longer parts are cut: no real name has them, and each costs the index a long lookup. */
const MAX_PART_CHARS = 40;

export interface QueryWord {
  /** Normalised parts, in order; searched as a phrase. */
  parts: string[];
  /** Whether the last part is matched as a prefix (not for one-character parts: too broad). */
  prefix: boolean;
}

export interface ParsedQuery {
  words: QueryWord[];
  /** Words typed beyond MAX_QUERY_WORDS (or characters beyond MAX_QUERY_CHARS). */
  truncated: boolean;
}

const PART = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

const NON_ASCII = /[^\x20-\x7e]/;

/** Lower case, diacritics removed (NFKD, then the combining marks dropped). */
export function fold(text: string): string {
  // Most text is ASCII, where normalising changes nothing: marking a long body stays cheap.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The searchable words of a text, normalised: what Postgres indexes. */
export function searchableText(text: string): string {
  return (fold(text).match(PART) ?? []).join(' ');
}

export function parseQuery(raw: string): ParsedQuery {
  const chars = [...raw];
  let truncated = chars.length > MAX_QUERY_CHARS;
  const text = truncated ? chars.slice(0, MAX_QUERY_CHARS).join('') : raw;
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  for (const typed of text.split(/\s+/u)) {
    const parts = (fold(typed).match(PART) ?? [])
      .slice(0, MAX_WORD_PARTS)
      .map((p) => p.slice(0, MAX_PART_CHARS));
    if (parts.length === 0) continue;
    const key = parts.join(' ');
    if (seen.has(key)) continue;
    if (words.length === MAX_QUERY_WORDS) {
      truncated = true;
      break;
    }
    seen.add(key);
    words.push({ parts, prefix: (parts.at(-1) as string).length > 1 });
  }
  return { words, truncated };
}

/** The FTS5 MATCH expression: each word a quoted phrase (`"llama cpp"*`), all of them required. */
export function fts5Expression(words: readonly QueryWord[]): string {
  return words.map((word) => `"${word.parts.join(' ')}"${word.prefix ? '*' : ''}`).join(' AND ');
}

/** The `to_tsquery('simple', …)` text: each word a phrase (`llama <-> cpp:*`), all required. */
export function tsqueryExpression(words: readonly QueryWord[]): string {
  return words
    .map((word) => {
      const parts = word.parts.map((part, i) =>
        i === word.parts.length - 1 && word.prefix ? `${part}:*` : part,
      );
      return `(${parts.join(' <-> ')})`;
    })
    .join(' & ');
}

/** A run of a hit's text, marked when it is a word the reader searched for. */
export interface TextPart {
  text: string;
  mark: boolean;
}

function matcher(words: readonly QueryWord[]): (part: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const word of words) {
    word.parts.forEach((part, i) => {
      if (i === word.parts.length - 1 && word.prefix) prefixes.push(part);
      else exact.add(part);
    });
  }
  return (part) => {
    const folded = fold(part);
    return exact.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix));
  };
}

/**
 * [start, end) character ranges of the words of `text` that match the query, stopping at the
 * first word past `until(firstMatchStart)` (a snippet needs no marks beyond its window).
 */
function markRanges(
  text: string,
  words: readonly QueryWord[],
  until: (first: number | undefined) => number = () => Number.POSITIVE_INFINITY,
): [number, number][] {
  const matches = matcher(words);
  const ranges: [number, number][] = [];
  let limit = until(undefined);
  for (const found of text.matchAll(PART)) {
    if (found.index >= limit) break;
    if (matches(found[0])) {
      if (ranges.length === 0) limit = until(found.index);
      ranges.push([found.index, found.index + found[0].length]);
    }
  }
  return ranges;
}

function split(text: string, ranges: readonly [number, number][], from: number, to: number): TextPart[] {
  const parts: TextPart[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > at) parts.push({ text: text.slice(at, s), mark: false });
    parts.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < to) parts.push({ text: text.slice(at, to), mark: false });
  return parts;
}

/** The whole text, with the matching words marked (a hit's title). */
export function highlight(text: string, words: readonly QueryWord[]): TextPart[] {
  return split(text, markRanges(text, words), 0, text.length);
}

/** About this many characters of a hit's body are shown. */
export const SNIPPET_CHARS = 180;

/**
 * A short window of the body around its first matching word (or its start), cut at spaces, with
 * `…` where it was cut and the matching words marked.
 */
export function snippet(body: string, words: readonly QueryWord[], size = SNIPPET_CHARS): TextPart[] {
  const text = body.replace(/\s+/gu, ' ').trim();
  if (text.length === 0) return [];
  // Before a match: as far as a window could reach; after one, to the end of its window.
  const ranges = markRanges(text, words, (first) =>
    first === undefined ? Number.POSITIVE_INFINITY : first + size,
  );
  let start = 0;
  const first = ranges[0];
  if (first && first[0] > size / 3) {
    start = first[0] - Math.floor(size / 4);
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first[0] ? space + 1 : start;
  }
  let end = Math.min(text.length, start + size);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + size / 2) end = space;
  }
  // Never cut a surrogate pair in half.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start -= 1;
  if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end += 1;
  const parts = split(text, ranges, start, end);
  if (start > 0) parts.unshift({ text: '…', mark: false });
  if (end < text.length) parts.push({ text: '…', mark: false });
  return parts;
}
