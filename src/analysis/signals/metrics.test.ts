import { describe, expect, it } from 'vitest';
import { MorningPostError } from '../../core/errors.js';
import type { HistoryObservation } from '../../core/history.js';
import type { Metric } from '../../core/signals.js';
import { generateHistory } from '../../testing/history/generator.js';
import { computeMetrics } from './metrics.js';
import { factsMap, historyOf, testFacts, testItem, testObservation } from './test-history.js';

const DAY = '2025-06-15'; // a Sunday
const byId = (metrics: Metric[], id: string) => metrics.find((m) => m.id === id);
const newModel = (itemId: number, day = DAY) =>
  testObservation(itemId, day, itemId, {}, { source: 'hf-new-models', list: 'new' });

describe('weekend share', () => {
  const created = [
    '2025-06-14T02:00:00Z', // Saturday in UTC, Friday 19:00 in Los Angeles
    '2025-06-14T05:00:00Z', // Saturday in UTC, Friday 22:00 in Los Angeles
    '2025-06-11T12:00:00Z', // Wednesday everywhere
    '2025-06-15T20:00:00Z', // Sunday everywhere
    'not-a-date',
    '1970-01-01T00:00:00Z',
    '2030-01-01T00:00:00Z',
    '2025-05-01T00:00:00Z', // before the period: not counted, not nonsense
  ];
  // createdAt is deliberately not validated here: analysis must survive what the store hands it.
  const items = created.map((createdAt, i) => testItem(i + 1, `u${i}/m`, { attributes: { createdAt } }));
  const history = historyOf(
    DAY,
    items,
    items.map((item) => newModel(item.id)),
  );

  it('differs between UTC and the edition time zone, and counts nonsense dates in a note', () => {
    const metrics = computeMetrics(history, new Map(), { timeZone: 'America/Los_Angeles' });
    const utc = byId(metrics, 'weekend-share-utc');
    const local = byId(metrics, 'weekend-share-local');
    expect(utc).toMatchObject({ value: 0.75, previous: null, unit: 'share', from: DAY, to: DAY, days: 1 });
    expect(local).toMatchObject({
      value: 0.25,
      label: 'New models released on Saturday or Sunday (America/Los_Angeles)',
    });
    expect(utc?.note).toContain('3 of 4 new models');
    expect(utc?.note).toContain('3 with a nonsense createdAt ignored');
  });

  it('rejects an unknown time zone with a configuration error', () => {
    expect(() => computeMetrics(history, new Map(), { timeZone: 'Mars/Olympus' })).toThrow(MorningPostError);
  });
});

describe('model metrics', () => {
  const items = [1, 2, 3, 4, 5].map((id) =>
    testItem(id, `a${id}/m`, {
      attributes: { pipelineTag: id <= 3 ? 'text-generation' : 'object-detection' },
    }),
  );
  const facts = factsMap([
    testFacts(1, { authorKind: 'individual', parameters: 5e8, domain: 'medical' }),
    testFacts(2, { authorKind: 'individual', parameters: 7e9, domain: 'medical' }),
    testFacts(3, { authorKind: 'individual', parameters: 1e9, domain: 'code' }),
    testFacts(4, { authorKind: 'organisation', domain: 'vision' }),
    testFacts(5, { domain: 'general' }),
  ]);
  const today = items.map((item) => testObservation(item.id, DAY, item.id));
  const weekBefore = [testObservation(4, '2025-06-08', 1), testObservation(5, '2025-06-08', 2)];
  const metrics = computeMetrics(historyOf(DAY, items, [...weekBefore, ...today]), facts, {
    timeZone: 'UTC',
  });

  it('shares trending models by author kind, against the previous week', () => {
    expect(byId(metrics, 'trending-individual-share')).toMatchObject({
      value: 0.75,
      previous: 0,
      breakdown: [
        { label: 'individual', value: 3 },
        { label: 'organisation', value: 1 },
        { label: 'unknown', value: 1 },
      ],
      note: '4 of 5 trending models had a known author kind',
    });
  });

  it('takes the median of the sizes it has and says how many had one', () => {
    expect(byId(metrics, 'median-parameters')).toMatchObject({
      value: 1e9,
      unit: 'parameters',
      previous: null,
      note: '3 of 5 trending models had a size',
    });
  });

  it('names the top task and the top non-general domain', () => {
    expect(byId(metrics, 'top-tasks')).toMatchObject({
      value: 0.6,
      note: 'top task: text-generation (3 of 5)',
    });
    expect(byId(metrics, 'top-domains')?.breakdown?.[0]).toEqual({ label: 'medical', value: 2 });
    expect(byId(metrics, 'top-domains')?.note).toBe('top domain: medical (2 of 5); 1 general');
  });

  it('leaves out metrics without data instead of showing zero', () => {
    expect(byId(metrics, 'papers')).toBeUndefined();
    expect(byId(metrics, 'github-stars-gained')).toBeUndefined();
    expect(computeMetrics(historyOf(DAY, [], []), new Map(), { timeZone: 'UTC' })).toEqual([]);
  });
});

