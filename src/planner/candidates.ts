/**
 * @module planner/candidates
 * The stories that could lead, each with a magnitude in 0..1. The scales are editorial choices,
 * written down here so a reader of `plan --explain` can check them:
 *
 * | kind | magnitude |
 * |---|---|
 * | weekend-surge | weekend only: 0.5 + 0.5 × clamp((share of trending models by individuals − 0.35) / 0.4); needs share ≥ 0.5 |
 * | independent-surge | weekdays: 0.8 × clamp((share − 0.35) / 0.4); needs share ≥ 0.5 |
 * | author-series | 0.4 × clamp(trending members / 5) + 0.4 × (1 − best rank / list length) |
 * | domain-wave | 0.85 × (1 − e^(−theme strength / 1.5)), for themes of one named domain |
 * | big-lab-release | 0.9 × (1 − rank / list length), model created in the last 7 days by a big lab |
 * | star-surge | clamp(log10(stars gained) / 4.5), the repository with most stars this week |
 * | paper-record | clamp(upvotes / 300), the most upvoted paper of the day |
 * | biggest-mover | clamp(rank climb / 50), the model that climbed most over the window |
 *
 * A candidate whose main item is flagged as an anomaly is blocked from leading on that jump.
 */

import { addDays } from '../core/history.js';
import { compareText } from '../core/order.js';
import type { CandidateKind, Fact, PlannedItem, Subject } from '../core/plan.js';
import type { Anomaly, Mover, Series, Theme } from '../core/signals.js';
import { clamp, derivedFact, type PlanContext, round } from './context.js';

/** A candidate before novelty is applied, with what a story about it would carry. */
export interface Draft {
  kind: CandidateKind;
  subject: Subject;
  magnitude: number;
  reason: string;
  blocked: string | null;
  facts: Fact[];
  items: PlannedItem[];
  authors: string[];
}

export interface CandidateInput {
  ctx: PlanContext;
  isWeekend: boolean;
  series: readonly Series[];
  themes: readonly Theme[];
  movers: readonly Mover[];
  anomalies: readonly Anomaly[];
}

export function draftCandidates(input: CandidateInput): Draft[] {
  const drafts = [
    ...surge(input),
    ...authorSeries(input),
    ...domainWaves(input),
    ...bigLabReleases(input),
    ...starSurge(input),
    ...paperRecord(input),
    ...biggestMover(input),
  ];
  return drafts.map((draft) => ({ ...draft, magnitude: round(draft.magnitude) }));
}

function blockedBy(anomalies: readonly Anomaly[], itemId: number | undefined): string | null {
  const anomaly = itemId === undefined ? undefined : anomalies.find((a) => a.itemId === itemId);
  return anomaly ? `anomaly: ${anomaly.reason}` : null;
}

function surge({ ctx, isWeekend }: CandidateInput): Draft[] {
  const trending = ctx.latestList('hf-models', 'trending');
  const known = trending.filter((o) => ctx.facts.get(o.itemId)?.authorKind);
  if (known.length < 4) return [];
  const individuals = known.filter((o) => ctx.facts.get(o.itemId)?.authorKind === 'individual');
  const share = individuals.length / known.length;
  if (share < 0.5) return [];
  const observedAt =
    known
      .map((o) => o.takenAt)
      .sort()
      .at(-1) ?? '';
  const subjectKey = isWeekend ? 'weekend-independents' : 'independents';
  // The notable independents: series members and specialists first, then by rank.
  const notable = [...individuals].sort(
    (a, b) => notability(ctx, b.itemId) - notability(ctx, a.itemId) || (a.rank ?? 999) - (b.rank ?? 999),
  );
  const items = notable.slice(0, 5).flatMap((o) => ctx.planned(o) ?? []);
  return [
    {
      kind: isWeekend ? 'weekend-surge' : 'independent-surge',
      subject: {
        type: 'surge',
        key: subjectKey,
        label: isWeekend
          ? 'Independent developers lead the weekend'
          : 'Independent developers lead the trending list',
      },
      magnitude: isWeekend ? 0.5 + 0.5 * clamp((share - 0.35) / 0.4) : 0.8 * clamp((share - 0.35) / 0.4),
      reason: `${individuals.length} of ${known.length} trending models with a known author are from individuals (${Math.round(share * 100)}%)`,
      blocked: null,
      facts: [
        derivedFact(
          subjectKey,
          'individualShare',
          round(share),
          observedAt,
          'share of trending models by individual accounts',
        ),
        derivedFact(
          subjectKey,
          'individualCount',
          individuals.length,
          observedAt,
          'trending models by individual accounts',
        ),
        derivedFact(
          subjectKey,
          'knownAuthorCount',
          known.length,
          observedAt,
          'trending models whose author kind is known',
        ),
        ...notable.slice(0, 5).flatMap((o) => ctx.observationFact(o, 'rank') ?? []),
      ],
      items,
      authors: [...new Set(items.map((i) => i.author ?? ''))].filter(Boolean),
    },
  ];
}

