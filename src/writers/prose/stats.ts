/**
 * @module writers/prose/stats
 * The paper's measure of whether it repeats itself, per edition, over a run of stored editions.
 *
 * Definitions (the sentences and templates are those of `sentences.ts`; only prose sentences count:
 * titles, standfirsts and paragraph sentences, not list entries or list sections' standing heads):
 * - `sentences`, `words`: the edition's prose sentences and the words in them.
 * - `excluded`: sentences read but not counted (list-entry sentences and standing heads).
 * - The previous editions of an edition are the `window` (default 7) editions before it in date
 *   order among those given: editions, not calendar days, so a missed day does not shorten the
 *   window. `compared` says how many there were (fewer at the start of the history).
 * - `verbatimShare`: the share of the edition's prose sentences whose text (as printed, quotes
 *   straightened, white space collapsed, case kept) is the text of a prose sentence of any previous
 *   edition. Every copy counts: a sentence printed twice today and once last week counts twice.
 * - `templateShare`: the same with templates (names, numbers and days blanked).
 * - `repeatsInside`: copies beyond the first of any prose text printed more than once in the
 *   edition itself (a sentence printed three times counts 2).
 * - `mostRepeated` (per edition): up to five of the edition's sentences that previous editions
 *   also printed, by how many of the previous `window` editions printed them.
 * - Shares are fractions (0–1); an edition without prose sentences has shares of 0.
 *
 * The summary of a range covers the editions inside it; editions before it are only compared with.
 * Mean shares are taken over the editions compared with a full window (`measured`), so that the
 * first editions of a history, which have little to repeat, do not flatter the mean.
 */
import type { EditionText } from '../../core/text.js';
import { countedSentences, type ProseSentence, wordCount } from './sentences.js';

export const DEFAULT_WINDOW = 7;
const TOP = 5;

export interface ProseEdition {
  date: string;
  number: number;
  text: EditionText;
}

export interface RepeatedSentence {
  text: string;
  /** How many editions printed it (see where it is used for which editions are counted). */
  editions: number;
}

export interface EditionProseStats {
  date: string;
  number: number;
  sentences: number;
  words: number;
  excluded: number;
  compared: number;
  verbatim: number;
  verbatimShare: number;
  templated: number;
  templateShare: number;
  repeatsInside: number;
  /** `editions`: how many of the previous `window` editions printed the sentence. */
  mostRepeated: RepeatedSentence[];
}

export interface ProseSummary {
  /** First and last date of the range's editions (null when it has none). */
  from: string | null;
  to: string | null;
  editions: number;
  /** Editions compared with a full window: the ones the means are taken over. */
  measured: number;
  sentences: number;
  words: number;
  meanVerbatimShare: number | null;
  meanTemplateShare: number | null;
  worstVerbatim: { date: string; share: number } | null;
  worstTemplate: { date: string; share: number } | null;
  repeatsInside: number;
  /** Top five prose sentences of the range by how many of its editions printed them (two or more). */
  mostRepeated: Array<RepeatedSentence & { first: string; last: string }>;
}

export interface ProseReport {
  window: number;
  editions: EditionProseStats[];
  summary: ProseSummary;
}

export interface ProseOptions {
  /** How many previous editions each edition is compared with (default 7). */
  window?: number;
}

interface Prepared {
  date: string;
  number: number;
  prose: ProseSentence[];
  excluded: number;
  words: number;
  texts: Set<string>;
  templates: Set<string>;
}

function prepare(edition: ProseEdition): Prepared {
  const { prose, excluded } = countedSentences(edition.text);
  let words = 0;
  for (const sentence of prose) words += wordCount(sentence.text);
  return {
    date: edition.date,
    number: edition.number,
    prose,
    excluded,
    words,
    texts: new Set(prose.map((sentence) => sentence.text)),
    templates: new Set(prose.map((sentence) => sentence.template)),
  };
}

