/**
 * History signals against the generated month, whose script says what was planted on which day:
 * each kind is found where the script put it, with facts that say so, and not where it was not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_SIGNAL_KINDS, type HistorySignal } from '../../core/plan.js';
import { importBundle } from '../../pipeline/bundle.js';
import { loadHistory } from '../../pipeline/history.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { generateMonth } from '../../testing/month/index.js';
import { findSeries, itemFacts } from '../facts/index.js';
import { findHistorySignals } from './history-signals.js';

const { bundle, script } = generateMonth({ seed: 7 });
let store: KyselyStore;
const byDay = new Map<string, HistorySignal[]>();

async function signalsOn(day: string): Promise<HistorySignal[]> {
  const known = byDay.get(day);
  if (known) return known;
  const history = await loadHistory(store, day);
  const found = findHistorySignals(history, itemFacts(history.items), { series: findSeries(history.items) });
  byDay.set(day, found);
  return found;
}

const value = (signal: HistorySignal | undefined, field: string) =>
  signal?.facts.find((f) => f.field === field)?.value;

beforeAll(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
  await importBundle(store, bundle);
}, 60_000);
afterAll(async () => {
  await store.close();
});

describe('history signals on the generated month', () => {
  it('the weekend streak: individuals lead the third weekend running at the month’s end', async () => {
    const last = script.weekendStreak.to;
    const streak = (await signalsOn(last)).find((s) => s.id === 'streak:weekend-independents');
    expect(value(streak, 'weekendStreak')).toBe(script.weekendStreak.weekends);
    // The first weekend of the month had no majority: no streak then.
    const first = script.weekends[0]?.days.at(-1) ?? '';
    expect((await signalsOn(first)).some((s) => s.kind === 'streak' && s.id.includes('weekend'))).toBe(false);
  });

  it('the record: the most new models in a day, once the record day is listed in full', async () => {
    const record = (await signalsOn(script.record.listedFrom)).find((s) => s.id === 'record:new-models');
    expect(record).toBeDefined();
    expect(value(record, 'modelsCreated')).toBe(script.newModelsByDay[script.record.day]);
    expect(value(record, 'createdOn')).toBe(script.record.day);
    expect(value(record, 'modelsCreated')).toBeGreaterThan(value(record, 'previousRecord') as number);
    expect(value(record, 'recordsBegan')).toBe(script.start);
  });

  it('a best rank yet: the record day’s climber', async () => {
    const { peak } = script.record;
    const best = (await signalsOn(peak.day)).find((s) => s.id === `record:best-rank:${peak.externalId}`);
    expect(value(best, 'rankToday')).toBe(peak.rank);
    expect(value(best, 'bestRankBefore')).toBe(peak.previousBest);
  });

  it('a return after days away', async () => {
    const { returner } = script;
    const back = (await signalsOn(returner.returnedOn)).find((s) => s.id === `return:${returner.externalId}`);
    expect(value(back, 'lastSeen')).toBe(returner.lastSeen);
    expect(value(back, 'daysAway')).toBeGreaterThanOrEqual(returner.daysAway);
  });

  it('the series gap: the newest member hours after the one before', async () => {
    const [previous, newest] = script.series.members.slice(-2);
    if (!previous || !newest) throw new Error('the script has a series');
    const gap = (await signalsOn(newest.firstTrending)).find((s) => s.kind === 'series-gap');
    const hours = Math.round((Date.parse(newest.createdAt) - Date.parse(previous.createdAt)) / 3_600_000);
    expect(value(gap, 'newestMember')).toBe(newest.externalId);
    expect(value(gap, 'gapHours')).toBe(hours);
  });

  it('finds every kind somewhere in the month, each with facts that trace to analysis', async () => {
    const kinds = new Set<string>();
    for (const day of script.days.slice(1)) {
      for (const signal of await signalsOn(day)) {
        kinds.add(signal.kind);
        expect(signal.facts.length, signal.id).toBeGreaterThan(0);
        for (const fact of signal.facts) expect(fact.source).toBe('analysis');
        expect(signal.strength).toBeGreaterThan(0);
        expect(signal.strength).toBeLessThanOrEqual(1);
      }
    }
    expect([...kinds].sort()).toEqual([...HISTORY_SIGNAL_KINDS].sort());
  });

  it('says nothing on the first day: there is no history to compare with', async () => {
    expect(await signalsOn(script.start)).toEqual([]);
  });
});
