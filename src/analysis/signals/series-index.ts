/**
 * @module analysis/signals/series-index
 * One pass over a History that makes every later look-up O(1): observations by source, list, day
 * and item, and by source, item and day (any list). Built once per History (memoised), so
 * movers, metrics, themes and anomalies never scan the observations again.
 */
import type { History, HistoryItem, HistoryObservation } from '../../core/history.js';
import type { SourceId } from '../../core/item.js';

/** Observations of one list on one day, by item id. */
export type DayList = Map<number, HistoryObservation>;

export interface SeriesIndex {
  /** The edition day; observations after it were left out. */
  readonly day: string;
  readonly items: ReadonlyMap<number, HistoryItem>;
  /** Every day (≤ the edition day) with at least one observation, oldest first. */
  readonly days: readonly string[];
  /** Observations that repeated an item on the same source, list and day (the later one was kept). */
  readonly duplicates: number;
  /** The observations of a list on a day, or undefined when the list was not seen that day. */
  list(source: SourceId, list: string, day: string): DayList | undefined;
  /** Days on which a list has observations, oldest first. */
  listDays(source: SourceId, list: string): readonly string[];
  /** Lists a source has on a day (sorted), to combine GitHub's `daily`, `daily/python`, … */
  listsOn(source: SourceId, day: string): readonly string[];
  /** One observation of an item on a source on a day, whatever the list (the first list by name). */
  onDay(source: SourceId, itemId: number, day: string): HistoryObservation | undefined;
  /** Days on which an item was seen on a source, oldest first. */
  itemDays(source: SourceId, itemId: number): readonly string[];
}

const listKey = (source: string, list: string) => `${source}\u0000${list}`;
const itemKey = (source: string, itemId: number) => `${source}\u0000${itemId}`;

/** Which of two observations of the same thing to keep: the later snapshot, then the better rank. */
function prefer(a: HistoryObservation, b: HistoryObservation): HistoryObservation {
  if (a.takenAt !== b.takenAt) return a.takenAt > b.takenAt ? a : b;
  return (b.rank ?? Number.MAX_SAFE_INTEGER) < (a.rank ?? Number.MAX_SAFE_INTEGER) ? b : a;
}

/** The value under `key`, made and stored on first use. */
export function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

export function buildSeriesIndex(history: History): SeriesIndex {
  const items = new Map(history.items.map((item) => [item.id, item]));
  const lists = new Map<string, Map<string, DayList>>();
  const byItem = new Map<string, Map<string, HistoryObservation>>();
  const listsByDay = new Map<string, Set<string>>();
  const days = new Set<string>();
  let duplicates = 0;

  for (const observation of history.observations) {
    if (observation.day > history.day) continue;
    days.add(observation.day);
    const lk = listKey(observation.source, observation.list);
    const perDay = getOrMake(lists, lk, () => new Map<string, DayList>());
    const dayList = getOrMake(perDay, observation.day, (): DayList => new Map());
    const seen = dayList.get(observation.itemId);
    if (seen) duplicates += 1;
    const kept = seen ? prefer(seen, observation) : observation;
    dayList.set(observation.itemId, kept);

    const sourceDay = `${observation.source}\u0000${observation.day}`;
    getOrMake(listsByDay, sourceDay, () => new Set<string>()).add(observation.list);

    const ik = itemKey(observation.source, observation.itemId);
    const itemDays = getOrMake(byItem, ik, () => new Map<string, HistoryObservation>());
    const other = itemDays.get(observation.day);
    // Any list will do for cumulative counters; the first list by name keeps the choice stable.
    if (!other || other.list === observation.list || observation.list < other.list) {
      itemDays.set(observation.day, kept);
    }
  }

  const sortedDays = [...days].sort();
  const listDayCache = new Map<string, string[]>();
  const itemDayCache = new Map<string, string[]>();
  const listsOnCache = new Map<string, string[]>();
  return {
    day: history.day,
    items,
    days: sortedDays,
    duplicates,
    list: (source, list, day) => lists.get(listKey(source, list))?.get(day),
    listDays(source, list) {
      const key = listKey(source, list);
      return getOrMake(listDayCache, key, () => [...(lists.get(key)?.keys() ?? [])].sort());
    },
    listsOn(source, day) {
      const key = `${source}\u0000${day}`;
      return getOrMake(listsOnCache, key, () => [...(listsByDay.get(key) ?? [])].sort());
    },
    onDay: (source, itemId, day) => byItem.get(itemKey(source, itemId))?.get(day),
    itemDays(source, itemId) {
      const key = itemKey(source, itemId);
      return getOrMake(itemDayCache, key, () => [...(byItem.get(key)?.keys() ?? [])].sort());
    },
  };
}

const memo = new WeakMap<History, SeriesIndex>();

/**
 * The index of a History, built on first use. Histories are treated as immutable values, so the
 * memo only saves work: every function below gives the same answer with or without it.
 */
export function seriesIndex(history: History): SeriesIndex {
  const found = memo.get(history);
  if (found) return found;
  const index = buildSeriesIndex(history);
  memo.set(history, index);
  return index;
}

/** Items observed in a list on a day, in rank order (unranked last), ties by item id. */
export function rankedObservations(dayList: DayList | undefined): HistoryObservation[] {
  if (!dayList) return [];
  const inf = Number.MAX_SAFE_INTEGER;
  return [...dayList.values()].sort((a, b) => (a.rank ?? inf) - (b.rank ?? inf) || a.itemId - b.itemId);
}
