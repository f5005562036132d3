/**
 * @module planner/sections
 * The sections that list rather than argue: trending lists, tools of the week, biggest movers,
 * the reading list, the metrics panel and what each source contributed.
 */

import { addDays } from '../core/history.js';
import { SOURCE_IDS, type SourceId } from '../core/item.js';
import { compareText } from '../core/order.js';
import type { EditionPlan, Fact, PlannedItem, SourceCoverage, ToolPick } from '../core/plan.js';
import type { Anomaly, Metric, Mover } from '../core/signals.js';
import { derivedFact, type PlanContext } from './context.js';

export const LIST_LENGTHS = {
  models: 10,
  datasets: 8,
  spaces: 6,
  repositories: 8,
  movers: 8,
  reading: 5,
} as const;

export function trendingSection(ctx: PlanContext): EditionPlan['trending'] {
  const top = (source: SourceId, list: string, n: number) =>
    ctx
      .latestList(source, list)
      .slice(0, n)
      .flatMap((o) => ctx.planned(o) ?? []);
  const weekly = top('github-trending', 'weekly', LIST_LENGTHS.repositories);
  return {
    models: top('hf-models', 'trending', LIST_LENGTHS.models),
    datasets: top('hf-datasets', 'trending', LIST_LENGTHS.datasets),
    spaces: top('hf-spaces', 'trending', LIST_LENGTHS.spaces),
    repositories: weekly.length > 0 ? weekly : top('github-trending', 'daily', LIST_LENGTHS.repositories),
  };
}

export function moversSection(
  ctx: PlanContext,
  movers: readonly Mover[],
  anomalies: readonly Anomaly[],
): EditionPlan['movers'] {
  const flagged = new Set(anomalies.map((a) => a.itemId));
  const listLength = ctx.latestList('hf-models', 'trending').length;
  // The biggest climbs first; a newcomer counts as a climb from just below the list.
  const climb = (m: Mover) =>
    m.rankChange ?? (m.isNew && m.rankNow !== null ? listLength + 1 - m.rankNow : 0);
  const climbers = movers
    .filter((m) => climb(m) > 0 && !flagged.has(m.itemId))
    .sort(
      (a, b) =>
        climb(b) - climb(a) ||
        b.score - a.score ||
        compareText(ctx.item(a.itemId)?.externalId ?? '', ctx.item(b.itemId)?.externalId ?? ''),
    )
    .slice(0, LIST_LENGTHS.movers);
  const items = climbers.flatMap((mover) => {
    const observation = ctx.latestList(mover.source, mover.list).find((o) => o.itemId === mover.itemId);
    const item = observation ? ctx.planned(observation) : undefined;
    return item ? [{ item, mover }] : [];
  });
  const found = Math.max(0, ...movers.map((m) => m.windowDays));
  return { windowDays: found > 0 ? found : ctx.comparedDays('hf-models', 'trending', 7), items };
}

export function readingSection(ctx: PlanContext): EditionPlan['reading'] {
  const daily = [...ctx.latestList('hf-papers', 'daily')].sort(
    (a, b) => (b.metrics.upvotes ?? 0) - (a.metrics.upvotes ?? 0) || (a.rank ?? 0) - (b.rank ?? 0),
  );
  const papers = daily.length > 0 ? daily : ctx.latestList('arxiv', 'submitted');
  return papers.slice(0, LIST_LENGTHS.reading).flatMap((o) => {
    const item = ctx.planned(o);
    if (!item) return [];
    const facts = [ctx.observationFact(o, 'upvotes', 'upvotes on Hugging Face daily papers')].filter(
      (f): f is Fact => f !== undefined,
    );
    return [{ item, facts }];
  });
}

