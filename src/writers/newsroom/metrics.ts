/**
 * @module writers/newsroom/metrics
 * Captions for the metrics panel: one line per metric, its value formatted by unit, with the
 * previous period when there is one ("67%, up from 50% the week before") and the top entry of a
 * breakdown when the metric names one ("text-generation", as `metricDisplay` shows it everywhere).
 */
import type { EditionPlan } from '../../core/plan.js';
import type { Metric } from '../../core/signals.js';
import type { Inline, ListEntry, Paragraph } from '../../core/text.js';
import { metricDisplay, metricLeader, metricValue } from '../../core/vocabulary/metrics.js';
import { SECTIONS } from '../../core/vocabulary/names.js';
import { capitalize, count, relativeDay, windowPhrase } from './format.js';
import { paragraph, s } from './links.js';
import { type Voice, voice } from './phrases.js';
import { planItemsById, signalSentence } from './signals.js';
import { changeClause } from './story.js';

/** The metric's value as the tiles, tables and charts print it (core's one rule per unit). */
export function formatMetricValue(m: Metric): string {
  return metricValue(m, m.value);
}

export function caption(m: Metric): string {
  const format = (n: number) => formatMetricValue({ ...m, value: n });
  const change = changeClause(m, format);
  const value = formatMetricValue(m);
  const topLabel = m.breakdown?.[0]?.label?.trim();
  const leader = metricLeader(m);
  const period = m.days > 1 ? ` ${windowPhrase(m.days)}` : '';
  switch (m.id) {
    case 'trending-individual-share':
      return `${value} of trending models with a known author came from individual accounts${period}${change}.`;
    case 'median-parameters':
      return `The median trending model has ${value} parameters${change}.`;
    case 'new-models':
      return `${count(m.value, 'new model')} listed on the Hub${change}.`;
    case 'github-stars-gained':
      return `${count(m.value, 'star')} gained by the top repositories on GitHub’s trending list${change}.`;
    case 'papers':
      return `${count(m.value, 'paper')} on Hugging Face’s daily papers${change}.`;
    case 'papers-top-upvotes':
      return `${count(m.value, 'upvote')} for the most upvoted daily paper${topLabel ? ` (${topLabel})` : ''}${change}.`;
    case 'weekend-share-utc':
    case 'weekend-share-local':
      return `${value} of new models were created on a Saturday or Sunday${m.id.endsWith('utc') ? ' (UTC)' : ''}${change}.`;
    default:
      if (leader && m.unit === 'share')
        return `${leader} leads with ${value} of trending models${period}${change}.`;
      return `${m.label.trim() || 'Value'}: ${metricDisplay(m)}${period}${change}.`;
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
  const intro = metrics.length === 0 ? s`No metrics could be computed from today’s data.` : null;
  return {
    title: plan.metrics.title.trim() || SECTIONS.metrics.title,
    paragraphs: [paragraph(intro, ...fromOurRecords(plan, v))].filter((p) => p.length > 0),
    entries: metrics.map((m) => ({ name: [m.label.trim() || m.id], blurb: [caption(m)] })),
  };
}

/**
 * The history signals no story carries, so the panel says what only our records can: a record,
 * the same weekday last week, the median, a first or a return (at most three).
 */
function fromOurRecords(plan: EditionPlan, v: Voice): Inline[][] {
  const cited = new Set([
    ...(plan.lead?.signals ?? []),
    ...plan.opinions.flatMap((story) => (story.argument?.signal ? [story.argument.signal] : [])),
  ]);
  const items = planItemsById(plan);
  const rest = plan.signals.filter((signal) => !cited.has(signal.id)).slice(0, 3);
  if (rest.length === 0 && plan.metrics.metrics.length > 0 && plan.coverage.daysAvailable < 2)
    return [s`Our records start with this edition; streaks and records need the days to come.`];
  if (rest.length === 0 && plan.metrics.metrics.length > 0)
    return [
      v.pick('quiet-records', [
        s`No record or streak stands out in our history ${relativeDay(plan.date, plan.date)}.`,
        s`Our records hold no new high or streak ${relativeDay(plan.date, plan.date)}.`,
        s`${capitalize(relativeDay(plan.date, plan.date))} sets no record in our history.`,
        s`Nothing in ${relativeDay(plan.date, plan.date).replace(/^this /, 'this ')}’s numbers breaks a record we keep.`,
      ]),
    ];
  return rest.map((signal) => signalSentence(signal, plan, items, v));
}
