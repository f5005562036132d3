/**
 * @module core/plan
 * The EditionPlan: for every section of an edition, the chosen subject and the facts that support
 * it, each fact with its provenance. Writers turn it into words; it is validated, serialisable
 * and explains itself (the candidates considered, with their scores).
 */
import { z } from 'zod';
import { ItemKindSchema, MetricsSchema, SnapshotStatusSchema, SourceIdSchema } from './item.js';
import { AnomalySchema, ItemFactsSchema, MetricSchema, MoverSchema } from './signals.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One checkable statement: which source said what about which subject, and when. */
export const FactSchema = z.object({
  id: z.string(),
  source: SourceIdSchema.or(z.literal('analysis')),
  /** The item's external id, a metric id, a series or theme key. */
  subject: z.string(),
  itemId: z.number().int().optional(),
  field: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  /** The snapshot time the value was observed (for derived facts: the newest input). */
  observedAt: z.string(),
  label: z.string().optional(),
});
export type Fact = z.infer<typeof FactSchema>;

export const SubjectSchema = z.object({
  type: z.enum(['item', 'author', 'series', 'theme', 'metric', 'surge']),
  key: z.string(),
  label: z.string(),
});
export type Subject = z.infer<typeof SubjectSchema>;

export const PlannedItemSchema = z.object({
  itemId: z.number().int(),
  kind: ItemKindSchema,
  externalId: z.string(),
  title: z.string(),
  url: z.string(),
  author: z.string().nullable(),
  source: SourceIdSchema,
  list: z.string(),
  rank: z.number().int().nullable(),
  metrics: MetricsSchema,
  /** The snapshot time of the observation the metrics come from. */
  observedAt: z.string(),
  facts: ItemFactsSchema.optional(),
  /** A short label from stable attributes (pipeline tag, language, sdk, categories). */
  tagline: z.string().optional(),
});
export type PlannedItem = z.infer<typeof PlannedItemSchema>;

export const PreviousRefSchema = z.object({
  date: day,
  number: z.number().int(),
  headline: z.string().optional(),
  matchedBy: z.string(),
});
export type PreviousRef = z.infer<typeof PreviousRefSchema>;

export const CANDIDATE_KINDS = [
  'weekend-surge',
  'independent-surge',
  'author-series',
  'domain-wave',
  'big-lab-release',
  'star-surge',
  'paper-record',
  'biggest-mover',
] as const;
export const CandidateKindSchema = z.enum(CANDIDATE_KINDS);
export type CandidateKind = z.infer<typeof CandidateKindSchema>;