function notability(ctx: PlanContext, itemId: number): number {
  const facts = ctx.facts.get(itemId);
  if (!facts) return 0;
  return (
    (facts.series ? 2 : 0) + (facts.domain !== 'general' ? 1 : 0) + (facts.sizeClass === 'tiny' ? 0.5 : 0)
  );
}

function authorSeries({ ctx, series, anomalies }: CandidateInput): Draft[] {
  const trending = ctx.latestList('hf-models', 'trending');
  const length = Math.max(trending.length, 1);
  return series.flatMap((s) => {
    const members = trending.filter((o) => s.members.includes(o.itemId));
    if (members.length < 2) return [];
    const best = Math.min(...members.map((o) => o.rank ?? length));
    const items = members.flatMap((o) => ctx.planned(o) ?? []);
    const observedAt = members[0]?.takenAt ?? '';
    return [
      {
        kind: 'author-series' as const,
        subject: {
          type: 'series' as const,
          key: s.key,
          label: `${s.author}'s ${listNames(items.map((item) => item.title.slice(item.title.indexOf('/') + 1)))}`,
        },
        magnitude: 0.4 * clamp(members.length / 5) + 0.4 * (1 - best / length),
        reason: `${members.length} models of one series by ${s.author} trending, best rank ${best}`,
        blocked: members.map((o) => blockedBy(anomalies, o.itemId)).find((b) => b !== null) ?? null,
        facts: [
          derivedFact(
            s.key,
            'seriesMembersTrending',
            members.length,
            observedAt,
            `models of the ${s.stem} series trending`,
          ),
          ...members.flatMap((o) =>
            [ctx.observationFact(o, 'rank'), ctx.observationFact(o, 'likes')].filter((f) => f !== undefined),
          ),
        ],
        items,
        authors: [s.author],
      },
    ];
  });
}

function domainWaves({ ctx, themes }: CandidateInput): Draft[] {
  return (
    themes
      // A wave is one named domain; "specialised" groups several and belongs to the deep dive.
      .filter(
        (theme) =>
          theme.dimensions.includes('domain') &&
          !/general|specialised|specialists/.test(theme.id) &&
          ctx.themeObservations(theme.members).length >= 2,
      )
      .slice(0, 3)
      .map((theme) => {
        const members = ctx.themeObservations(theme.members);
        const items = members.slice(0, 6).flatMap((o) => ctx.planned(o) ?? []);
        return {
          kind: 'domain-wave' as const,
          subject: { type: 'theme' as const, key: theme.id, label: theme.label },
          magnitude: 0.85 * (1 - Math.exp(-theme.strength / 1.5)),
          reason: `${theme.members.length} trending items: ${theme.label} (strength ${round(theme.strength, 2)})`,
          blocked: null,
          facts: [
            derivedFact(theme.id, 'members', theme.members.length, members[0]?.takenAt ?? '', theme.label),
          ],
          items,
          authors: [...new Set(items.map((i) => i.author ?? ''))].filter(Boolean),
        };
      })
  );
}

function bigLabReleases({ ctx, anomalies }: CandidateInput): Draft[] {
  const trending = ctx.latestList('hf-models', 'trending');
  const weekAgo = addDays(ctx.history.day, -7);
  const fresh = trending.filter(
    (o) => ctx.facts.get(o.itemId)?.bigLab && ctx.createdWithin(o.itemId, weekAgo),
  );
  const top = fresh[0];
  const planned = top ? ctx.planned(top) : undefined;
  if (!top || !planned) return [];
  return [
    {
      kind: 'big-lab-release',
      subject: { type: 'item', key: `model:${planned.externalId}`, label: planned.title },
      magnitude: 0.9 * (1 - (top.rank ?? trending.length) / Math.max(trending.length, 1)),
      reason: `new model from ${planned.author ?? 'a big lab'} at rank ${top.rank}`,
      blocked: blockedBy(anomalies, top.itemId),
      facts: [
        ctx.observationFact(top, 'rank'),
        ctx.observationFact(top, 'likes'),
        ctx.observationFact(top, 'downloads'),
      ].filter((f) => f !== undefined),
      items: [planned],
      authors: planned.author ? [planned.author] : [],
    },
  ];
}

