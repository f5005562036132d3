/**
 * @module analysis/facts/series
 * Numbered series: one author's items whose names are the same except for one number or version,
 * such as `hanyc4855/H24` and `hanyc4855/H25`, `model-v2` and `model-v3`, `Foo-1` and `Foo-2`.
 *
 * Decisions:
 * - The distinguishing part is one number or dotted version, with an optional `v`
 *   (`24`, `v2`, `3.1`); everything else in the name must be equal (case aside), so
 *   `llama-3.1-8b` and `llama-3.2-8b` are a series (stem `llama-8b`), and so are
 *   `Foo-7B-v1` and `Foo-7B-v2` (stem `Foo-7B`).
 * - Sizes are not versions: `foo-7B` and `foo-8B` are one release in several sizes, not an author
 *   iterating, so a number followed by a size unit (`7B`, `270M`, `8x7B`) never distinguishes.
 *   Nor do quantisation numbers (`fp8`, `int4`, `Q4`, `4bit`, `w4a16`).
 * - One author (as collected, else the id's owner) and one kind; papers and releases are left out
 *   (arXiv ids and release tags are not names). The stem must keep a letter, so `1` and `2` are not
 *   a series. Members need at least two different numbers.
 * - An item belongs to at most one series: the largest candidate wins, then the key's order.
 * - Members are in numeric order (`v2` < `v10`, `3` < `3.1` < `3.2`); labels are the
 *   distinguishing parts as written; key = `${author}/${stem}`, stem = the name without that part.
 */

import type { HistoryItem } from '../../core/history.js';
import { compareText } from '../../core/order.js';
import type { Series } from '../../core/signals.js';
import { repoName, repoOwner } from './tokens.js';

type SeriesItem = Pick<HistoryItem, 'id' | 'kind' | 'externalId' | 'author'>;
interface Entry {
  id: number;
  label: string;
  order: number[];
}
interface Candidate {
  key: string;
  author: string;
  stem: string;
  entries: Entry[];
}

/** An optional `v` that starts a word, then a number or dotted version. */
const NUMBER = /(?:(?<!\p{L})[vV])?\d+(?:\.\d+)*/gu;
/** Letters right before a number that make it a format, not a version (`fp8`, `int4`, `Q4_K_M`). */
const FORMAT_PREFIX = /(?:^|[^\p{L}])(?:fp|bf|int|uint|nf|mxfp|nvfp|q|w|a)$/iu;
/** What follows a size or format number: `7B`, `270m`, `1T`, `32k`, `8x7B`, `4bit`. */
const SIZE_OR_FORMAT_SUFFIX = /^(?:[mbtk](?![\p{L}\d])|x\d|bit)/iu;

export function findSeries(items: readonly SeriesItem[]): Series[] {
  const candidates = new Map<string, Candidate>();
  for (const item of items) {
    if (item.kind === 'paper' || item.kind === 'release') continue;
    const author = item.author?.trim() || repoOwner(item.externalId);
    if (!author) continue;
    const name = repoName(item.externalId);
    for (const match of name.matchAll(NUMBER)) {
      const start = match.index;
      const end = start + match[0].length;
      if (FORMAT_PREFIX.test(name.slice(0, start)) || SIZE_OR_FORMAT_SUFFIX.test(name.slice(end))) continue;
      const stem = stemOf(name.slice(0, start), name.slice(end));
      if (!/\p{L}/u.test(stem)) continue;
      const template = `${item.kind}\u0001${author.toLowerCase()}\u0001${`${name.slice(0, start)}#${name.slice(end)}`.toLowerCase()}`;
      const candidate = candidates.get(template) ?? { key: `${author}/${stem}`, author, stem, entries: [] };
      if (!candidate.entries.some((entry) => entry.id === item.id))
        candidate.entries.push({ id: item.id, label: match[0], order: versionOrder(match[0]) });
      candidates.set(template, candidate);
    }
  }

  const ranked = [...candidates.values()]
    .filter(isSeries)
    .sort((a, b) => b.entries.length - a.entries.length || compareText(a.key, b.key));
  const taken = new Set<number>();
  const series: Series[] = [];
  for (const candidate of ranked) {
    const entries = candidate.entries.filter((entry) => !taken.has(entry.id));
    if (!isSeries({ ...candidate, entries })) continue;
    entries.sort((a, b) => compareOrder(a.order, b.order) || a.id - b.id);
    for (const entry of entries) taken.add(entry.id);
    series.push({
      key: candidate.key,
      author: candidate.author,
      stem: candidate.stem,
      members: entries.map((entry) => entry.id),
      labels: entries.map((entry) => entry.label),
    });
  }
  return series.sort((a, b) => compareText(a.key, b.key));
}

function isSeries(candidate: Candidate): boolean {
  return new Set(candidate.entries.map((entry) => entry.order.join('.'))).size >= 2;
}

/** The name without the distinguishing part: `H|` → `H`, `llama-|-8b` → `llama-8b`. */
function stemOf(before: string, after: string): string {
  const joined =
    /[-_.\s]$/u.test(before) && /^[-_.\s]/u.test(after) ? before + after.slice(1) : before + after;
  return joined.replace(/^[-_.\s]+|[-_.\s]+$/gu, '');
}

function versionOrder(label: string): number[] {
  return label
    .replace(/^v/i, '')
    .split('.')
    .map((part) => Number(part));
}

function compareOrder(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}
