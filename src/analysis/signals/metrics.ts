/**
 * @module analysis/signals/metrics
 * The metrics panel: each number over the 7 days ending on the edition day, with the same number
 * for the 7 days before (null when there is no data then). Each metric says which days it really
 * covered; a metric with no data in the current period is left out rather than shown as zero.
 */
import type { History } from '../../core/history.js';
import type { ItemFacts, Metric } from '../../core/signals.js';
import { type Measured, median, type Period, period, seenIn, toMetric, topCounts } from './period.js';
import { type SeriesIndex, seriesIndex } from './series-index.js';
import { plausibleCreatedAt, weekendMetrics } from './weekend.js';

export interface MetricOptions {
  /** IANA time zone of the edition, for the local weekend share. */
  timeZone: string;
  /** The day the period ends on; the History's day when omitted. */
  day?: string;
  /** Length of each period in days (default 7). */
  periodDays?: number;
}

/** How many repositories the stars-gained metric sums. */
export const TOP_REPOSITORIES = 10;
/** How many entries a breakdown lists. */
export const BREAKDOWN_SIZE = 5;

type Measure = (index: SeriesIndex, facts: ReadonlyMap<number, ItemFacts>, p: Period) => Measured | null;

const trendingModels = (index: SeriesIndex, p: Period) => seenIn(index, 'hf-models', 'trending', p);

const authorKinds: Measure = (index, facts, p) => {
  const seen = trendingModels(index, p);
  let individual = 0;
  let organisation = 0;
  for (const id of seen.latest.keys()) {
    const raw = index.items.get(id)?.attributes.authorKind;
    const kind =
      facts.get(id)?.authorKind ??
      (raw === 'user' ? 'individual' : raw === 'org' ? 'organisation' : undefined);
    if (kind === 'individual') individual += 1;
    else if (kind === 'organisation') organisation += 1;
  }
  const known = individual + organisation;
  return {
    value: known === 0 ? 0 : individual / known,
    covered: seen.covered,
    breakdown: [
      { label: 'individual', value: individual },
      { label: 'organisation', value: organisation },
      { label: 'unknown', value: seen.latest.size - known },
    ],
    note: `${known} of ${seen.latest.size} trending models had a known author kind`,
  };
};

/** The count in the newest hf-new-models snapshot of the period (that list is itself a window). */
const newModels: Measure = (index, _facts, p) => {
  const day = [...p.days].reverse().find((d) => (index.list('hf-new-models', 'new', d)?.size ?? 0) > 0);
  const list = day ? index.list('hf-new-models', 'new', day) : undefined;
  if (!day || !list) return null;
  const created = [...list.keys()]
    .map((id) => plausibleCreatedAt(index.items.get(id)?.attributes.createdAt, index.day))
    .filter((t): t is number => t !== null);
  const oldest = created.length > 0 ? new Date(Math.min(...created)).toISOString().slice(0, 10) : day;
  return { value: list.size, covered: [day], note: `models created ${oldest}..${day}, as listed on ${day}` };
};

const medianSize: Measure = (index, facts, p) => {
  const seen = trendingModels(index, p);
  const sizes = [...seen.latest.keys()]
    .map((id) => facts.get(id)?.parameters ?? index.items.get(id)?.attributes.parameters)
    .filter((n): n is number => n !== undefined);
  const value = median(sizes);
  // No size at all: nothing honest to show (the planner notes the missing metric).
  if (value === null) return null;
  return {
    value,
    covered: seen.covered,
    note: `${sizes.length} of ${seen.latest.size} trending models had a size`,
  };
};

function shareOfTop(labels: string[], total: number, covered: string[], what: string, extra = ''): Measured {
  const breakdown = topCounts(labels, BREAKDOWN_SIZE);
  const top = breakdown[0];
  const note = top ? `top ${what}: ${top.label} (${top.value} of ${total})${extra}` : `no ${what}${extra}`;
  return { value: top && total > 0 ? top.value / total : 0, covered, breakdown, note };
}

const topTasks: Measure = (index, _facts, p) => {
  const seen = trendingModels(index, p);
  const tasks = [...seen.latest.keys()].flatMap((id) => index.items.get(id)?.attributes.pipelineTag ?? []);
  return tasks.length === 0 ? null : shareOfTop(tasks, tasks.length, seen.covered, 'task');
};

/** `general` means "unsure", so it is counted in the total but never named the top domain. */
const topDomains: Measure = (index, facts, p) => {
  const seen = trendingModels(index, p);
  const domains = [...seen.latest.keys()].flatMap((id) => facts.get(id)?.domain ?? []);
  const general = domains.filter((d) => d === 'general').length;
  const named = domains.filter((d) => d !== 'general');
  if (domains.length === 0) return null;
  return shareOfTop(named, domains.length, seen.covered, 'domain', `; ${general} general`);
};

