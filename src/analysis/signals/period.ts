/**
 * @module analysis/signals/period
 * Periods of days for the metrics panel (the 7 days ending on the edition day, and the 7 before),
 * the distinct items seen in a list over a period, and the Metric record that states what was
 * really covered.
 */
import { addDays, type HistoryObservation } from '../../core/history.js';
import type { SourceId } from '../../core/item.js';
import type { Metric } from '../../core/signals.js';
import type { SeriesIndex } from './series-index.js';

export interface Period {
  /** Oldest first. */
  days: string[];
  start: string;
  end: string;
}

/** `length` days ending `offset` days before `day`. */
export function period(day: string, length: number, offset = 0): Period {
  const end = addDays(day, -offset);
  const days = Array.from({ length }, (_, i) => addDays(end, i + 1 - length));
  return { days, start: days[0] ?? end, end };
}

export interface Seen {
  /** The latest observation of each distinct item in the period, by item id. */
  latest: Map<number, HistoryObservation>;
  /** Days of the period on which the list had observations. */
  covered: string[];
}

/** Distinct items of a list over a period, each with its newest observation. */
export function seenIn(index: SeriesIndex, source: SourceId, list: string, p: Period): Seen {
  const latest = new Map<number, HistoryObservation>();
  const covered: string[] = [];
  for (const day of p.days) {
    const dayList = index.list(source, list, day);
    if (!dayList || dayList.size === 0) continue;
    covered.push(day);
    for (const [id, observation] of dayList) latest.set(id, observation);
  }
  return { latest, covered };
}

/** What one period contributes to a metric; null when the period had no data. */
export interface Measured {
  value: number;
  covered: string[];
  breakdown?: { label: string; value: number }[];
  note?: string;
  /** A label that fits what was measured, when it differs from the metric's usual one. */
  label?: string;
}

/** A Metric from the current and previous periods' measurements; null when the current one has none. */
export function toMetric(
  id: string,
  label: string,
  unit: Metric['unit'],
  current: Measured | null,
  previous: Measured | null,
): Metric | null {
  if (!current || current.covered.length === 0) return null;
  const metric: Metric = {
    id,
    label: current.label ?? label,
    value: round(current.value),
    previous: previous && previous.covered.length > 0 ? round(previous.value) : null,
    unit,
    from: current.covered[0] ?? '',
    to: current.covered[current.covered.length - 1] ?? '',
    days: current.covered.length,
  };
  if (current.breakdown) metric.breakdown = current.breakdown;
  if (current.note) metric.note = current.note;
  return metric;
}

/** Four decimals: enough for shares, and stable in JSON. */
export function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** Counts by label, biggest first, ties by label, the first `limit` kept. */
export function topCounts(labels: Iterable<string>, limit: number): { label: string; value: number }[] {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, limit);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
