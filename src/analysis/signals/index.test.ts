import { describe, expect, it } from 'vitest';
import { createGenerator, generateDay, generateHistory, PLANTED } from '../../testing/history/generator.js';
import { analyse } from './index.js';
import { factsMap, historyOf, testFacts } from './test-history.js';

describe('analyse', () => {
  const history = generateHistory({ days: 30, itemsPerDay: 120, extras: true, seed: 3 });
  const facts = factsMap(
    history.items.map((item) =>
      testFacts(item.id, item.id < 100 ? { domain: 'medical', family: 'qwen' } : {}),
    ),
  );
  const signals = analyse(history, facts, { timeZone: 'America/Los_Angeles' });

  it('puts movers, metrics, themes and anomalies together, with coverage', () => {
    expect(signals.day).toBe('2025-06-15');
    expect(signals.movers.models7d.length).toBeGreaterThan(0);
    expect(signals.movers.models7d.every((m) => m.windowDays === 7)).toBe(true);
    expect(signals.movers.repos7d[0]?.sparklineMetric).toBe('stars');
    expect(signals.movers.papers1d.every((m) => m.isNew)).toBe(true);
    expect(signals.metrics.length).toBeGreaterThan(5);
    expect(signals.themes.some((t) => t.id === 'domain=medical+family=qwen')).toBe(true);
    expect(signals.anomalies.map((a) => a.itemId)).toEqual([PLANTED.spike]);
    expect(signals.coverage).toEqual({
      from: '2025-05-17',
      to: '2025-06-15',
      daysAvailable: 30,
      sourcesMissingToday: ['github-releases', 'arxiv'],
      duplicates: 0,
    });
  });

  it('is deterministic and serialisable', () => {
    const again = analyse(generateHistory({ days: 30, itemsPerDay: 120, extras: true, seed: 3 }), facts, {
      timeZone: 'America/Los_Angeles',
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(signals));
  });

  it('does not crash on an empty history', () => {
    const empty = analyse(historyOf('2025-06-15', [], []), new Map(), { timeZone: 'UTC' });
    expect(empty.movers.models1d).toEqual([]);
    expect(empty.metrics).toEqual([]);
    expect(empty.themes).toEqual([]);
    expect(empty.coverage).toMatchObject({ daysAvailable: 0, from: null });
  });
});

describe('the generator', () => {
  it('is deterministic per seed and different across seeds', () => {
    const a = generateHistory({ days: 5, itemsPerDay: 100, seed: 1 });
    expect(generateHistory({ days: 5, itemsPerDay: 100, seed: 1 })).toEqual(a);
    expect(generateHistory({ days: 5, itemsPerDay: 100, seed: 2 }).observations).not.toEqual(a.observations);
    expect(a.observations).toHaveLength(500);
  });

  it('streams the same days one at a time', () => {
    const options = { days: 10, itemsPerDay: 100, extras: true };
    const whole = generateHistory(options);
    const day4 = generateDay(options, 4);
    expect(day4.observations).toEqual(whole.observations.filter((o) => o.day === day4.day));
    expect(day4.snapshots.map((s) => s.source)).toContain('github-trending');
  });

  it('leaves gaps on missing days', () => {
    const h = generateHistory({ days: 10, itemsPerDay: 100, missingDays: [3] });
    expect(new Set(h.observations.map((o) => o.day)).size).toBe(9);
  });

  it('generates a year of 2,000 items a day in a few seconds', () => {
    const started = performance.now();
    const generator = createGenerator({ days: 365, itemsPerDay: 2000 });
    let count = 0;
    for (let n = 1; n <= 365; n++) count += generator.day(n).observations.length;
    expect(count).toBe(730_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('lets analysis run on 15 days of 2,000 items quickly', () => {
    const history = generateHistory({ days: 15, itemsPerDay: 2000, extras: true });
    const started = performance.now();
    analyse(history, new Map(), { timeZone: 'UTC' });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