function byDate<T extends { date: string }>(editions: readonly T[]): T[] {
  return [...editions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function windowOf(options: ProseOptions): number {
  const window = options.window ?? DEFAULT_WINDOW;
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer`);
  return window;
}

function statsOf(edition: Prepared, previous: readonly Prepared[]): EditionProseStats {
  let verbatim = 0;
  let templated = 0;
  const seen = new Map<string, number>();
  let repeatsInside = 0;
  const repeated = new Map<string, number>();
  for (const sentence of edition.prose) {
    let printedBefore = 0;
    let templateBefore = false;
    for (const earlier of previous) {
      if (earlier.texts.has(sentence.text)) printedBefore++;
      if (!templateBefore && earlier.templates.has(sentence.template)) templateBefore = true;
    }
    if (printedBefore > 0) {
      verbatim++;
      if (!repeated.has(sentence.text)) repeated.set(sentence.text, printedBefore);
    }
    if (templateBefore) templated++;
    const copies = seen.get(sentence.text) ?? 0;
    if (copies > 0) repeatsInside++;
    seen.set(sentence.text, copies + 1);
  }
  const count = edition.prose.length;
  return {
    date: edition.date,
    number: edition.number,
    sentences: count,
    words: edition.words,
    excluded: edition.excluded,
    compared: previous.length,
    verbatim,
    verbatimShare: count ? verbatim / count : 0,
    templated,
    templateShare: count ? templated / count : 0,
    repeatsInside,
    mostRepeated: top(repeated).map(([text, editions]) => ({ text, editions })),
  };
}

/** The `TOP` entries with the highest counts; ties keep their first-seen order. */
function top(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, TOP);
}

/** Statistics for every given edition (sorted by date), each against the `window` before it. */
export function proseStats(
  editions: readonly ProseEdition[],
  options: ProseOptions = {},
): EditionProseStats[] {
  const window = windowOf(options);
  const prepared = byDate(editions).map(prepare);
  return prepared.map((edition, i) => statsOf(edition, prepared.slice(Math.max(0, i - window), i)));
}

/**
 * Statistics for the editions dated within [from, to] (inclusive; either may be left open) and
 * their summary; editions before `from` serve only as the earlier editions to compare with.
 */
export function proseReport(
  editions: readonly ProseEdition[],
  options: ProseOptions & { from?: string; to?: string } = {},
): ProseReport {
  const window = windowOf(options);
  const inRange = (date: string) =>
    (options.from === undefined || date >= options.from) && (options.to === undefined || date <= options.to);
  const prepared = byDate(editions)
    .filter((edition) => options.to === undefined || edition.date <= options.to)
    .map(prepare);
  const stats: EditionProseStats[] = [];
  const printedBy = new Map<string, { editions: number; first: string; last: string }>();
  prepared.forEach((edition, i) => {
    if (!inRange(edition.date)) return;
    stats.push(statsOf(edition, prepared.slice(Math.max(0, i - window), i)));
    for (const text of edition.texts) {
      const entry = printedBy.get(text);
      if (entry) {
        entry.editions++;
        entry.last = edition.date;
      } else printedBy.set(text, { editions: 1, first: edition.date, last: edition.date });
    }
  });
  const measured = stats.filter((edition) => edition.compared >= window);
  const mean = (pick: (edition: EditionProseStats) => number) =>
    measured.length ? measured.reduce((sum, edition) => sum + pick(edition), 0) / measured.length : null;
  const worst = (pick: (edition: EditionProseStats) => number) => {
    let found: { date: string; share: number } | null = null;
    for (const edition of measured)
      if (!found || pick(edition) > found.share) found = { date: edition.date, share: pick(edition) };
    return found;
  };
  const mostRepeated = [...printedBy]
    .filter(([, entry]) => entry.editions > 1)
    .sort((a, b) => b[1].editions - a[1].editions)
    .slice(0, TOP)
    .map(([text, entry]) => ({ text, ...entry }));
  return {
    window,
    editions: stats,
    summary: {
      from: stats[0]?.date ?? null,
      to: stats.at(-1)?.date ?? null,
      editions: stats.length,
      measured: measured.length,
      sentences: stats.reduce((sum, edition) => sum + edition.sentences, 0),
      words: stats.reduce((sum, edition) => sum + edition.words, 0),
      meanVerbatimShare: mean((edition) => edition.verbatimShare),
      meanTemplateShare: mean((edition) => edition.templateShare),
      worstVerbatim: worst((edition) => edition.verbatimShare),
      worstTemplate: worst((edition) => edition.templateShare),
      repeatsInside: stats.reduce((sum, edition) => sum + edition.repeatsInside, 0),
      mostRepeated,
    },
  };
}

export interface SentenceMatch {
  sentence: ProseSentence;
  /** Dates of the earlier editions that printed it (by text or by template), oldest first. */
  dates: string[];
}

function matches(
  edition: { text: EditionText },
  previous: ReadonlyArray<{ date: string; text: EditionText }>,
  key: 'text' | 'template',
): SentenceMatch[] {
  const earlier = byDate(previous).map((p) => ({
    date: p.date,
    keys: new Set(countedSentences(p.text).prose.map((sentence) => sentence[key])),
  }));
  const out: SentenceMatch[] = [];
  for (const sentence of countedSentences(edition.text).prose) {
    const dates = earlier.filter((p) => p.keys.has(sentence[key])).map((p) => p.date);
    if (dates.length) out.push({ sentence, dates });
  }
  return out;
}

/** The edition's prose sentences printed word for word in any of `previous` (for test messages). */
export function verbatimMatches(
  edition: { text: EditionText },
  previous: ReadonlyArray<{ date: string; text: EditionText }>,
): SentenceMatch[] {
  return matches(edition, previous, 'text');
}

/** The edition's prose sentences whose template any of `previous` printed. */
export function templateMatches(
  edition: { text: EditionText },
  previous: ReadonlyArray<{ date: string; text: EditionText }>,
): SentenceMatch[] {
  return matches(edition, previous, 'template');
}

/** Prose texts printed more than once in the edition, with how many times. */
export function repeatsInside(edition: { text: EditionText }): Array<{ text: string; copies: number }> {
  const counts = new Map<string, number>();
  for (const sentence of countedSentences(edition.text).prose)
    counts.set(sentence.text, (counts.get(sentence.text) ?? 0) + 1);
  return [...counts].filter(([, copies]) => copies > 1).map(([text, copies]) => ({ text, copies }));
}
