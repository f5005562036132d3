/**
 * @module testing/plans/plans (test-only: excluded from the build)
 * Plans for the newsroom's tests and benchmark: the seed scenario planned end to end (bundle →
 * SQLite store → history → plan), a generated month, and hand-made edge cases derived from the
 * seed plan (no lead, one item, extreme numbers, names with markup or emoji, every story kind).
 */

import { CANDIDATE_KINDS, type EditionPlan, type PlannedItem, type Story } from '../../core/plan.js';
import { buildPlan } from '../../planner/index.js';
import { generateHistory } from '../history/generator.js';
import { planFromBundle, withoutSnapshots } from './helpers.js';
import { SEED_DAY, seedScenario } from './seed-scenario.js';

let seed: Promise<EditionPlan> | undefined;

/** The seed edition's Sunday, planned the way the pipeline plans it (cached; clone before changing). */
export function seedPlan(): Promise<EditionPlan> {
  seed ??= planFromBundle(seedScenario(), SEED_DAY);
  return seed;
}

/** The seed's first day alone: one hf-models snapshot, no history, no movers. */
export function firstDayPlan(): Promise<EditionPlan> {
  return planFromBundle(
    withoutSnapshots(seedScenario(), (s) => s.source !== 'hf-models' || s.day !== SEED_DAY),
    SEED_DAY,
  );
}

/** A generated month with every source filled (planted climbers, a newcomer, a spike). */
export function generatedPlan(endDay = '2025-06-15'): EditionPlan {
  return buildPlan(generateHistory({ days: 30, itemsPerDay: 100, extras: true, endDay }), [], {
    timeZone: 'UTC',
  });
}

const clone = (plan: EditionPlan): EditionPlan => structuredClone(plan);

/** The same plan, one day later (a different weekday too). */
export function nextDay(plan: EditionPlan, date: string, weekday: string): EditionPlan {
  return { ...clone(plan), date, weekday, isWeekend: weekday === 'Saturday' || weekday === 'Sunday' };
}

/** Nothing to say: no stories, no lists, no metrics. */
export function emptyPlan(plan: EditionPlan): EditionPlan {
  return {
    ...clone(plan),
    lead: null,
    deepDive: null,
    opinions: [],
    tools: [],
    trending: { models: [], datasets: [], spaces: [], repositories: [] },
    movers: { windowDays: 0, items: [] },
    reading: [],
    metrics: { title: 'This Week in Numbers', metrics: [], facts: [] },
    notes: [
      'No story could lead: too little data today.',
      'Movers compare 0 day(s) of history, not a full week.',
    ],
  };
}

/** Every story and list cut down to its first item. */
export function oneItemPlan(plan: EditionPlan): EditionPlan {
  const p = clone(plan);
  const cut = (story: Story | null) => (story ? { ...story, items: story.items.slice(0, 1) } : null);
  return {
    ...p,
    lead: cut(p.lead),
    deepDive: cut(p.deepDive),
    opinions: p.opinions.map((o) => cut(o) as Story),
    tools: p.tools.slice(0, 1),
    trending: { models: p.trending.models.slice(0, 1), datasets: [], spaces: [], repositories: [] },
    movers: {
      windowDays: 3,
      items: p.movers.items.slice(0, 1).map((m) => ({ ...m, mover: { ...m.mover, windowDays: 3 } })),
    },
    reading: p.reading.slice(0, 1),
    metrics: { ...p.metrics, metrics: p.metrics.metrics.slice(0, 1) },
  };
}

/** Every item's counts set to 0, 1 or millions, in turn. */
export function extremeNumbersPlan(plan: EditionPlan): EditionPlan {
  const p = clone(plan);
  const values = [0, 1, 12_345_678];
  let i = 0;
  const visit = (item: PlannedItem) => {
    const v = values[i++ % values.length] as number;
    for (const key of Object.keys(item.metrics) as Array<keyof PlannedItem['metrics']>) item.metrics[key] = v;
    if (item.facts?.parameters !== undefined)
      item.facts.parameters = v === 0 ? 0 : v === 1 ? 1 : 405_000_000_000;
    if (item.rank !== null) item.rank = v === 0 ? 1 : v === 1 ? 11 : 112;
  };
  forEachItem(p, visit);
  for (const m of p.movers.items)
    m.mover = {
      ...m.mover,
      likesGained: 1,
      downloadsGained: 0,
      rankChange: m.mover.rankChange === null ? null : 1,
    };
  for (const m of p.metrics.metrics) m.value = m.unit === 'share' ? 1 : m.unit === 'parameters' ? 8e9 : 1;
  return p;
}

/** Titles and authors with HTML markup and emoji. */
export function markupPlan(plan: EditionPlan): EditionPlan {
  const p = clone(plan);
  forEachItem(p, (item) => {
    item.author = `<b>${item.author ?? 'x'}</b> 🤗`;
    item.title = `<script>alert(1)</script> ${item.title} 🚀`;
    item.tagline = item.tagline ? `<i>${item.tagline}</i>` : item.tagline;
  });
  return p;
}

/** The seed plan with the lead reframed as `kind` (facts kept: the text must still hold together). */
export function leadOfKind(plan: EditionPlan, kind: Story['kind']): EditionPlan {
  const p = clone(plan);
  const donor = kind === 'star-surge' ? p.opinions[0] : kind === 'author-series' ? p.opinions[1] : p.lead;
  return { ...p, lead: donor ? { ...donor, kind } : null, opinions: p.opinions.map((o) => ({ ...o, kind })) };
}

export const STORY_KINDS: ReadonlyArray<Story['kind']> = [...CANDIDATE_KINDS, 'theme'];

export function forEachItem(plan: EditionPlan, visit: (item: PlannedItem) => void): void {
  const seen = new Set<PlannedItem>();
  const all = [
    ...[plan.lead, plan.deepDive, ...plan.opinions].flatMap((s) => s?.items ?? []),
    ...plan.tools.map((t) => t.item),
    ...plan.trending.models,
    ...plan.trending.datasets,
    ...plan.trending.spaces,
    ...plan.trending.repositories,
    ...plan.movers.items.map((m) => m.item),
    ...plan.reading.map((r) => r.item),
  ];
  for (const item of all) {
    if (seen.has(item)) continue;
    seen.add(item);
    visit(item);
  }
}
