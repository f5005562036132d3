/**
 * @module planner/plan
 * The planner: from history and the signals analysis found, choose a subject and facts for every
 * section. Pure and deterministic: the same inputs give the same plan, byte for byte.
 */

import type { History, HistoryObservation } from '../core/history.js';
import { compareText } from '../core/order.js';
import {
  type Candidate,
  type EditionPlan,
  EditionPlanSchema,
  type Fact,
  type HistorySignal,
  itemFact,
  type PreviousEdition,
  type Story,
} from '../core/plan.js';
import type { Anomaly, ItemFacts, Metric, Mover, Series, Theme } from '../core/signals.js';
import { argue, relatedSignals, withSignals } from './arguments.js';
import { type Draft, draftCandidates } from './candidates.js';
import { createPlanContext, type PlanContext, round } from './context.js';
import { recentMemory } from './memory.js';
import { novelty, previousRefs } from './novelty.js';
import {
  coverageOf,
  metricsSection,
  moversSection,
  readingSection,
  toolsSection,
  trendingSection,
} from './sections.js';
import { specialistTheme } from './specialists.js';

export interface PlanSignals {
  series: readonly Series[];
  themes: readonly Theme[];
  /** Model movers over 7 days (or the window available). */
  movers: readonly Mover[];
  metrics: readonly Metric[];
  anomalies: readonly Anomaly[];
  /** Streaks, records, firsts, returns and comparisons over the stored history, strongest first. */
  history?: readonly HistorySignal[];
}

/** A candidate related to a history signal gains this times the signal's strength. */
export const SIGNAL_BONUS = 0.1;
/** An opinion subject covered in this many latest editions waits while another can be argued. */
export const OPINION_REST = 2;
/** Novelty and "Previously in the Post" look at this many recent editions. */
export const NOVELTY_EDITIONS = 7;

export interface PlanOptions {
  timeZone: string;
  /** The whole history loaded, when `history` is the recent window of it (coverage counts all). */
  archive?: History;
}