function starSurge({ ctx, anomalies }: CandidateInput): Draft[] {
  const weekly = ctx.latestList('github-trending', 'weekly');
  const list = weekly.length > 0 ? weekly : ctx.latestList('github-trending', 'daily');
  const top = [...list].sort(
    (a, b) =>
      (b.metrics.starsInPeriod ?? 0) - (a.metrics.starsInPeriod ?? 0) ||
      compareText(String(a.itemId), String(b.itemId)),
  )[0];
  const gained = top?.metrics.starsInPeriod ?? 0;
  const planned = top ? ctx.planned(top) : undefined;
  if (!top || !planned || gained <= 0) return [];
  return [
    {
      kind: 'star-surge',
      subject: { type: 'item', key: `repository:${planned.externalId}`, label: planned.title },
      magnitude: clamp(Math.log10(gained) / 4.5),
      reason: `${planned.externalId} gained ${gained} stars (${top.list})`,
      blocked: blockedBy(anomalies, top.itemId),
      facts: [
        ctx.observationFact(top, 'starsInPeriod', `stars gained (${top.list})`),
        ctx.observationFact(top, 'stars'),
      ].filter((f) => f !== undefined),
      items: [planned],
      authors: planned.author ? [planned.author] : [],
    },
  ];
}

function paperRecord({ ctx, anomalies }: CandidateInput): Draft[] {
  const papers = [...ctx.latestList('hf-papers', 'daily')].sort(
    (a, b) => (b.metrics.upvotes ?? 0) - (a.metrics.upvotes ?? 0) || (a.rank ?? 0) - (b.rank ?? 0),
  );
  const top = papers[0];
  const planned = top ? ctx.planned(top) : undefined;
  if (!top || !planned || !top.metrics.upvotes) return [];
  // A record is measured against the other papers of the window, not only today's.
  const earlier = ctx.history.observations
    .filter((o) => o.source === 'hf-papers' && o.day < top.day && o.itemId !== top.itemId)
    .reduce((best, o) => Math.max(best, o.metrics.upvotes ?? 0), 0);
  const record = top.metrics.upvotes > earlier;
  const days = ctx.comparedDays('hf-papers', 'daily', 14);
  return [
    {
      kind: 'paper-record',
      subject: { type: 'item', key: `paper:${planned.externalId}`, label: planned.title },
      magnitude: clamp(top.metrics.upvotes / 300) * (record && earlier > 0 ? 1 : 0.6),
      reason:
        record && earlier > 0
          ? `most upvoted paper of the last ${days + 1} days: ${top.metrics.upvotes} upvotes (previous best ${earlier})`
          : `most upvoted paper today: ${top.metrics.upvotes} upvotes${earlier > 0 ? ` (the window's best is ${earlier})` : ''}`,
      blocked: blockedBy(anomalies, top.itemId),
      facts: [
        ctx.observationFact(top, 'upvotes'),
        ...(earlier > 0
          ? [
              derivedFact(
                planned.externalId,
                'previousBestUpvotes',
                earlier,
                top.takenAt,
                'most upvotes on an earlier daily paper in the window',
              ),
            ]
          : []),
      ].filter((f) => f !== undefined),
      items: [planned],
      authors: [],
    },
  ];
}

function biggestMover({ ctx, movers, anomalies }: CandidateInput): Draft[] {
  const top = movers
    .filter((m) => (m.rankChange ?? 0) > 0)
    .sort((a, b) => (b.rankChange ?? 0) - (a.rankChange ?? 0) || a.itemId - b.itemId)[0];
  const observation = top
    ? ctx.latestList(top.source, top.list).find((o) => o.itemId === top.itemId)
    : undefined;
  const planned = observation ? ctx.planned(observation) : undefined;
  if (!top || !observation || !planned) return [];
  return [
    {
      kind: 'biggest-mover',
      subject: { type: 'item', key: `${planned.kind}:${planned.externalId}`, label: planned.title },
      magnitude: clamp((top.rankChange ?? 0) / 50),
      reason: `climbed ${top.rankChange} places over ${top.windowDays} days`,
      blocked: blockedBy(anomalies, top.itemId),
      facts: [
        ctx.observationFact(observation, 'rank'),
        derivedFact(
          planned.externalId,
          'rankChange',
          top.rankChange,
          observation.takenAt,
          `places climbed in ${top.windowDays} days`,
        ),
      ].filter((f) => f !== undefined),
      items: [planned],
      authors: planned.author ? [planned.author] : [],
    },
  ];
}

/** "A", "A and B", "A, B and C". */
function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
