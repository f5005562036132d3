/**
 * @module writers/newsroom/metrics
 * Captions for the metrics panel: one line per metric, its value formatted by unit, with the
 * previous period when there is one ("67%, up from 50% the week before") and the top entry of a
 * breakdown when the metric names one ("text-generation").
 */
import type { EditionPlan } from '../../core/plan.js';
import type { Metric } from '../../core/signals.js';
import type { ListEntry, Paragraph } from '../../core/text.js';
import { compact, count, parameters, percent, signed, windowPhrase } from './format.js';
import { paragraph, s } from './links.js';
import { voice } from './phrases.js';
import { changeClause } from './story.js';

export function formatMetricValue(m: Metric): string {
  switch (m.unit) {
    case 'share':
      return percent(m.value);
    case 'parameters':
      return parameters(m.value);
    case 'stars':
      return signed(m.value);
    default:
      return compact(m.value);
  }
}

export function caption(m: Metric): string {
  const format = (n: number) => formatMetricValue({ ...m, value: n });
  const change = changeClause(m, format);
  const value = formatMetricValue(m);
  const topLabel = m.breakdown?.[0]?.label?.trim();
  const period = m.days > 1 ? ` ${windowPhrase(m.days)}` : '';
  switch (m.id) {
    case 'trending-individual-share':
      return `${value} of trending models with a known author came from individual accounts${period}${change}.`;
    case 'median-parameters':
      return `The median trending model has ${value} parameters${change}.`;
    case 'new-models':
      return `${count(m.value, 'new model')} listed on the Hub${change}.`;
    case 'github-stars-gained':
      return `${value} stars for the top repositories on GitHub’s trending list${change}.`;
    case 'papers':
      return `${count(m.value, 'paper')} on Hugging Face’s daily papers${change}.`;
    case 'papers-top-upvotes':
      return `${count(m.value, 'upvote')} for the most upvoted daily paper${topLabel ? ` (${topLabel})` : ''}${change}.`;
    case 'weekend-share-utc':
    case 'weekend-share-local':
      return `${value} of new models were created on a Saturday or Sunday${m.id.endsWith('utc') ? ' (UTC)' : ''}${change}.`;
    default:
      if (m.id.startsWith('top-') && topLabel && m.unit === 'share')
        return `${topLabel} leads with ${value} of trending models${period}${change}.`;
      return `${m.label.trim() || 'Value'}: ${value}${period}${change}.`;
  }
}

export interface MetricsText {
  title: string;
  paragraphs: Paragraph[];
  entries: ListEntry[];
}

export function metricsText(plan: EditionPlan): MetricsText {
  const v = voice(plan.date, 'metrics');
  const metrics = plan.metrics.metrics.filter((m) => Number.isFinite(m.value));
  const intro =
    metrics.length === 0
      ? s`No metrics could be computed from today’s data.`
      : v.pick('intro', [
          s`The week in numbers, from the lists we collect every morning.`,
          s`What the numbers say, compared with the previous period where we have one.`,
          s`The figures behind today’s stories.`,
        ]);
  return {
    title: plan.metrics.title.trim() || 'This Week in Numbers',
    paragraphs: [paragraph(intro)],
    entries: metrics.map((m) => ({ name: [m.label.trim() || m.id], blurb: [caption(m)] })),
  };
}
