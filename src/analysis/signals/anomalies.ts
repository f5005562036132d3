/**
 * @module analysis/signals/anomalies
 * The guard against gaming: an item whose likes, stars or upvotes jump far beyond what its usage
 * (downloads, forks), age and own history support. The planner never leads on such a jump alone.
 */
import { addDays, daysBetween, type History, type HistoryObservation } from '../../core/history.js';
import type { SourceId } from '../../core/item.js';
import type { Anomaly } from '../../core/signals.js';
import { median } from './period.js';
import { type SeriesIndex, seriesIndex } from './series-index.js';
import { plausibleCreatedAt } from './weekend.js';

type Counter = Anomaly['metric'];

/** Which counter each source is judged on. */
export const ANOMALY_SOURCES: readonly [SourceId, Counter][] = [
  ['hf-models', 'likes'],
  ['hf-new-models', 'likes'],
  ['hf-datasets', 'likes'],
  ['hf-spaces', 'likes'],
  ['github-trending', 'stars'],
  ['hf-papers', 'upvotes'],
];
/** Days of an item's own history looked at. */
export const ANOMALY_WINDOW_DAYS = 14;
/** Smaller jumps are never anomalies, whatever the ratios. */
export const MIN_GAIN: Record<Counter, number> = { likes: 500, stars: 1000, upvotes: 200 };
/** A jump is a spike when its daily rate exceeds this many times the item's median daily gain. */
export const SPIKE_FACTOR = 10;
/** Without a usage counter to cross-check, a spike must be this much larger, over enough history. */
export const STRONG_SPIKE_FACTOR = 30;
export const MIN_HISTORY_GAINS = 3;
/** More likes gained than this per download (the Hub's 30-day count) is implausible. */
export const MAX_LIKES_PER_DOWNLOAD = 0.5;
/** More stars gained than this per fork is implausible. */
export const MAX_STARS_PER_FORK = 20;
/** An item this young with this many likes and few downloads is flagged even without history. */
export const NEW_ITEM_DAYS = 7;
export const NEW_ITEM_MIN_LIKES = 1000;

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const fmt = (n: number) => number.format(n);

interface Usage {
  name: 'downloads' | 'forks';
  value: number;
  limit: number;
}

function usageOf(counter: Counter, o: HistoryObservation): Usage | undefined {
  if (counter === 'likes' && o.metrics.downloads !== undefined)
    return { name: 'downloads', value: o.metrics.downloads, limit: MAX_LIKES_PER_DOWNLOAD };
  if (counter === 'stars' && o.metrics.forks !== undefined)
    return { name: 'forks', value: o.metrics.forks, limit: MAX_STARS_PER_FORK };
  return undefined;
}

function ageDays(index: SeriesIndex, itemId: number, day: string): number | null {
  const item = index.items.get(itemId);
  if (!item) return null;
  const created = plausibleCreatedAt(item.attributes.createdAt, day) ?? Date.parse(item.firstSeenAt);
  return Number.isFinite(created) ? (Date.parse(`${day}T00:00:00Z`) - created) / 86_400_000 : null;
}

