/**
 * @module testing/api/world (test-only: excluded from the build)
 * A store with real-shaped history for the API's tests: a generated month (every source, planted
 * climbers, new entries, star surges) imported as the daily job would have collected it, and the
 * last `editions` days planned, written by the newsroom and published, on any Store (SQLite or
 * Postgres).
 */
import { importBundle } from '../../pipeline/bundle.js';
import { loadHistory, loadPreviousEditions } from '../../pipeline/history.js';
import { buildPlan } from '../../planner/index.js';
import type { Store } from '../../store/store.js';
import { newsroomWriter } from '../../writers/newsroom/index.js';
import { type GeneratedMonth, generateMonth } from '../month/index.js';

export interface ApiWorld {
  month: GeneratedMonth;
  /** The dates with a published edition, oldest first. */
  editionDates: string[];
}

let cached: GeneratedMonth | undefined;

export async function fillApiWorld(store: Store, options: { editions?: number } = {}): Promise<ApiWorld> {
  cached ??= generateMonth({ seed: 11, days: 24 });
  const month = cached;
  await importBundle(store, month.bundle);
  const editionDates = month.script.days.slice(-(options.editions ?? 5));
  for (const day of editionDates) {
    const plan = buildPlan(await loadHistory(store, day), await loadPreviousEditions(store, day), {
      timeZone: month.script.timeZone,
    });
    const text = await newsroomWriter.write(plan);
    const meta = { dataMode: 'live', dataDay: day, failedSources: [] };
    await store.saveEdition({ date: day, plan, text, meta }, `${day}T07:00:00.000Z`, { publish: true });
  }
  return { month, editionDates };
}
