/**
 * @module planner
 * From history to an EditionPlan: item facts, signals, history signals, then the planner. Pure:
 * the same history, previous editions and options give the same plan, byte for byte.
 *
 * The history passed in may reach back further than the analysis needs (the pipeline loads
 * `HISTORY_WINDOW_DAYS`, 36): movers, metrics and themes read the last `ANALYSIS_WINDOW_DAYS`
 * (15) as before; streaks, records, firsts, returns and the 30-day median read all of it.
 */
import { findSeries, itemFacts } from '../analysis/facts/index.js';
import { findHistorySignals } from '../analysis/signals/history-signals.js';
import { analyse } from '../analysis/signals/index.js';
import { addDays, type History } from '../core/history.js';
import type { EditionPlan, PreviousEdition } from '../core/plan.js';
import { planEdition } from './plan.js';

export { type PlanOptions, type PlanSignals, planEdition } from './plan.js';

/** 7-day movers and the previous 7-day period for metrics: 15 days including the edition's. */
export const ANALYSIS_WINDOW_DAYS = 15;

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
  const recent = recentWindow(history, ANALYSIS_WINDOW_DAYS);
  // Every mover, not just the top few by score: the planner ranks climbs itself.
  const signals = analyse(recent, facts, {
    timeZone: options.timeZone,
    moversLimit: Number.MAX_SAFE_INTEGER,
  });
  const series = findSeries(recent.items);
  return planEdition(
    recent,
    facts,
    {
      series,
      themes: signals.themes,
      movers: signals.movers.models7d,
      metrics: signals.metrics,
      anomalies: signals.anomalies,
      history: findHistorySignals(history, facts, { series: findSeries(history.items) }),
    },
    previous,
    { timeZone: options.timeZone, archive: history },
  );
}

/** The last `days` days of a history (all of it when it is shorter). */
export function recentWindow(history: History, days: number): History {
  const from = addDays(history.day, -(days - 1));
  if (history.from >= from) return history;
  const observations = history.observations.filter((o) => o.day >= from);
  const ids = new Set(observations.map((o) => o.itemId));
  return {
    day: history.day,
    from,
    items: history.items.filter((item) => ids.has(item.id)),
    observations,
    snapshots: history.snapshots.filter((s) => s.day >= from),
  };
}
