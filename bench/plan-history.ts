/**
 * @module bench/plan-history
 * Planning from a stored history of 30, 90 and 365 days × 2,000 trending models a day on SQLite:
 * the wall time of loading the window and building the plan, and the process's peak memory.
 * Planning reads a fixed 15-day window, so its time should not grow with the history's length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHistory } from '../src/pipeline/history.js';
import { buildPlan } from '../src/planner/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { createGenerator } from '../src/testing/history/generator.js';
import { snapshotsOf } from '../src/testing/subjects/world.js';

export interface PlanBenchResult {
  days: number;
  observations: number;
  fillSeconds: number;
  planMs: number;
  peakRssMb: number;
  heapUsedMb: number;
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