export const CandidateSchema = z.object({
  kind: CandidateKindSchema,
  subject: SubjectSchema,
  /** How big the change is, 0..1 (documented per kind in planner/candidates). */
  magnitude: z.number(),
  /** 1 when no recent edition covered the subject; lower when one did and the change is not clearly larger. */
  novelty: z.number(),
  /** What a related history signal adds: 0.1 × the strongest one's strength (0 when none). */
  signal: z.number().default(0),
  /** magnitude × novelty + signal. */
  score: z.number(),
  /** Why it may not lead (an anomaly, for instance); null when it may. */
  blocked: z.string().nullable(),
  reason: z.string(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

/**
 * What only history can say: a streak, a record, a first, a return, a comparison with the same
 * weekday last week or the 30-day median, the gap between two members of a numbered series, a
 * change of share. Found by analysis (`analysis/signals/history-signals`), each with the facts
 * behind it, so every writer may cite it and the fact-check can trace it.
 */
export const HISTORY_SIGNAL_KINDS = [
  'streak',
  'record',
  'first',
  'return',
  'weekday',
  'median',
  'series-gap',
  'share-change',
] as const;
export const HistorySignalKindSchema = z.enum(HISTORY_SIGNAL_KINDS);
export type HistorySignalKind = z.infer<typeof HistorySignalKindSchema>;

export const HistorySignalSchema = z.object({
  id: z.string(),
  kind: HistorySignalKindSchema,
  subject: SubjectSchema,
  /** Items the signal is about (empty for list-wide signals). */
  itemIds: z.array(z.number().int()),
  /** 0..1: how much the signal stands out (documented per kind). */
  strength: z.number(),
  /** The signal in one plain sentence, for `plan --explain` and LLM briefs. */
  statement: z.string(),
  facts: z.array(FactSchema),
});
export type HistorySignal = z.infer<typeof HistorySignalSchema>;

/**
 * An opinion piece's argument, chosen by the planner so that every writer argues from the same
 * material: a thesis from a strong signal, the day's facts that support it, one limitation the
 * data itself shows, and what to watch next.
 */
export const ArgumentSchema = z.object({
  thesis: z.string(),
  /** Ids of the facts (of the story) that support the thesis: at least three. */
  evidence: z.array(z.string()),
  counterpoint: z.object({
    kind: z.enum(['one-day', 'few-downloads', 'anomaly', 'previous-period', 'short-history', 'below-median']),
    statement: z.string(),
    facts: z.array(z.string()),
  }),
  /** What to watch in the coming days, in a phrase. */
  watch: z.string(),
  /** The signal the thesis comes from, when it comes from one. */
  signal: z.string().optional(),
});
export type Argument = z.infer<typeof ArgumentSchema>;

export const StorySchema = z.object({
  kind: CandidateKindSchema.or(z.literal('theme')),
  subject: SubjectSchema,
  magnitude: z.number(),
  score: z.number(),
  facts: z.array(FactSchema),
  items: z.array(PlannedItemSchema),
  previously: z.array(PreviousRefSchema),
  notes: z.array(z.string()),
  /** Ids of the history signals the story carries (their facts are in `facts`). */
  signals: z.array(z.string()).default([]),
  /** Opinion pieces: the argument to make. */
  argument: ArgumentSchema.optional(),
});
export type Story = z.infer<typeof StorySchema>;

export const ToolPickSchema = z.object({
  slot: z.enum(['model', 'library', 'app', 'repository']),
  item: PlannedItemSchema,
  facts: z.array(FactSchema),
});
export type ToolPick = z.infer<typeof ToolPickSchema>;

export const SourceCoverageSchema = z.object({
  source: SourceIdSchema,
  status: SnapshotStatusSchema.or(z.literal('missing')),
  /** The day whose data is used (may be earlier than the edition's when today's failed). */
  day: day.nullable(),
  takenAt: z.string().nullable(),
  itemCount: z.number().int(),
  stale: z.boolean(),
  error: z.string().nullable(),
});
export type SourceCoverage = z.infer<typeof SourceCoverageSchema>;

/** Editorial memory of the last editions (newest first), for the writers. */
export const RecentSchema = z.object({
  /** How many earlier editions the memory covers. */
  editions: z.number().int(),
  /** Phrasing id (`section.slot#n`) → how many editions ago it was last printed (1 = yesterday's). */
  phrasings: z.record(z.string(), z.number().int()),
  /** Hashes of the sentences printed in the last seven editions. */
  sentences: z.array(z.string()),
  /** The last editions' headlines and opening sentences, for LLM writers to avoid. */
  headlines: z.array(z.string()),
  openings: z.array(z.string()),
});
export type Recent = z.infer<typeof RecentSchema>;

export const EditionPlanSchema = z.object({
  version: z.literal(1),
  date: day,
  weekday: z.string(),
  isWeekend: z.boolean(),
  timeZone: z.string(),
  coverage: z.object({
    from: day,
    to: day,
    daysAvailable: z.number().int(),
    sources: z.array(SourceCoverageSchema),
  }),
  lead: StorySchema.nullable(),
  metrics: z.object({ title: z.string(), metrics: z.array(MetricSchema), facts: z.array(FactSchema) }),
  deepDive: StorySchema.nullable(),
  opinions: z.array(StorySchema).max(2),
  tools: z.array(ToolPickSchema).max(4),
  trending: z.object({
    models: z.array(PlannedItemSchema),
    datasets: z.array(PlannedItemSchema),
    spaces: z.array(PlannedItemSchema),
    repositories: z.array(PlannedItemSchema),
  }),
  movers: z.object({
    windowDays: z.number().int(),
    items: z.array(z.object({ item: PlannedItemSchema, mover: MoverSchema })),
  }),
  reading: z.array(z.object({ item: PlannedItemSchema, facts: z.array(FactSchema) })),
  anomalies: z.array(AnomalySchema),
  /** Every history signal found for the day, strongest first. */
  signals: z.array(HistorySignalSchema).default([]),
  /** What recent editions printed, so writers can avoid repeating it. */
  recent: RecentSchema.default({ editions: 0, phrasings: {}, sentences: [], headlines: [], openings: [] }),
  candidates: z.array(CandidateSchema),
  notes: z.array(z.string()),
});
export type EditionPlan = z.infer<typeof EditionPlanSchema>;

/** What the planner needs to know of an earlier edition to judge novelty and link back to it. */
export const PreviousEditionSchema = z.object({
  date: day,
  number: z.number().int(),
  headline: z.string().optional(),
  lead: z.object({ subject: SubjectSchema, magnitude: z.number() }).nullable(),
  /** Every subject the edition covered, with the items and authors behind it. */
  subjects: z.array(
    z.object({ subject: SubjectSchema, itemKeys: z.array(z.string()), authors: z.array(z.string()) }),
  ),
  /** What the edition printed (absent for editions written before editorial memory). */
  memory: z
    .object({
      phrasings: z.array(z.string()),
      sentences: z.array(z.string()),
      headline: z.string(),
      opening: z.string(),
    })
    .optional(),
});
export type PreviousEdition = z.infer<typeof PreviousEditionSchema>;

/** A fact about a planned item, observed with it: the one id scheme both planner and writers use. */
export function itemFact(item: PlannedItem, field: string, value: Fact['value'], label: string): Fact {
  return {
    id: `${item.source}:${item.externalId}:${field}`,
    source: item.source,
    subject: item.externalId,
    itemId: item.itemId,
    field,
    value,
    observedAt: item.observedAt,
    label,
  };
}

/** Every item the plan names, in section order (stories, tools, trending lists, movers, reading). */
export function planItems(plan: EditionPlan): PlannedItem[] {
  const { models, datasets, spaces, repositories } = plan.trending;
  return [
    ...[plan.lead, plan.deepDive, ...plan.opinions].flatMap((story) => story?.items ?? []),
    ...plan.tools.map((tool) => tool.item),
    ...models,
    ...datasets,
    ...spaces,
    ...repositories,
    ...plan.movers.items.map((entry) => entry.item),
    ...plan.reading.map((entry) => entry.item),
  ];
}
