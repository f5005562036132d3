/**
 * @module core/vocabulary/metrics
 * A metric as every renderer and writer shows it. A metric whose id starts with `top-` measures
 * the share of its leader ("Top task among trending models"), so its value never stands alone:
 * "text-generation, 58%", not "58%".
 */
import { DomainSchema, type Metric } from '../signals.js';
import { DOMAIN_NAMES } from './names.js';
import { compact, parameters, percent } from './numbers.js';

/** A value of the metric (its own, or the period before), formatted by its unit. */
export function metricValue(metric: Pick<Metric, 'unit'>, value: number): string {
  switch (metric.unit) {
    case 'share':
      return percent(value);
    case 'parameters':
      return parameters(value);
    default:
      return compact(value);
  }
}

/** A label of the metric's breakdown as readers see it: a domain by its name ("speech and audio"). */
export function metricPartLabel(metric: Pick<Metric, 'id'>, label: string): string {
  const domain = metric.id === 'top-domains' ? DomainSchema.safeParse(label.trim()) : null;
  return domain?.success ? DOMAIN_NAMES[domain.data] : label.trim();
}

/** The leader a `top-` metric measures ("text-generation", "speech and audio"), or null. */
export function metricLeader(metric: Pick<Metric, 'id' | 'breakdown'>): string | null {
  if (!metric.id.startsWith('top-')) return null;
  const label = metric.breakdown?.[0]?.label.trim();
  return label ? metricPartLabel(metric, label) : null;
}

/** The metric's value as shown beside its label: "text-generation, 58%", "1.5B", "151k". */
export function metricDisplay(metric: Pick<Metric, 'id' | 'unit' | 'value' | 'breakdown'>): string {
  const value = metricValue(metric, metric.value);
  const leader = metricLeader(metric);
  return leader ? `${leader}, ${value}` : value;
}
