/**
 * @module bench/plan-history
 * Planning from a stored history of 30, 90 and 365 days × 2,000 trending models a day on SQLite:
 * the wall time of loading the window and building the plan, and the process's peak memory.
 * Planning reads a fixed 15-day window, so its time should not grow with the history's length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectedItem, SourceId } from '../src/core/item.js';
import { loadHistory } from '../src/pipeline/history.js';
import { buildPlan } from '../src/planner/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { createGenerator, type GeneratedDay } from '../src/testing/history/generator.js';

export interface PlanBenchResult {
  days: number;
  observations: number;
  fillSeconds: number;
  planMs: number;
  peakRssMb: number;
  heapUsedMb: number;
}

/** One generated day as the snapshots the collector would have saved. */
function snapshotsOf(day: GeneratedDay) {
  const items = new Map(day.items.map((item) => [item.id, item]));
  const bySource = new Map<string, CollectedItem[]>();
  for (const o of day.observations) {
    const item = items.get(o.itemId);
    if (!item) continue;
    const list = bySource.get(o.source) ?? [];
    list.push({
      kind: item.kind,
      externalId: item.externalId,
      title: item.title,
      url: item.url,
      ...(item.author ? { author: item.author } : {}),
      attributes: item.attributes,
      list: o.list,
      ...(o.rank === null ? {} : { rank: o.rank }),
      metrics: o.metrics,
    });
    bySource.set(o.source, list);
  }
  return [...bySource].map(([source, collected]) => ({
    source: source as SourceId,
    day: day.day,
    takenAt: `${day.day}T06:00:00.000Z`,
    status: 'ok' as const,
    items: collected,
  }));
}

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

export async function planBenchmark(days: number, itemsPerDay = 2_000): Promise<PlanBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-plan-'));
  const store = createSqliteStore({ file: join(dir, 'history.db') });
  try {
    await store.migrate();
    const generator = createGenerator({ days, itemsPerDay, extras: true, endDay: '2026-08-23' });
    const fillStart = performance.now();
    let observations = 0;
    for (let n = 1; n <= days; n += 1) {
      for (const snapshot of snapshotsOf(generator.day(n))) {
        await store.saveSnapshot(snapshot);
        observations += snapshot.items.length;
      }
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;

    global.gc?.();
    peakRss = process.memoryUsage().rss;
    const timer = setInterval(sample, 5);
    const day = generator.days.at(-1) as string;
    const started = performance.now();
    const plan = buildPlan(await loadHistory(store, day), [], { timeZone: 'UTC' });
    const planMs = performance.now() - started;
    clearInterval(timer);
    sample();
    if (!plan.lead) throw new Error('the benchmark plan has no lead');
    return {
      days,
      observations,
      fillSeconds: Number(fillSeconds.toFixed(1)),
      planMs: Math.round(planMs),
      peakRssMb: Math.round(peakRss / 2 ** 20),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
