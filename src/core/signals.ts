/**
 * @module core/signals
 * What analysis derives from history: facts about each item, movers, metrics, themes and
 * anomalies. Pure data, serialisable, consumed by the planner.
 */
import { z } from 'zod';
import { BaseRelationSchema, SourceIdSchema } from './item.js';

export const DOMAINS = [
  'medical',
  'biology',
  'chemistry',
  'finance',
  'legal',
  'code',
  'math',
  'science',
  'education',
  'robotics',
  'speech-audio',
  'vision',
  'multimodal',
  'agents',
  'safety',
  'general',
] as const;
export const DomainSchema = z.enum(DOMAINS);
export type Domain = z.infer<typeof DomainSchema>;

export const SizeClassSchema = z.enum(['tiny', 'small', 'medium', 'large']);
export type SizeClass = z.infer<typeof SizeClassSchema>;

export const ItemFactsSchema = z.object({
  itemId: z.number().int(),
  domain: DomainSchema,
  /** Which rule decided the domain, e.g. `tag:medical`, `name:med`, `pipeline:object-detection`. */
  domainReason: z.string(),
  /** Model family such as `qwen`, `llama`, `mistral`, `gemma`, `deepseek`, `phi`, `gpt-oss`. */
  family: z.string().optional(),
  baseModel: z.string().optional(),
  relation: BaseRelationSchema.optional(),
  parameters: z.number().nonnegative().optional(),
  parametersFrom: z.enum(['metadata', 'name']).optional(),
  sizeClass: SizeClassSchema.optional(),
  authorKind: z.enum(['individual', 'organisation']).optional(),
  /** The author is on the configured list of big labs. */
  bigLab: z.boolean(),
  /** Set when the item belongs to a numbered series by one author (`H24`, `H25`). */
  series: z.string().optional(),
});
export type ItemFacts = z.infer<typeof ItemFactsSchema>;

export const SeriesSchema = z.object({
  key: z.string(),
  author: z.string(),
  stem: z.string(),
  /** Item ids in series order. */
  members: z.array(z.number().int()),
  labels: z.array(z.string()),
});
export type Series = z.infer<typeof SeriesSchema>;

export const MoverSchema = z.object({
  itemId: z.number().int(),
  source: SourceIdSchema,
  list: z.string(),
  /** The comparison window actually available (≤ the one asked for). */
  windowDays: z.number().int().nonnegative(),
  requestedDays: z.number().int().positive(),
  rankNow: z.number().int().nullable(),
  rankThen: z.number().int().nullable(),
  /** Positive = climbed. Null when the item was not ranked then. */
  rankChange: z.number().int().nullable(),
  isNew: z.boolean(),
  likesGained: z.number().optional(),
  downloadsGained: z.number().optional(),
  starsGained: z.number().optional(),
  /** One value per day of the window (oldest first), null on days without an observation. */
  sparkline: z.array(z.number().nullable()),
  sparklineMetric: z.enum(['likes', 'stars', 'downloads', 'rank', 'upvotes']),
  /** How this mover compares with the others, for ordering. */
  score: z.number(),
});
export type Mover = z.infer<typeof MoverSchema>;

export const MetricSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.number(),
  previous: z.number().nullable(),
  unit: z.enum(['count', 'share', 'parameters', 'stars']),
  /** The days the value covers. */
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  breakdown: z.array(z.object({ label: z.string(), value: z.number() })).optional(),
  note: z.string().optional(),
});
export type Metric = z.infer<typeof MetricSchema>;

export const ThemeSchema = z.object({
  id: z.string(),
  label: z.string(),
  dimensions: z.array(z.enum(['domain', 'family', 'size', 'author', 'relation', 'task'])),
  members: z.array(z.number().int()),
  /** 0..1 and above: how much the cluster stands out (size, share of the list, novelty). */
  strength: z.number(),
});
export type Theme = z.infer<typeof ThemeSchema>;

export const AnomalySchema = z.object({
  itemId: z.number().int(),
  metric: z.enum(['likes', 'stars', 'upvotes']),
  gained: z.number(),
  reason: z.string(),
});
export type Anomaly = z.infer<typeof AnomalySchema>;
