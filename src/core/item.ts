/**
 * @module core/item
 * What a source collects: an item (a stable thing such as a model or a repository) and the numbers
 * observed about it at one moment. Items are normalised across sources; observations are never
 * overwritten, which is what makes movers possible later.
 */
import { z } from 'zod';

export const SOURCE_IDS = [
  'hf-models',
  'hf-new-models',
  'hf-datasets',
  'hf-spaces',
  'hf-papers',
  'github-trending',
  'github-releases',
  'arxiv',
  'fake',
] as const;
export const SourceIdSchema = z.enum(SOURCE_IDS);
export type SourceId = z.infer<typeof SourceIdSchema>;

/** How pages, feeds and emails name each source: kept with the rest of the vocabulary. */
export { SOURCE_NAMES } from './vocabulary/names.js';

export const ITEM_KINDS = ['model', 'dataset', 'space', 'paper', 'repository', 'release'] as const;
export const ItemKindSchema = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ItemKindSchema>;

export const AuthorKindSchema = z.enum(['user', 'org']);
export type AuthorKind = z.infer<typeof AuthorKindSchema>;

/** How a model relates to its base model, as Hugging Face's `base_model:<relation>:<id>` tags name it. */
export const BaseRelationSchema = z.enum(['finetune', 'quantized', 'adapter', 'merge']);
export type BaseRelation = z.infer<typeof BaseRelationSchema>;

const isoDate = z.iso.datetime({ offset: true });

/**
 * Stable attributes of an item, by kind. Everything is optional: upstream omits fields freely,
 * and analysis must cope with what is there.
 */
export const ItemAttributesSchema = z
  .object({
    createdAt: isoDate.optional(),
    lastModified: isoDate.optional(),
    tags: z.array(z.string()).optional(),
    // models
    pipelineTag: z.string().optional(),
    library: z.string().optional(),
    parameters: z.number().nonnegative().optional(),
    baseModels: z.array(z.string()).optional(),
    baseRelation: BaseRelationSchema.optional(),
    authorKind: AuthorKindSchema.optional(),
    gated: z.boolean().optional(),
    // spaces
    sdk: z.string().optional(),
    // papers
    arxivId: z.string().optional(),
    authors: z.array(z.string()).optional(),
    summary: z.string().optional(),
    categories: z.array(z.string()).optional(),
    primaryCategory: z.string().optional(),
    publishedAt: isoDate.optional(),
    githubRepo: z.string().optional(),
    // repositories
    description: z.string().optional(),
    language: z.string().optional(),
    topics: z.array(z.string()).optional(),
    license: z.string().optional(),
    builtBy: z.array(z.string()).optional(),
    // releases
    repository: z.string().optional(),
    tag: z.string().optional(),
    prerelease: z.boolean().optional(),
  })
  .strict();
export type ItemAttributes = z.infer<typeof ItemAttributesSchema>;

/** Numbers seen at one moment. Counts are cumulative totals unless the name says a period. */
export const MetricsSchema = z
  .object({
    likes: z.number().int().nonnegative().optional(),
    downloads: z.number().int().nonnegative().optional(),
    trendingScore: z.number().optional(),
    stars: z.number().int().nonnegative().optional(),
    /** Stars gained in the list's period (today, this week), as GitHub Trending states it. */
    starsInPeriod: z.number().int().nonnegative().optional(),
    forks: z.number().int().nonnegative().optional(),
    upvotes: z.number().int().nonnegative().optional(),
    comments: z.number().int().nonnegative().optional(),
  })
  .strict();
export type Metrics = z.infer<typeof MetricsSchema>;

export const CollectedItemSchema = z.object({
  kind: ItemKindSchema,
  /** Unique within the kind: `owner/name` for hub repos and GitHub, the bare arXiv id for papers. */
  externalId: z.string().min(1).max(300),
  title: z.string().min(1).max(500),
  url: z.url(),
  author: z.string().max(200).optional(),
  attributes: ItemAttributesSchema,
  /** Which list the item was seen in (e.g. `trending`, `daily`, `weekly/python`), and its place there. */
  list: z.string().min(1).max(100),
  rank: z.number().int().positive().optional(),
  metrics: MetricsSchema,
});
export type CollectedItem = z.infer<typeof CollectedItemSchema>;

export const SnapshotStatusSchema = z.enum(['ok', 'partial', 'failed']);
export type SnapshotStatus = z.infer<typeof SnapshotStatusSchema>;
