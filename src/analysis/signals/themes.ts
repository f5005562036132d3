/**
 * @module analysis/signals/themes
 * Themes: clusters of the day's trending items (models, datasets, spaces) that share one or more
 * of domain, family, size class, relation, task and author, e.g. "small medical fine-tunes of
 * Qwen". Every combination of up to four non-author dimensions is grouped in one pass per day.
 */

import type { History } from '../../core/history.js';
import type { SourceId } from '../../core/item.js';
import { compareText } from '../../core/order.js';
import type { ItemFacts, Theme } from '../../core/signals.js';
import { period, round } from './period.js';
import { getOrMake, type SeriesIndex, seriesIndex } from './series-index.js';
import { themeLabel } from './theme-label.js';

export type ThemeDimension = Theme['dimensions'][number];

export interface ThemeOptions {
  day?: string;
  /** Keep the strongest `limit` themes (default 25). */
  limit?: number;
}

/** The lists whose items make themes. */
export const THEME_LISTS: readonly [SourceId, string][] = [
  ['hf-models', 'trending'],
  ['hf-datasets', 'trending'],
  ['hf-spaces', 'trending'],
];
/** A theme needs at least this many members. */
export const MIN_MEMBERS = 2;
/** Novelty (today's share ÷ the previous 7 days' average share) is clamped to this range. */
export const NOVELTY_RANGE = [0.5, 3] as const;
/** The previous share never counts below this, so a first appearance is not infinitely novel. */
export const NOVELTY_FLOOR = 0.01;
/** `general` means "unsure"; clusters on it are weak stories. */
export const GENERAL_PENALTY = 0.3;
/** A cluster whose members all share one author is that author's story, unless the author is a dimension. */
export const SINGLE_AUTHOR_PENALTY = 0.3;
/** Each describing dimension (domain, family, size, relation) beyond the first makes a more telling theme. */
export const SPECIFICITY_BONUS = 0.15;
/** Domain value standing for "any domain but general" (label: domain-specific). */
export const SPECIALISED = 'specialised';

const COMBINABLE: ThemeDimension[] = ['domain', 'family', 'size', 'relation', 'task'];
/** Every non-empty subset of the combinable dimensions with at most four members, plus author alone. */
const SUBSETS: ThemeDimension[][] = [
  ...Array.from({ length: 1 << COMBINABLE.length }, (_, mask) =>
    COMBINABLE.filter((_, i) => mask & (1 << i)),
  ).filter((dims) => dims.length >= 1 && dims.length <= 4),
  ['author'],
];

type Values = Partial<Record<ThemeDimension, string[]>>;

function valuesOf(index: SeriesIndex, facts: ReadonlyMap<number, ItemFacts>, itemId: number): Values {
  const f = facts.get(itemId);
  const item = index.items.get(itemId);
  const values: Values = {};
  if (f) {
    values.domain = f.domain === 'general' ? ['general'] : [f.domain, SPECIALISED];
    if (f.family) values.family = [f.family];
    if (f.sizeClass) values.size = [f.sizeClass];
    if (f.relation) values.relation = [f.relation];
  }
  if (item?.attributes.pipelineTag) values.task = [item.attributes.pipelineTag];
  if (item?.author) values.author = [item.author];
  return values;
}

/** Theme keys (`domain=medical+family=qwen`) an item belongs to. */
function keysOf(values: Values): string[] {
  const keys: string[] = [];
  for (const dims of SUBSETS) {
    let partial = [''];
    for (const dim of dims) {
      const vs = values[dim];
      if (!vs) {
        partial = [];
        break;
      }
      partial = partial.flatMap((prefix) => vs.map((v) => `${prefix}${prefix ? '+' : ''}${dim}=${v}`));
    }
    keys.push(...partial);
  }
  return keys;
}

function groupDay(index: SeriesIndex, keysFor: (itemId: number) => string[], day: string) {
  const groups = new Map<string, number[]>();
  let size = 0;
  for (const [source, list] of THEME_LISTS) {
    for (const itemId of index.list(source, list, day)?.keys() ?? []) {
      size += 1;
      for (const key of keysFor(itemId)) {
        getOrMake(groups, key, (): number[] => []).push(itemId);
      }
    }
  }
  return { groups, size };
}

