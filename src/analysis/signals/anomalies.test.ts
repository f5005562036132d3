import { describe, expect, it } from 'vitest';
import { addDays, type HistoryObservation } from '../../core/history.js';
import type { SourceId } from '../../core/item.js';
import { generateHistory, PLANTED } from '../../testing/history/generator.js';
import { findAnomalies } from './anomalies.js';
import { historyOf, testItem, testObservation } from './test-history.js';

const DAY = '2025-06-15';

/** `values` are the counter on the days before DAY (oldest first), then on DAY. */
function series(
  itemId: number,
  source: SourceId,
  values: HistoryObservation['metrics'][],
): HistoryObservation[] {
  return values.map((metrics, i) =>
    testObservation(itemId, addDays(DAY, i + 1 - values.length), 1, metrics, { source, list: 'trending' }),
  );
}
const steady = (n: number, from: number, step: number, extra: HistoryObservation['metrics'] = {}) =>
  Array.from({ length: n }, (_, i) => ({ likes: from + i * step, ...extra }));

describe('findAnomalies on a generated history', () => {
  it('flags the planted spike and not the genuinely popular model', () => {
    const anomalies = findAnomalies(generateHistory({ days: 30, itemsPerDay: 120, extras: true }));
    expect(anomalies.map((a) => a.itemId)).toEqual([PLANTED.spike]);
    expect(anomalies[0]).toMatchObject({ metric: 'likes', gained: 5000 });
    expect(anomalies[0]?.reason).toBe(
      'likes +5,000 in 1 day against a median of +10 a day over the previous 13 days, with only 3 downloads (1,666.7 likes per download; plausible at most 0.5)',
    );
  });
});

describe('findAnomalies rules', () => {
  const item = testItem(1, 'someone/model');

  it('flags +5,000 likes in a day with 3 downloads, not the same jump with proportional downloads', () => {
    const gamed = [...steady(6, 100, 10, { downloads: 3 }), { likes: 5150, downloads: 3 }];
    expect(findAnomalies(historyOf(DAY, [item], series(1, 'hf-models', gamed)))).toHaveLength(1);
    const popular = [...steady(6, 1000, 200, { downloads: 900_000 }), { likes: 7000, downloads: 1_000_000 }];
    expect(findAnomalies(historyOf(DAY, [item], series(1, 'hf-models', popular)))).toEqual([]);
  });

  it('ignores jumps below the minimum and jumps in line with the item history', () => {
    const small = [...steady(6, 100, 10, { downloads: 3 }), { likes: 500, downloads: 3 }];
    expect(findAnomalies(historyOf(DAY, [item], series(1, 'hf-models', small)))).toEqual([]);
    const usual = [...steady(6, 100, 1000, { downloads: 3 }), { likes: 6100, downloads: 3 }];
    expect(findAnomalies(historyOf(DAY, [item], series(1, 'hf-models', usual)))).toEqual([]);
  });

  it('flags a brand-new item with thousands of likes and next to no downloads', () => {
    const fresh = testItem(1, 'new/model', { attributes: { createdAt: '2025-06-13T00:00:00Z' } });
    const today = series(1, 'hf-new-models', [{ likes: 3000, downloads: 2 }]);
    const [anomaly] = findAnomalies(historyOf(DAY, [fresh], today));
    expect(anomaly).toMatchObject({ gained: 3000, metric: 'likes' });
    expect(anomaly?.reason).toBe(
      '3,000 likes on an item 2 days old with only 2 downloads (1,500 likes per download; plausible at most 0.5)',
    );
    const used = series(1, 'hf-new-models', [{ likes: 3000, downloads: 500_000 }]);
    expect(findAnomalies(historyOf(DAY, [fresh], used))).toEqual([]);
    const old = testItem(1, 'old/model', { attributes: { createdAt: '2024-01-01T00:00:00Z' } });
    expect(findAnomalies(historyOf(DAY, [old], today))).toEqual([]);
  });

  it('judges stars against forks', () => {
    const repo = testItem(1, 'o/r', { kind: 'repository' });
    const stars = (forks: number) => [
      ...Array.from({ length: 6 }, (_, i) => ({ stars: 1000 + i * 50, forks })),
      { stars: 6250, forks },
    ];
    const [flagged] = findAnomalies(historyOf(DAY, [repo], series(1, 'github-trending', stars(3))));
    expect(flagged?.reason).toContain('stars +5,000 in 1 day');
    expect(flagged?.reason).toContain('with only 3 forks');
    expect(findAnomalies(historyOf(DAY, [repo], series(1, 'github-trending', stars(2000))))).toEqual([]);
  });

  it('needs a stronger spike and enough history without a usage counter', () => {
    const space = testItem(1, 'o/space', { kind: 'space' });
    const long = [...steady(6, 100, 10), { likes: 2150 }];
    expect(findAnomalies(historyOf(DAY, [space], series(1, 'hf-spaces', long)))[0]?.reason).toContain(
      'no usage counter',
    );
    const short = [...steady(2, 100, 10), { likes: 2110 }];
    expect(findAnomalies(historyOf(DAY, [space], series(1, 'hf-spaces', short)))).toEqual([]);
  });

  it('spreads a jump over a gap in the history and says so', () => {
    const observations = series(1, 'hf-models', [
      ...steady(6, 100, 10, { downloads: 3 }),
      { likes: 0 },
      { likes: 0 },
      { likes: 3150, downloads: 3 },
    ]).filter((_, i) => i !== 6 && i !== 7);
    expect(findAnomalies(historyOf(DAY, [item], observations))[0]?.reason).toContain(
      'likes +3,000 in 3 days',
    );
  });

  it('reports an item once even when two sources show it', () => {
    const gamed = [...steady(6, 100, 10, { downloads: 3 }), { likes: 5150, downloads: 3 }];
    const both = [...series(1, 'hf-models', gamed), ...series(1, 'hf-new-models', gamed)];
    expect(findAnomalies(historyOf(DAY, [item], both))).toHaveLength(1);
  });
});

describe('findAnomalies with almost no history', () => {
  const item = testItem(1, 'someone/model');

  it('flags a huge gain after a single earlier observation when usage does not support it', () => {
    const gamed = [
      { likes: 10, downloads: 3 },
      { likes: 6000, downloads: 3 },
    ];
    const [anomaly] = findAnomalies(historyOf(DAY, [item], series(1, 'hf-models', gamed)));
    expect(anomaly).toMatchObject({ itemId: 1, metric: 'likes', gained: 5990 });
    expect(anomaly?.reason).toContain('the first change we have seen');
    const honest = [
      { likes: 10, downloads: 30_000 },
      { likes: 6000, downloads: 900_000 },
    ];
    expect(findAnomalies(historyOf(DAY, [item], series(1, 'hf-models', honest)))).toEqual([]);
  });

  it("judges a repository's stars in the period on first sight against its forks", () => {
    const repo = testItem(2, 'someone/repo');
    const bought = series(2, 'github-trending', [{ stars: 9000, starsInPeriod: 8000, forks: 2 }]);
    expect(findAnomalies(historyOf(DAY, [repo], bought))[0]).toMatchObject({
      itemId: 2,
      metric: 'stars',
      gained: 8000,
    });
    const real = series(2, 'github-trending', [{ stars: 9000, starsInPeriod: 8000, forks: 1500 }]);
    expect(findAnomalies(historyOf(DAY, [repo], real))).toEqual([]);
  });
});
