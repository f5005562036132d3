/**
 * @module pipeline/plan
 * Plans one day's edition from the store: loads the history window and earlier editions, runs
 * the pure planner, and optionally saves the plan as the day's draft.
 */

import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { EditionPlan } from '../core/plan.js';
import { buildPlan } from '../planner/index.js';
import type { Store } from '../store/store.js';
import { loadHistory, loadPreviousEditions } from './history.js';

export async function planDay(store: Store, day: string, config: Config): Promise<EditionPlan> {
  const [history, previous] = await Promise.all([loadHistory(store, day), loadPreviousEditions(store, day)]);
  return buildPlan(history, previous, {
    timeZone: config.edition.timeZone,
    ...(config.edition.bigLabs ? { bigLabs: config.edition.bigLabs } : {}),
  });
}

export async function savePlan(store: Store, plan: EditionPlan, clock: Clock, force = false) {
  return store.saveEditionPlan(plan.date, plan, clock.now().toISOString(), { force });
}