/** Metrics the panel should carry; when analysis could not compute one, the plan says why. */
const EXPECTED_METRICS: ReadonlyArray<readonly [string, string]> = [
  [
    'trending-individual-share',
    'Metrics: no trending model has a known author kind; the individual/organisation share is left out.',
  ],
  ['median-parameters', 'Metrics: no trending model has a known size; the median size is left out.'],
  ['new-models', 'Metrics: no list of new models today; the count of new models is left out.'],
  ['github-stars-gained', 'Metrics: no GitHub star data; stars gained are left out.'],
  ['papers', 'Metrics: no daily papers; the papers count is left out.'],
];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function planEdition(
  history: History,
  facts: ReadonlyMap<number, ItemFacts>,
  signals: PlanSignals,
  earlier: readonly PreviousEdition[],
  options: PlanOptions,
): EditionPlan {
  const ctx = createPlanContext(history, facts);
  const historySignals = [...(signals.history ?? [])];
  const previous = [...earlier].sort((a, b) => compareText(b.date, a.date)).slice(0, NOVELTY_EDITIONS);
  const weekday = WEEKDAYS[new Date(`${history.day}T00:00:00Z`).getUTCDay()] ?? 'Sunday';
  const isWeekend = weekday === 'Saturday' || weekday === 'Sunday';
  const coverage = coverageOf(ctx);
  const notes = [...coverage.notes];

  const themes = [...signals.themes];
  const specialists = specialistTheme(ctx);
  if (specialists && !themes.some((t) => t.id === specialists.id)) themes.push(specialists);
  themes.sort((a, b) => b.strength - a.strength || compareText(a.id, b.id));

  const drafts = draftCandidates({
    ctx,
    isWeekend,
    series: signals.series,
    themes,
    movers: signals.movers,
    anomalies: signals.anomalies,
  });
  const scored = drafts
    .map((draft) => {
      const { novelty: value, note } = novelty(draft, previous);
      const boost = Math.max(0, ...relatedSignals(draft, historySignals).map((s) => s.strength));
      const candidate: Candidate = {
        kind: draft.kind,
        subject: draft.subject,
        magnitude: draft.magnitude,
        novelty: value,
        signal: round(SIGNAL_BONUS * boost),
        score: round(draft.magnitude * value + SIGNAL_BONUS * boost),
        blocked: draft.blocked,
        reason: note ? `${draft.reason}; ${note}` : draft.reason,
      };
      return { draft, candidate };
    })
    .sort(
      (a, b) =>
        b.candidate.score - a.candidate.score ||
        compareText(a.candidate.kind, b.candidate.kind) ||
        compareText(a.candidate.subject.key, b.candidate.subject.key),
    );

  const leadChoice = scored.find((entry) => entry.candidate.blocked === null);
  const lead = leadChoice
    ? withSignals(toStory(leadChoice.draft, leadChoice.candidate.score, previous), historySignals)
    : null;
  if (!lead) notes.push('No story could lead: too little data today.');

  const deepTheme = [...themes]
    .filter(
      (theme) =>
        theme.id !== lead?.subject.key &&
        (theme.dimensions.includes('domain') || theme.dimensions.includes('size')),
    )
    .filter((theme) => deepDiveScore(theme) > 0 && ctx.themeObservations(theme.members).length >= 2)
    .sort((a, b) => deepDiveScore(b) - deepDiveScore(a) || compareText(a.id, b.id))[0];
  const deepDive = deepTheme ? withSignals(themeStory(ctx, deepTheme, previous), historySignals) : null;
  if (!deepDive) notes.push('No theme strong enough for a deep dive.');

  const used = new Set([lead?.subject.key, deepDive?.subject.key]);
  const usedKinds = new Set([lead?.kind]);
  const opinions: Story[] = [];
  // A subject argued in the last two editions rests while another is there to argue.
  const rested = new Set(
    previous.slice(0, OPINION_REST).flatMap((edition) => edition.subjects.map((s) => s.subject.key)),
  );
  for (const fresh of [true, false]) {
    for (const { draft, candidate } of scored) {
      if (opinions.length === 2) break;
      if (used.has(draft.subject.key) || usedKinds.has(draft.kind) || candidate.blocked) continue;
      if (fresh && rested.has(draft.subject.key)) continue;
      opinions.push(toStory(draft, candidate.score, previous));
      used.add(draft.subject.key);
      usedKinds.add(draft.kind);
    }
    for (const theme of themes) {
      if (opinions.length === 2) break;
      if (used.has(theme.id) || ctx.themeObservations(theme.members).length < 2) continue;
      if (fresh && rested.has(theme.id)) continue;
      opinions.push(themeStory(ctx, theme, previous));
      used.add(theme.id);
    }
  }
  if (opinions.length < 2) notes.push(`Only ${opinions.length} opinion topic(s) found.`);
  const observedAt =
    history.snapshots
      .map((s) => s.takenAt)
      .sort()
      .at(-1) ?? `${history.day}T00:00:00.000Z`;
  // An opinion argues from its own signals, never the lead's.
  const leadSignals = new Set(lead?.signals ?? []);
  const opinionSignals = historySignals.filter((s) => !leadSignals.has(s.id));
  const metricsPart = metricsSection(
    options.timeZone === 'UTC'
      ? signals.metrics.filter((m) => m.id !== 'weekend-share-local')
      : signals.metrics,
    isWeekend,
    observedAt,
  );
  // The days the plan drew on: the whole history passed in, when the analysis read a window of it.
  const archive = options.archive ?? history;
  const coverageDays = new Set(
    archive.snapshots.filter((s) => s.status !== 'failed' && s.day <= history.day).map((s) => s.day),
  ).size;
  const argued = opinions.map((story) =>
    argue({
      story: withSignals(story, opinionSignals),
      signals: opinionSignals,
      anomalies: signals.anomalies,
      metrics: metricsPart.metrics,
      metricFacts: metricsPart.facts,
      daysAvailable: coverageDays,
      date: history.day,
    }),
  );

  for (const [id, note] of EXPECTED_METRICS) {
    if (!signals.metrics.some((metric) => metric.id === id)) notes.push(note);
  }
  const storyItems = new Set([...(lead?.items ?? []), ...(deepDive?.items ?? [])].map((item) => item.itemId));
  const movers = moversSection(ctx, signals.movers, signals.anomalies);
  if (movers.windowDays < 7)
    notes.push(`Movers compare ${movers.windowDays} day(s) of history, not a full week.`);
  for (const anomaly of signals.anomalies)
    notes.push(`Anomaly (${ctx.item(anomaly.itemId)?.externalId ?? anomaly.itemId}): ${anomaly.reason}`);

  const plan: EditionPlan = {
    version: 1,
    date: history.day,
    weekday,
    isWeekend,
    timeZone: options.timeZone,
    coverage: {
      from: archive.from,
      to: history.day,
      daysAvailable: coverageDays,
      sources: coverage.sources,
    },
    lead,
    // In UTC the "local" weekend share repeats the UTC one.
    metrics: metricsPart,
    deepDive,
    opinions: argued,
    tools: toolsSection(ctx, storyItems, signals.anomalies),
    trending: trendingSection(ctx),
    movers,
    reading: readingSection(ctx),
    anomalies: [...signals.anomalies],
    signals: historySignals,
    recent: recentMemory(earlier),
    candidates: scored.map((entry) => entry.candidate),
    notes,
  };
  return EditionPlanSchema.parse(plan);
}