/**
 * Themes of the day, strongest first (ties by id). Strength:
 *   share × (1 + log2(members)) × novelty × (1 + SPECIFICITY_BONUS × (describing dimensions − 1)) × penalties
 * where share = members ÷ trending items today, novelty = share ÷ max(average share over the
 * previous 7 days, NOVELTY_FLOOR) clamped to NOVELTY_RANGE (1 without earlier data), penalties are
 * GENERAL_PENALTY for a `general` domain and SINGLE_AUTHOR_PENALTY for one author without the author
 * dimension. Themes with the same members keep only the strongest (then the most telling name, then id).
 */
export function findThemes(
  history: History,
  facts: ReadonlyMap<number, ItemFacts>,
  options: ThemeOptions = {},
): Theme[] {
  const index = seriesIndex(history);
  const day = options.day ?? history.day;
  // An item's keys depend only on its facts, and most items trend for days: compute them once.
  const cache = new Map<number, string[]>();
  const keysFor = (itemId: number) => getOrMake(cache, itemId, () => keysOf(valuesOf(index, facts, itemId)));
  const today = groupDay(index, keysFor, day);
  if (today.size === 0) return [];

  const previousShare = new Map<string, number>();
  let previousDays = 0;
  for (const d of period(day, 7, 1).days) {
    const earlier = groupDay(index, keysFor, d);
    if (earlier.size === 0) continue;
    previousDays += 1;
    for (const [key, members] of earlier.groups) {
      if (today.groups.has(key))
        previousShare.set(key, (previousShare.get(key) ?? 0) + members.length / earlier.size);
    }
  }

  const themes: Theme[] = [];
  for (const [id, members] of today.groups) {
    if (members.length < MIN_MEMBERS) continue;
    const pairs = id.split('+').map((part) => part.split('=') as [ThemeDimension, string]);
    const dimensions = pairs.map(([dim]) => dim);
    const share = members.length / today.size;
    const before = previousDays > 0 ? (previousShare.get(id) ?? 0) / previousDays : null;
    const novelty = before === null ? 1 : clamp(share / Math.max(before, NOVELTY_FLOOR), ...NOVELTY_RANGE);
    const authors = new Set(members.map((m) => index.items.get(m)?.author ?? `#${m}`));
    const core = coreDimensions(dimensions);
    let strength =
      share * (1 + Math.log2(members.length)) * novelty * (1 + SPECIFICITY_BONUS * Math.max(core - 1, 0));
    if (pairs.some(([dim, v]) => dim === 'domain' && v === 'general')) strength *= GENERAL_PENALTY;
    if (authors.size === 1 && !dimensions.includes('author')) strength *= SINGLE_AUTHOR_PENALTY;
    const sorted = [...members].sort((a, b) => a - b);
    themes.push({ id, label: themeLabel(pairs), dimensions, members: sorted, strength: round(strength) });
  }

  // Among themes with the same members keep the strongest, then the most telling name.
  themes.sort((a, b) => b.strength - a.strength || telling(b) - telling(a) || compareText(a.id, b.id));
  const seen = new Set<string>();
  const distinct = themes.filter((theme) => {
    const key = theme.members.join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return distinct.slice(0, options.limit ?? 25);
}

/** Domain, family, size and relation describe a cluster; a shared task or author only narrows it. */
function coreDimensions(dimensions: ThemeDimension[]): number {
  return dimensions.filter((d) => d !== 'task' && d !== 'author').length;
}

/** More describing dimensions, fewer narrowing ones, and a named domain rather than "specialised". */
function telling(theme: Theme): number {
  const core = coreDimensions(theme.dimensions);
  return (
    core * 100 - (theme.dimensions.length - core) * 10 - (theme.id.includes(`domain=${SPECIALISED}`) ? 1 : 0)
  );
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
