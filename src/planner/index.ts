/**
 * @module planner
 * From history to an EditionPlan: item facts, signals, then the planner. Pure: the same history,
 * previous editions and options give the same plan, byte for byte.
 */
import { findSeries, itemFacts } from '../analysis/facts/index.js';
import { analyse } from '../analysis/signals/index.js';
import type { History } from '../core/history.js';
import type { EditionPlan, PreviousEdition } from '../core/plan.js';
import { planEdition } from './plan.js';

export { type PlanOptions, type PlanSignals, planEdition } from './plan.js';

export interface BuildPlanOptions {
  timeZone: string;
  bigLabs?: readonly string[];
}

export function buildPlan(
  history: History,
  previous: readonly PreviousEdition[],
  options: BuildPlanOptions,
): EditionPlan {
  const facts = itemFacts(history.items, options.bigLabs ? { bigLabs: options.bigLabs } : {});
  // Every mover, not just the top few by score: the planner ranks climbs itself.
  const signals = analyse(history, facts, {
    timeZone: options.timeZone,
    moversLimit: Number.MAX_SAFE_INTEGER,
  });
  return planEdition(
    history,
    facts,
    {
      series: findSeries(history.items),
      themes: signals.themes,
      movers: signals.movers.models7d,
      metrics: signals.metrics,
      anomalies: signals.anomalies,
    },
    previous,
    { timeZone: options.timeZone },
  );
}