/**
 * A deep dive explains a pattern, so it prefers coherent themes: one that joins what models are
 * for (domain) with how big they are (size) counts double; the catch-all "specialised" pseudo-domain
 * alone counts half, and "general" is never a subject.
 */
export function deepDiveScore(theme: Theme): number {
  if (/domain=general/.test(theme.id)) return 0;
  const joined = theme.dimensions.includes('domain') && theme.dimensions.includes('size');
  const catchAll = theme.id === 'domain=specialised';
  return theme.strength * (joined ? 2 : 1) * (catchAll ? 0.5 : 1);
}

function toStory(draft: Draft, score: number, previous: readonly PreviousEdition[]): Story {
  return {
    kind: draft.kind,
    subject: draft.subject,
    magnitude: draft.magnitude,
    score,
    facts: dedupeFacts([...draft.facts, ...draft.items.flatMap((item) => itemFacts(item))]),
    items: draft.items,
    previously: previousRefs(
      { subject: draft.subject, items: draft.items, authors: draft.authors },
      previous,
    ),
    notes: draft.blocked ? [draft.blocked] : [],
    signals: [],
  };
}

function themeStory(ctx: PlanContext, theme: Theme, previous: readonly PreviousEdition[]): Story {
  const observations: HistoryObservation[] = ctx.themeObservations(theme.members);
  const items = observations.slice(0, 6).flatMap((o) => ctx.planned(o) ?? []);
  const authors = [...new Set(items.map((item) => item.author ?? ''))].filter(Boolean);
  const facts = observations
    .slice(0, 6)
    .flatMap((o) =>
      [ctx.observationFact(o, 'rank'), ctx.observationFact(o, 'likes')].filter((f) => f !== undefined),
    );
  return {
    kind: 'theme',
    subject: { type: 'theme', key: theme.id, label: theme.label },
    magnitude: round(theme.strength),
    score: round(theme.strength),
    facts: dedupeFacts([...facts, ...items.flatMap((item) => itemFacts(item))]),
    items,
    previously: previousRefs(
      { subject: { type: 'theme', key: theme.id, label: theme.label }, items, authors },
      previous,
    ),
    notes: [],
    signals: [],
  };
}

/** The analysed facts of an item (size, domain, family, base model, author kind) as plan facts. */
function itemFacts(item: Story['items'][number]): Fact[] {
  const facts = item.facts;
  if (!facts) return [];
  const entries: Array<[string, Fact['value'], string]> = [
    ['domain', facts.domain, `domain (${facts.domainReason})`],
    [
      'parameters',
      facts.parameters ?? null,
      facts.parametersFrom === 'name' ? 'parameters, read from the name' : 'parameters',
    ],
    ['family', facts.family ?? null, 'model family'],
    ['baseModel', facts.baseModel ?? null, 'base model'],
    ['relation', facts.relation ?? null, 'relation to the base model'],
    ['authorKind', facts.authorKind ?? null, 'author kind'],
    ['series', facts.series ?? null, 'series'],
  ];
  return entries
    .filter(([, value]) => value !== null)
    .map(([field, value, label]) => itemFact(item, field, value, label));
}

function dedupeFacts(facts: readonly Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((fact) => !seen.has(fact.id) && seen.add(fact.id));
}