describe('GitHub stars and papers', () => {
  const gh = (itemId: number, day: string, list: string, metrics: HistoryObservation['metrics']) =>
    testObservation(itemId, day, itemId, metrics, { source: 'github-trending', list });
  const repos = Array.from({ length: 12 }, (_, i) => testItem(i + 1, `o${i + 1}/r`, { kind: 'repository' }));

  it('sums the top 10 of the weekly list', () => {
    const observations = repos.map((r) => gh(r.id, DAY, 'weekly', { starsInPeriod: r.id * 100 }));
    const stars = byId(
      computeMetrics(historyOf(DAY, repos, observations), new Map(), { timeZone: 'UTC' }),
      'github-stars-gained',
    );
    expect(stars?.value).toBe((3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12) * 100);
    expect(stars?.breakdown?.[0]).toEqual({ label: 'o12/r', value: 1200 });
    expect(stars?.breakdown).toHaveLength(10);
  });

  it('falls back to star totals across the week without a weekly list', () => {
    const observations = [
      gh(1, '2025-06-10', 'daily', { stars: 100 }),
      gh(1, DAY, 'daily/python', { stars: 400 }),
      gh(2, DAY, 'daily', { starsInPeriod: 50 }),
    ];
    const stars = byId(
      computeMetrics(historyOf(DAY, repos, observations), new Map(), { timeZone: 'UTC' }),
      'github-stars-gained',
    );
    expect(stars).toMatchObject({ value: 350, from: '2025-06-10', to: DAY, days: 2 });
  });

  it('counts daily papers and names the most upvoted', () => {
    const papers = [1, 2, 3].map((id) =>
      testItem(id, `2506.0000${id}`, { kind: 'paper', title: `Paper ${id}` }),
    );
    const observations = papers.map((p) =>
      testObservation(p.id, DAY, p.id, { upvotes: p.id * 10 }, { source: 'hf-papers', list: 'daily' }),
    );
    const metrics = computeMetrics(historyOf(DAY, papers, observations), new Map(), { timeZone: 'UTC' });
    expect(byId(metrics, 'papers')?.value).toBe(3);
    expect(byId(metrics, 'papers-top-upvotes')).toMatchObject({ value: 30, note: 'most upvoted: Paper 3' });
  });
});

describe('metrics over a generated history', () => {
  it('covers 7 days with a previous period on a long history', () => {
    const metrics = computeMetrics(generateHistory({ days: 30, itemsPerDay: 100, extras: true }), new Map(), {
      timeZone: 'Europe/Paris',
    });
    expect(metrics.map((m) => m.id).sort()).toEqual(
      [
        'github-stars-gained',
        'median-parameters',
        'new-models',
        'papers',
        'papers-top-upvotes',
        'top-tasks',
        'trending-individual-share',
        'weekend-share-local',
        'weekend-share-utc',
      ].sort(),
    );
    const share = byId(metrics, 'trending-individual-share');
    expect(share).toMatchObject({ from: '2025-06-09', to: DAY, days: 7 });
    expect(share?.previous).not.toBeNull();
    expect(byId(metrics, 'new-models')).toMatchObject({
      value: 140,
      days: 1,
      note: `models created 2025-06-09..${DAY}, as listed on ${DAY}`,
    });
  });

  it('says a 3-day history covers 3 days and has no previous period', () => {
    const share = byId(
      computeMetrics(generateHistory({ days: 3, itemsPerDay: 100 }), new Map(), { timeZone: 'UTC' }),
      'trending-individual-share',
    );
    expect(share).toMatchObject({ from: '2025-06-13', to: DAY, days: 3, previous: null });
  });
});