/** Four tools: a model, a library release, an app (a Space) and a repository, when each exists. */
export function toolsSection(
  ctx: PlanContext,
  exclude: ReadonlySet<number>,
  anomalies: readonly Anomaly[],
): ToolPick[] {
  const flagged = new Set(anomalies.map((a) => a.itemId));
  const usable = (itemId: number) => !exclude.has(itemId) && !flagged.has(itemId);
  const fortnight = addDays(ctx.history.day, -14);
  const models = ctx.latestList('hf-models', 'trending').filter((o) => usable(o.itemId));
  const freshModel = models.find((o) => ctx.createdWithin(o.itemId, fortnight)) ?? models[0];
  const releases = [...ctx.latestList('github-releases', 'latest')]
    .filter((o) => usable(o.itemId))
    .sort((a, b) => compareText(published(ctx, b.itemId), published(ctx, a.itemId)) || a.itemId - b.itemId);
  const space = ctx.latestList('hf-spaces', 'trending').find((o) => usable(o.itemId));
  const weekly = ctx.latestList('github-trending', 'weekly');
  const repository = [...(weekly.length > 0 ? weekly : ctx.latestList('github-trending', 'daily'))]
    .filter((o) => usable(o.itemId))
    .sort(
      (a, b) =>
        (b.metrics.starsInPeriod ?? 0) - (a.metrics.starsInPeriod ?? 0) || (a.rank ?? 0) - (b.rank ?? 0),
    )[0];

  const picks: Array<
    [
      ToolPick['slot'],
      (typeof models)[number] | undefined,
      Array<keyof (typeof models)[number]['metrics'] | 'rank'>,
    ]
  > = [
    ['model', freshModel, ['likes', 'downloads']],
    ['library', releases[0], []],
    ['app', space, ['likes']],
    ['repository', repository, ['starsInPeriod', 'stars']],
  ];
  return picks.flatMap(([slot, observation, fields]) => {
    const item = observation ? ctx.planned(observation) : undefined;
    if (!observation || !item) return [];
    const facts = fields.flatMap((field) => ctx.observationFact(observation, field) ?? []);
    const release = ctx.item(observation.itemId)?.attributes;
    if (slot === 'library' && release?.tag) {
      facts.push(derivedFact(item.externalId, 'tag', release.tag, observation.takenAt, 'release tag'));
      if (release.publishedAt)
        facts.push(
          derivedFact(item.externalId, 'publishedAt', release.publishedAt, observation.takenAt, 'published'),
        );
    }
    return [{ slot, item, facts }];
  });
}

function published(ctx: PlanContext, itemId: number): string {
  const attributes = ctx.item(itemId)?.attributes;
  return attributes?.publishedAt ?? attributes?.createdAt ?? '';
}

export function metricsSection(
  metrics: readonly Metric[],
  isWeekend: boolean,
  observedAt: string,
): EditionPlan['metrics'] {
  return {
    title: isWeekend ? 'Weekend Development Metrics' : 'This Week in Numbers',
    metrics: [...metrics],
    facts: metrics.flatMap((metric) => [
      derivedFact(metric.id, 'value', metric.value, observedAt, metric.label),
      ...(metric.previous === null
        ? []
        : [
            derivedFact(
              metric.id,
              'previous',
              metric.previous,
              observedAt,
              `${metric.label}, previous period`,
            ),
          ]),
    ]),
  };
}

/** For each source: the newest snapshot with data up to the edition's day, and whether it is today's. */
export function coverageOf(ctx: PlanContext): {
  sources: SourceCoverage[];
  notes: string[];
  daysAvailable: number;
} {
  const { history } = ctx;
  const notes: string[] = [];
  const sources = SOURCE_IDS.filter((id) => id !== 'fake').map((source): SourceCoverage => {
    const snapshots = history.snapshots
      .filter((s) => s.source === source && s.day <= history.day)
      .sort((a, b) => compareText(b.day, a.day));
    const today = snapshots.find((s) => s.day === history.day);
    const usable = snapshots.find((s) => s.status !== 'failed');
    if (today?.status === 'failed')
      notes.push(
        `${source}: today's collection failed (${today.error ?? 'no reason given'})${usable ? `; using ${usable.day}` : ''}.`,
      );
    else if (!today) notes.push(`${source}: no collection today${usable ? `; using ${usable.day}` : ''}.`);
    else if (today.status === 'partial') notes.push(`${source}: today's collection is partial.`);
    return {
      source,
      status: usable ? usable.status : (today?.status ?? 'missing'),
      day: usable?.day ?? null,
      takenAt: usable?.takenAt ?? null,
      itemCount: usable?.itemCount ?? 0,
      stale: usable !== undefined && usable.day !== history.day,
      error: today?.status === 'failed' ? today.error : null,
    };
  });
  const days = [
    ...new Set(
      history.snapshots.filter((s) => s.status !== 'failed' && s.day <= history.day).map((s) => s.day),
    ),
  ].sort();
  // Days that really have data: a gap in the middle does not count.
  const daysAvailable = days.length;
  return { sources, notes, daysAvailable };
}

export function plannedIds(items: ReadonlyArray<PlannedItem>): Set<number> {
  return new Set(items.map((item) => item.itemId));
}
