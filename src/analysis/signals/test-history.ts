/**
 * @module analysis/signals/test-history
 * Small builders for hand-made histories and facts in tests: only what a test states differs
 * from a neutral default.
 */
import type { History, HistoryItem, HistoryObservation } from '../../core/history.js';
import type { ItemFacts } from '../../core/signals.js';

export function testItem(id: number, externalId: string, extra: Partial<HistoryItem> = {}): HistoryItem {
  const author = externalId.includes('/') ? (externalId.split('/')[0] ?? null) : null;
  return {
    id,
    kind: 'model',
    externalId,
    title: externalId,
    url: `https://example.test/${externalId}`,
    author,
    attributes: {},
    firstSeenAt: '2025-01-01T06:00:00Z',
    ...extra,
  };
}

export function testObservation(
  itemId: number,
  day: string,
  rank: number | null,
  metrics: HistoryObservation['metrics'] = {},
  where: Partial<Pick<HistoryObservation, 'source' | 'list' | 'takenAt'>> = {},
): HistoryObservation {
  return {
    itemId,
    source: 'hf-models',
    list: 'trending',
    day,
    takenAt: `${day}T06:00:00Z`,
    rank,
    metrics,
    ...where,
  };
}

export function historyOf(day: string, items: HistoryItem[], observations: HistoryObservation[]): History {
  const days = observations.map((o) => o.day).sort();
  return { day, from: days[0] ?? day, items, observations, snapshots: [] };
}

export function testFacts(itemId: number, extra: Partial<ItemFacts> = {}): ItemFacts {
  return { itemId, domain: 'general', domainReason: 'test', bigLab: false, ...extra };
}

export function factsMap(list: ItemFacts[]): Map<number, ItemFacts> {
  return new Map(list.map((f) => [f.itemId, f]));
}
