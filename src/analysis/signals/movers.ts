/**
 * @module analysis/signals/movers
 * Who moved in a list: rank change, new entries and counters gained between the edition day and
 * the day `days` earlier (or the earliest day the list was seen inside that window). The window
 * actually compared is stated on every mover, so a 3-day history never pretends to be a week.
 */

import { addDays, daysBetween, type History, type HistoryObservation } from '../../core/history.js';
import type { SourceId } from '../../core/item.js';
import { compareText } from '../../core/order.js';
import type { Mover } from '../../core/signals.js';
import { seriesIndex } from './series-index.js';

export type MoverMetric = Mover['sparklineMetric'];

export interface MoverOptions {
  source: SourceId;
  list: string;
  /** The window in days: 1 and 7 in editions, up to 90 through the API. */
  days: number;
  /** What the sparkline shows and the gain part of the score measures; by source when omitted. */
  metric?: MoverMetric;
  /** The day to compare from; the History's day when omitted. */
  day?: string;
  /** Keep the first `limit` movers. */
  limit?: number;
}

/** A new entry's bonus, scaled by how high it entered (1 at rank 1, 0 at the bottom). */
export const NEW_ENTRY_WEIGHT = 1;

/** The counter a source's movers are measured by when the caller does not say. */
export function defaultMoverMetric(source: SourceId): MoverMetric {
  if (source === 'github-trending') return 'stars';
  if (source === 'hf-papers') return 'upvotes';
  if (source === 'hf-models' || source === 'hf-datasets' || source === 'hf-spaces') return 'likes';
  return 'rank';
}

function metricValue(observation: HistoryObservation | undefined, metric: MoverMetric): number | null {
  if (!observation) return null;
  if (metric === 'rank') return observation.rank;
  return observation.metrics[metric] ?? null;
}

function delta(now: number | undefined, then: number | undefined): number | undefined {
  return now === undefined || then === undefined ? undefined : now - then;
}

function gainOf(mover: Mover, metric: MoverMetric): number | undefined {
  if (metric === 'likes') return mover.likesGained;
  if (metric === 'downloads') return mover.downloadsGained;
  if (metric === 'stars') return mover.starsGained;
  return undefined;
}

/** The day compared with: `days` earlier when the list was seen then, else the earliest day inside the window. */
export function comparedDay(listDays: readonly string[], day: string, days: number): string | undefined {
  const target = addDays(day, -days);
  return listDays.find((candidate) => candidate >= target && candidate < day);
}

/**
 * Movers of one list, best first. Score (documented because the planner and readers rely on it):
 *   rank part  = max(rankChange, 0) / list size          — a climb as a fraction of the list
 *   new part   = NEW_ENTRY_WEIGHT × (1 − (rankNow − 1) / list size) for a new entry, else 0
 *   gain part  = log10(1 + gain) / log10(1 + largest gain in the list), for likes/stars/downloads
 *   score      = rank part + new part + gain part
 * Only items that climbed, entered or gained are returned. Ties: external id, then item id.
 * On the first day of a list (nothing earlier inside the window) there are no movers: [].
 */
export function findMovers(history: History, options: MoverOptions): Mover[] {
  const index = seriesIndex(history);
  const day = options.day ?? history.day;
  const metric = options.metric ?? defaultMoverMetric(options.source);
  const today = index.list(options.source, options.list, day);
  const listDays = index.listDays(options.source, options.list);
  const then = comparedDay(listDays, day, options.days);
  if (!today || today.size === 0 || then === undefined) return [];
  const before = index.list(options.source, options.list, then);
  const windowDays = daysBetween(then, day);
  const window = Array.from({ length: windowDays + 1 }, (_, i) => addDays(then, i));
  const size = today.size;

  const movers: Mover[] = [];
  for (const now of today.values()) {
    const old = before?.get(now.itemId);
    const rankThen = old?.rank ?? null;
    const rankChange = rankThen !== null && now.rank !== null ? rankThen - now.rank : null;
    const mover: Mover = {
      itemId: now.itemId,
      source: options.source,
      list: options.list,
      windowDays,
      requestedDays: options.days,
      rankNow: now.rank,
      rankThen,
      rankChange,
      isNew: old === undefined,
      sparkline: window.map((d) =>
        metricValue(index.list(options.source, options.list, d)?.get(now.itemId), metric),
      ),
      sparklineMetric: metric,
      score: 0,
    };
    const likes = delta(now.metrics.likes, old?.metrics.likes);
    const downloads = delta(now.metrics.downloads, old?.metrics.downloads);
    // Stars: the difference of totals when both days are known, else what the list says was gained.
    const stars = delta(now.metrics.stars, old?.metrics.stars) ?? now.metrics.starsInPeriod;
    if (likes !== undefined) mover.likesGained = likes;
    if (downloads !== undefined) mover.downloadsGained = downloads;
    if (stars !== undefined) mover.starsGained = stars;
    movers.push(mover);
  }

  const largest = movers.reduce((max, m) => Math.max(max, gainOf(m, metric) ?? 0), 0);
  for (const mover of movers) {
    const climb = Math.max(mover.rankChange ?? 0, 0) / size;
    const entry = mover.isNew ? NEW_ENTRY_WEIGHT * (1 - ((mover.rankNow ?? size) - 1) / size) : 0;
    const gain = gainOf(mover, metric) ?? 0;
    const gained = gain > 0 && largest > 0 ? Math.log10(1 + gain) / Math.log10(1 + largest) : 0;
    mover.score = Math.round((climb + entry + gained) * 1e6) / 1e6;
  }

  const key = (m: Mover) => index.items.get(m.itemId)?.externalId ?? '';
  const moved = movers
    .filter((m) => (m.rankChange ?? 0) > 0 || m.isNew || (gainOf(m, metric) ?? 0) > 0)
    .sort((a, b) => b.score - a.score || compareText(key(a), key(b)) || a.itemId - b.itemId);
  return options.limit === undefined ? moved : moved.slice(0, options.limit);
}
