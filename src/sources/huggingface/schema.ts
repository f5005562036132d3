/**
 * @module sources/huggingface/schema
 * Narrow zod schemas for the Hugging Face Hub responses we read, listing only the fields we use.
 * Fields that upstream may omit are optional; free-form fields written by repo owners (model card
 * YAML) fall back to "absent" instead of dropping the whole item.
 * @see /work/shared/notes/sources-huggingface.md for the upstream facts behind each field.
 */
import { z } from 'zod';
import { AuthorKindSchema } from '../../core/item.js';
import type { SourceReport } from '../source.js';
import { parseEach, parseOrThrow } from '../validate.js';

/** ISO-8601 with a zone, as the Hub writes every date (`2024-02-19T11:06:12.000Z`). */
export const IsoDateSchema = z.iso.datetime({ offset: true });

/** A non-negative whole number (likes, downloads, parameter counts). */
export const CountSchema = z.number().int().nonnegative();

/** `owner/name` (or a bare legacy name); anything else cannot become a safe URL path. */
export const RepoIdSchema = z
  .string()
  .max(300)
  .regex(/^[\w.-]+(\/[\w.-]+)?$/, 'not a hub repo id');

/** Upstream writes `null` for some unknown string fields; we treat it like an omitted field. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

const tags = z.array(z.string()).optional();

/** Fields every hub repo listing item shares. */
const RepoListItemBase = {
  id: RepoIdSchema,
  author: z.string().min(1).max(200).optional(),
  likes: CountSchema.optional(),
  trendingScore: z.number().finite().optional(),
  createdAt: IsoDateSchema.optional(),
  lastModified: IsoDateSchema.optional(),
  tags,
};

/** `GET /api/models` item (also the model-info response, which is a superset). */
export const ModelListItemSchema = z.object({
  ...RepoListItemBase,
  downloads: CountSchema.optional(),
  pipeline_tag: optionalText,
  library_name: optionalText,
  // Parameter counts are enrichment: an odd shape loses the count, not the model.
  safetensors: z.object({ total: CountSchema.optional() }).optional().catch(undefined),
  gguf: z.object({ total: CountSchema.optional() }).optional().catch(undefined),
  numParameters: CountSchema.optional().catch(undefined),
  // Model card YAML is written by hand: `base_model` may be a string, a list, null or nonsense.
  cardData: z
    .object({
      base_model: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
  // The `baseModels` expand field ({relation, models: [{id}]}) is not documented; read it leniently.
  baseModels: z
    .object({
      relation: z.string().optional(),
      models: z.array(z.object({ id: z.string() })).optional(),
    })
    .optional()
    .catch(undefined),
});
export type ModelListItem = z.infer<typeof ModelListItemSchema>;

/** `GET /api/datasets` item. */
export const DatasetListItemSchema = z.object({
  ...RepoListItemBase,
  downloads: CountSchema.optional(),
});
export type DatasetListItem = z.infer<typeof DatasetListItemSchema>;

/** `GET /api/spaces` item (spaces have no downloads). */
export const SpaceListItemSchema = z.object({
  ...RepoListItemBase,
  sdk: optionalText,
});
export type SpaceListItem = z.infer<typeof SpaceListItemSchema>;

/** `GET /api/trending`: `{recentlyTrending: [{repoType, repoData}]}`. */
export const TrendingResponseSchema = z.object({ recentlyTrending: z.array(z.unknown()) });

export const TrendingItemSchema = z.object({
  repoType: z.string(),
  repoData: z.object({
    id: RepoIdSchema,
    author: z.string().min(1).optional(),
    authorData: z.object({ name: z.string().min(1).optional(), type: AuthorKindSchema }).optional(),
    numParameters: CountSchema.optional().catch(undefined),
  }),
});
export type TrendingItem = z.infer<typeof TrendingItemSchema>;

/** `GET /api/daily_papers` item: upvotes live in `paper`, the comment count on the outer object. */
export const DailyPaperSchema = z.object({
  paper: z.object({
    id: z
      .string()
      .max(300)
      .regex(/^[\w./-]+$/, 'not a paper id'),
    title: z.string().regex(/\S/, 'empty title'),
    summary: optionalText,
    authors: z.array(z.object({ name: z.string(), hidden: z.boolean().optional() })).optional(),
    publishedAt: IsoDateSchema.optional(),
    upvotes: CountSchema.optional(),
    githubRepo: optionalText,
  }),
  numComments: CountSchema.optional(),
});
export type DailyPaper = z.infer<typeof DailyPaperSchema>;

/**
 * The listing endpoints answer a JSON array: a non-array throws UPSTREAM_INVALID, a bad item is
 * dropped and counted. `what` names one item in messages (`model`, `daily paper`).
 */
export function parseArray<T>(schema: z.ZodType<T>, data: unknown, report: SourceReport, what: string): T[] {
  const values = parseOrThrow(z.array(z.unknown()), data, `${what} listing`);
  return parseEach(schema, values, report, what);
}
