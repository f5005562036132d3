import { describe, expect, it } from 'vitest';
import type { History, HistoryItem, HistoryObservation } from '../../core/history.js';
import { generateHistory, PLANTED } from '../../testing/history/generator.js';
import { comparedDay, findMovers } from './movers.js';
import { buildSeriesIndex } from './series-index.js';

const models = { source: 'hf-models', list: 'trending' } as const;

function item(id: number, externalId: string): HistoryItem {
  return {
    id,
    kind: 'model',
    externalId,
    title: externalId,
    url: 'https://example.test',
    author: null,
    attributes: {},
    firstSeenAt: '2025-06-01T06:00:00Z',
  };
}
function obs(
  itemId: number,
  day: string,
  rank: number,
  metrics: HistoryObservation['metrics'] = {},
): HistoryObservation {
  return { itemId, source: 'hf-models', day, takenAt: `${day}T06:00:00Z`, list: 'trending', rank, metrics };
}
function history(day: string, items: HistoryItem[], observations: HistoryObservation[]): History {
  return { day, from: observations[0]?.day ?? day, items, observations, snapshots: [] };
}

describe('findMovers on a generated 30-day history', () => {
  const h = generateHistory({ days: 30, itemsPerDay: 120, seed: 7 });

  it('finds the planted climbers over 7 days, biggest first, and nothing else climbs', () => {
    const movers = findMovers(h, { ...models, days: 7, metric: 'rank' });
    expect(movers.map((m) => [m.itemId, m.rankChange])).toEqual([
      [5, 35],
      [4, 28],
      [3, 21],
      [2, 14],
      [1, 7],
    ]);
    expect(movers.every((m) => m.windowDays === 7 && m.requestedDays === 7 && !m.isNew)).toBe(true);
    expect(movers[0]?.sparkline).toEqual([85, 80, 75, 70, 65, 60, 55, 50]);
  });

  it('finds one rank a day per k over 1 day', () => {
    const movers = findMovers(h, { ...models, days: 1, metric: 'rank' });
    expect(movers.map((m) => [m.itemId, m.rankChange, m.windowDays])).toEqual([
      [5, 5, 1],
      [4, 4, 1],
      [3, 3, 1],
      [2, 2, 1],
      [1, 1, 1],
    ]);
  });

  it('counts likes gained and ranks the big gainers by the default (likes) score, ties by external id', () => {
    const movers = findMovers(h, { ...models, days: 1, limit: 2 });
    expect(movers.map((m) => [m.itemId, m.likesGained])).toEqual([
      [PLANTED.spike, 5000],
      [PLANTED.popular, 5000],
    ]);
    expect(movers[0]?.score).toBe(movers[1]?.score);
  });

  it('reports a newcomer as a new entry with no previous rank', () => {
    const fresh = generateHistory({ days: 22, itemsPerDay: 120, newcomerDay: 20 });
    const [first] = findMovers(fresh, { ...models, days: 7, metric: 'rank' });
    expect(first).toMatchObject({
      itemId: PLANTED.newcomer,
      isNew: true,
      rankNow: 5,
      rankThen: null,
      rankChange: null,
    });
    expect(first?.sparkline).toEqual([null, null, null, null, null, 5, 5, 5]);
  });

  it('compares only the endpoints for an item that vanished and returned, and shows the gap', () => {
    const h13 = generateHistory({ days: 13, itemsPerDay: 120 });
    expect(
      findMovers(h13, { ...models, days: 1, metric: 'rank' }).find((m) => m.itemId === PLANTED.vanisher),
    ).toMatchObject({ isNew: true });
    const week = buildSeriesIndex(h13);
    expect(week.list('hf-models', 'trending', h13.day)?.get(PLANTED.vanisher)?.rank).toBe(3);
    const all = findMovers(h13, { ...models, days: 7, metric: 'likes' });
    const vanisher = all.find((m) => m.itemId === PLANTED.vanisher);
    expect(vanisher).toMatchObject({ isNew: false, rankChange: 0 });
    expect(vanisher?.sparkline.map((v) => v === null)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('findMovers edge cases', () => {
  it('returns nothing on the first day of history', () => {
    const h = generateHistory({ days: 1, itemsPerDay: 100 });
    expect(findMovers(h, { ...models, days: 1 })).toEqual([]);
    expect(findMovers(h, { ...models, days: 7 })).toEqual([]);
  });

  it('compares with the earliest day in the window when the day a week ago is missing, and says so', () => {
    const h = generateHistory({ days: 30, itemsPerDay: 120, missingDays: [23] });
    const movers = findMovers(h, { ...models, days: 7, metric: 'rank' });
    expect(movers.map((m) => [m.itemId, m.rankChange, m.windowDays])).toEqual([
      [5, 30, 6],
      [4, 24, 6],
      [3, 18, 6],
      [2, 12, 6],
      [1, 6, 6],
    ]);
  });

  it('never pretends a short history is a week', () => {
    const h = generateHistory({ days: 3, itemsPerDay: 100 });
    const movers = findMovers(h, { ...models, days: 7 });
    expect(movers.length).toBeGreaterThan(0);
    expect(movers.every((m) => m.windowDays === 2 && m.requestedDays === 7 && m.sparkline.length === 3)).toBe(
      true,
    );
  });

  it('orders ties by external id', () => {
    const h = history(
      '2025-06-02',
      [item(1, 'zeta/m'), item(2, 'alpha/m')],
      [
        obs(1, '2025-06-01', 1, { likes: 0 }),
        obs(2, '2025-06-01', 2, { likes: 0 }),
        obs(1, '2025-06-02', 1, { likes: 10 }),
        obs(2, '2025-06-02', 2, { likes: 10 }),
      ],
    );
    expect(findMovers(h, { ...models, days: 1 }).map((m) => m.itemId)).toEqual([2, 1]);
  });

  it('keeps the later of duplicated observations and counts them', () => {
    const again = { ...obs(1, '2025-06-02', 1), takenAt: '2025-06-02T07:00:00Z' };
    const h = history(
      '2025-06-02',
      [item(1, 'a/m'), item(2, 'b/m')],
      [
        obs(1, '2025-06-01', 2),
        obs(2, '2025-06-01', 1),
        obs(1, '2025-06-02', 2),
        obs(1, '2025-06-02', 2),
        again,
        obs(2, '2025-06-02', 2),
      ],
    );
    const movers = findMovers(h, { ...models, days: 1, metric: 'rank' });
    expect(movers).toHaveLength(1);
    expect(movers[0]).toMatchObject({ itemId: 1, rankNow: 1, rankChange: 1, sparkline: [2, 1] });
    expect(buildSeriesIndex(h).duplicates).toBe(2);
  });

  it('copes with empty or absent lists', () => {
    const h = history('2025-06-02', [item(1, 'a/m')], [obs(1, '2025-06-01', 1)]);
    expect(findMovers(h, { ...models, days: 1 })).toEqual([]);
    expect(findMovers(h, { source: 'hf-spaces', list: 'trending', days: 7 })).toEqual([]);
  });

  it('ignores observations after the edition day', () => {
    const h = history(
      '2025-06-02',
      [item(1, 'a/m')],
      [obs(1, '2025-06-01', 2), obs(1, '2025-06-02', 1), obs(1, '2025-06-03', 9)],
    );
    expect(findMovers(h, { ...models, days: 7, metric: 'rank' })[0]).toMatchObject({
      rankNow: 1,
      rankChange: 1,
      sparkline: [2, 1],
    });
  });

  it('uses the stars delta when both days are known, else the stars the list says were gained (new entries first)', () => {
    const gh = (
      itemId: number,
      day: string,
      rank: number,
      metrics: HistoryObservation['metrics'],
    ): HistoryObservation => ({
      ...obs(itemId, day, rank, metrics),
      source: 'github-trending',
      list: 'daily',
    });
    const h = history(
      '2025-06-02',
      [item(1, 'a/r'), item(2, 'b/r')],
      [
        gh(1, '2025-06-01', 1, { stars: 100 }),
        gh(1, '2025-06-02', 1, { stars: 150, starsInPeriod: 70 }),
        gh(2, '2025-06-02', 2, { starsInPeriod: 40 }),
      ],
    );
    const movers = findMovers(h, { source: 'github-trending', list: 'daily', days: 1 });
    expect(movers.map((m) => [m.itemId, m.starsGained, m.sparklineMetric])).toEqual([
      [2, 40, 'stars'],
      [1, 50, 'stars'],
    ]);
  });

  it('finds the compared day inside the window only', () => {
    expect(comparedDay(['2025-05-01', '2025-06-05'], '2025-06-10', 7)).toBe('2025-06-05');
    expect(comparedDay(['2025-05-01'], '2025-06-10', 7)).toBeUndefined();
  });
});