/**
 * Stars gained per repository: the weekly list's stars-in-period on the period's newest day with
 * one, else the difference of star totals across the period, else the sum of daily stars-in-period.
 */
const starsGained: Measure = (index, _facts, p) => {
  const gains = new Map<number, number>();
  const covered = p.days.filter((d) => index.listsOn('github-trending', d).length > 0);
  if (covered.length === 0) return null;
  const weeklyDay = [...p.days]
    .reverse()
    .find((d) => (index.list('github-trending', 'weekly', d)?.size ?? 0) > 0);
  const weekly = weeklyDay ? index.list('github-trending', 'weekly', weeklyDay) : undefined;
  for (const [id, o] of weekly ?? [])
    if (o.metrics.starsInPeriod !== undefined) gains.set(id, o.metrics.starsInPeriod);
  if (gains.size === 0) {
    const ids = new Set(
      covered.flatMap((d) =>
        index
          .listsOn('github-trending', d)
          .flatMap((l) => [...(index.list('github-trending', l, d)?.keys() ?? [])]),
      ),
    );
    for (const id of ids) {
      const seen = index.itemDays('github-trending', id).filter((d) => d >= p.start && d <= p.end);
      const stars = seen
        .map((d) => index.onDay('github-trending', id, d)?.metrics.stars)
        .filter((s): s is number => s !== undefined);
      const daily = seen.reduce(
        (sum, d) => sum + (index.list('github-trending', 'daily', d)?.get(id)?.metrics.starsInPeriod ?? 0),
        0,
      );
      const gain = stars.length >= 2 ? (stars[stars.length - 1] ?? 0) - (stars[0] ?? 0) : daily;
      if (gain > 0) gains.set(id, gain);
    }
  }
  const top = [...gains]
    .map(([id, value]) => ({ label: index.items.get(id)?.externalId ?? String(id), value }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1))
    .slice(0, TOP_REPOSITORIES);
  const how = weekly && gains.size > 0 ? `the weekly list of ${weeklyDay}` : 'star totals and daily lists';
  return {
    value: top.reduce((s, r) => s + r.value, 0),
    covered,
    breakdown: top,
    note: `top ${top.length} repositories, from ${how}`,
    // "the top 10" only when ten were summed.
    ...(top.length < TOP_REPOSITORIES
      ? {
          label: `Stars gained by the ${top.length === 1 ? 'top repository' : `top ${top.length} repositories`}`,
        }
      : {}),
  };
};

const papers: Measure = (index, _facts, p) => {
  const seen = seenIn(index, 'hf-papers', 'daily', p);
  const ranked = [...seen.latest.values()]
    .map((o) => ({
      label: index.items.get(o.itemId)?.title ?? String(o.itemId),
      value: o.metrics.upvotes ?? 0,
    }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));
  return { value: seen.latest.size, covered: seen.covered, breakdown: ranked.slice(0, BREAKDOWN_SIZE) };
};

const topUpvotes: Measure = (index, facts, p) => {
  const all = papers(index, facts, p);
  const top = all?.breakdown?.[0];
  return all && top ? { value: top.value, covered: all.covered, note: `most upvoted: ${top.label}` } : null;
};

const MEASURES: [string, string, Metric['unit'], Measure][] = [
  ['trending-individual-share', 'Trending models from individual authors', 'share', authorKinds],
  ['new-models', 'New models on the Hub', 'count', newModels],
  ['median-parameters', 'Median size of trending models', 'parameters', medianSize],
  ['top-tasks', 'Top task among trending models', 'share', topTasks],
  ['top-domains', 'Top domain among trending models', 'share', topDomains],
  ['github-stars-gained', `Stars gained by the top ${TOP_REPOSITORIES} repositories`, 'stars', starsGained],
  ['papers', 'Daily papers', 'count', papers],
  ['papers-top-upvotes', 'Most upvotes on a daily paper', 'count', topUpvotes],
];

export function computeMetrics(
  history: History,
  facts: ReadonlyMap<number, ItemFacts>,
  options: MetricOptions,
): Metric[] {
  const index = seriesIndex(history);
  const length = options.periodDays ?? 7;
  const current = period(options.day ?? history.day, length);
  const previous = period(options.day ?? history.day, length, length);
  const metrics = MEASURES.map(([id, label, unit, measure]) =>
    toMetric(id, label, unit, measure(index, facts, current), measure(index, facts, previous)),
  ).filter((m): m is Metric => m !== null);
  return [...metrics, ...weekendMetrics(index, current, previous, options.timeZone)];
}
