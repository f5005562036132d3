/**
 * @module analysis/signals
 * Signals over history, in one call: movers for the lists the edition shows, the metrics panel,
 * themes, anomalies and what the history really covered. Pure: the day comes from the History.
 */
import type { History } from '../../core/history.js';
import { SOURCE_IDS, type SourceId } from '../../core/item.js';
import type { Anomaly, ItemFacts, Metric, Mover, Theme } from '../../core/signals.js';
import { findAnomalies } from './anomalies.js';
import { computeMetrics } from './metrics.js';
import { findMovers } from './movers.js';
import { seriesIndex } from './series-index.js';
import { findThemes } from './themes.js';

export * from './anomalies.js';
export * from './metrics.js';
export * from './movers.js';
export * from './series-index.js';
export { themeLabel } from './theme-label.js';
export * from './themes.js';
export { plausibleCreatedAt, weekdayIn } from './weekend.js';

export interface AnalyseOptions {
  /** IANA time zone of the edition. */
  timeZone: string;
  /** Movers kept per list (default 20). */
  moversLimit?: number;
  /** Themes kept (default 25). */
  themesLimit?: number;
}

export interface Signals {
  day: string;
  movers: {
    models1d: Mover[];
    models7d: Mover[];
    datasets7d: Mover[];
    spaces7d: Mover[];
    /** GitHub's daily trending list over a week, by stars. */
    repos7d: Mover[];
    /** Daily papers over a day, by upvotes. */
    papers1d: Mover[];
  };
  metrics: Metric[];
  themes: Theme[];
  anomalies: Anomaly[];
  coverage: {
    from: string | null;
    to: string | null;
    /** Days with at least one observation, up to the edition day. */
    daysAvailable: number;
    /** Sources (other than `fake`) with no observations on the edition day. */
    sourcesMissingToday: SourceId[];
    /** Repeated observations of the same item, list and day (the later one was used). */
    duplicates: number;
  };
}

export function analyse(
  history: History,
  facts: ReadonlyMap<number, ItemFacts>,
  options: AnalyseOptions,
): Signals {
  const index = seriesIndex(history);
  const limit = options.moversLimit ?? 20;
  const movers = (source: SourceId, list: string, days: 1 | 7) =>
    findMovers(history, { source, list, days, limit });
  const present = new Set(SOURCE_IDS.filter((source) => index.listsOn(source, history.day).length > 0));
  return {
    day: history.day,
    movers: {
      models1d: movers('hf-models', 'trending', 1),
      models7d: movers('hf-models', 'trending', 7),
      datasets7d: movers('hf-datasets', 'trending', 7),
      spaces7d: movers('hf-spaces', 'trending', 7),
      repos7d: movers('github-trending', 'daily', 7),
      papers1d: movers('hf-papers', 'daily', 1),
    },
    metrics: computeMetrics(history, facts, { timeZone: options.timeZone }),
    themes: findThemes(history, facts, { limit: options.themesLimit ?? 25 }),
    anomalies: findAnomalies(history),
    coverage: {
      from: index.days[0] ?? null,
      to: index.days[index.days.length - 1] ?? null,
      daysAvailable: index.days.length,
      sourcesMissingToday: SOURCE_IDS.filter((source) => source !== 'fake' && !present.has(source)),
      duplicates: index.duplicates,
    },
  };
}