function judge(
  index: SeriesIndex,
  source: SourceId,
  counter: Counter,
  itemId: number,
  day: string,
): Anomaly | null {
  const now = index.onDay(source, itemId, day);
  const value = now?.metrics[counter];
  if (!now || value === undefined) return null;
  const from = addDays(day, -ANOMALY_WINDOW_DAYS);
  const points = index
    .itemDays(source, itemId)
    .filter((d) => d >= from && d < day)
    .flatMap((d) => {
      const v = index.onDay(source, itemId, d)?.metrics[counter];
      return v === undefined ? [] : [{ day: d, value: v }];
    });
  const usage = usageOf(counter, now);
  const usageText = (gained: number, u: Usage) =>
    `with only ${fmt(u.value)} ${u.name} (${fmt(gained / Math.max(u.value, 1))} ${counter} per ${u.name.slice(0, -1)}; plausible at most ${u.limit})`;
  const implausible = (gained: number, u: Usage | undefined) =>
    u !== undefined && gained / Math.max(u.value, 1) > u.limit;

  const previous = points[points.length - 1];
  if (!previous && counter === 'stars') {
    // A repository seen for the first time: judge the stars GitHub says it gained in the period.
    const inPeriod = now.metrics.starsInPeriod;
    if (inPeriod === undefined || inPeriod < MIN_GAIN.stars || !implausible(inPeriod, usage)) return null;
    return {
      itemId,
      metric: counter,
      gained: inPeriod,
      reason: `stars +${fmt(inPeriod)} in the trending period on first sight, ${usageText(inPeriod, usage as Usage)}`,
    };
  }
  if (!previous) {
    // No history: only a brand-new item with many likes and next to no downloads is judged.
    const age = ageDays(index, itemId, day);
    if (counter !== 'likes' || age === null || age > NEW_ITEM_DAYS || value < NEW_ITEM_MIN_LIKES) return null;
    if (!usage || !implausible(value, usage)) return null;
    const reason = `${fmt(value)} likes on an item ${fmt(Math.max(age, 0))} days old ${usageText(value, usage)}`;
    return { itemId, metric: counter, gained: value, reason };
  }

  const gap = daysBetween(previous.day, day);
  const gained = value - previous.value;
  const rate = gained / gap;
  const gains = points.slice(1).map((p, i) => {
    const before = points[i] ?? p;
    return (p.value - before.value) / Math.max(daysBetween(before.day, p.day), 1);
  });
  const typical = Math.max(median(gains) ?? 0, 1);
  if (gained < MIN_GAIN[counter]) return null;
  const when = gap === 1 ? 'in 1 day' : `in ${gap} days`;
  if (gains.length === 0) {
    // One earlier observation gives no typical pace, but a big gain on next to no usage is still implausible.
    if (!usage || !implausible(gained, usage)) return null;
    return {
      itemId,
      metric: counter,
      gained,
      reason: `${counter} +${fmt(gained)} ${when}, the first change we have seen, ${usageText(gained, usage)}`,
    };
  }
  const history = `against a median of +${fmt(typical)} a day over the previous ${gains.length} days`;
  if (usage) {
    if (rate <= SPIKE_FACTOR * typical || !implausible(gained, usage)) return null;
    return {
      itemId,
      metric: counter,
      gained,
      reason: `${counter} +${fmt(gained)} ${when} ${history}, ${usageText(gained, usage)}`,
    };
  }
  if (gains.length < MIN_HISTORY_GAINS || rate <= STRONG_SPIKE_FACTOR * typical) return null;
  return {
    itemId,
    metric: counter,
    gained,
    reason: `${counter} +${fmt(gained)} ${when} ${history}, with no usage counter to support it`,
  };
}

/**
 * Anomalies of the edition day, biggest jump first (ties by item id); one per item, judged on the
 * first source in ANOMALY_SOURCES that flags it. Rules:
 * - history: gain ≥ MIN_GAIN, daily rate > SPIKE_FACTOR × the item's median daily gain in the
 *   window, and gain per download (likes) or per fork (stars) above its limit; with no usage
 *   counter (spaces, papers), rate > STRONG_SPIKE_FACTOR × median over ≥ MIN_HISTORY_GAINS gains;
 * - no history: a likes counter on an item ≤ NEW_ITEM_DAYS old with ≥ NEW_ITEM_MIN_LIKES likes and
 *   more than MAX_LIKES_PER_DOWNLOAD likes per download.
 */
export function findAnomalies(history: History, options: { day?: string } = {}): Anomaly[] {
  const index = seriesIndex(history);
  const day = options.day ?? history.day;
  const found = new Map<number, Anomaly>();
  for (const [source, counter] of ANOMALY_SOURCES) {
    const ids = new Set(
      index.listsOn(source, day).flatMap((list) => [...(index.list(source, list, day)?.keys() ?? [])]),
    );
    for (const itemId of ids) {
      if (found.has(itemId)) continue;
      const anomaly = judge(index, source, counter, itemId, day);
      if (anomaly) found.set(itemId, anomaly);
    }
  }
  return [...found.values()].sort((a, b) => b.gained - a.gained || a.itemId - b.itemId);
}
