/**
 * @module core/edition
 * An Edition: what renderers and delivery work from. The plan (facts, with provenance), the text
 * (words, with who wrote each section), and how the edition came to be: whether its data is live,
 * taken from older stored snapshots, or the sample day the project ships.
 */
import { z } from 'zod';
import { SourceIdSchema } from './item.js';
import { EditionPlanSchema } from './plan.js';
import { EditionTextSchema } from './text.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * - `live`: collected for this edition;
 * - `stored`: collection failed (or was skipped), so the edition uses the newest stored snapshots;
 * - `sample`: the store was empty and the network unreachable, so the edition uses the shipped sample day.
 */
export const DataModeSchema = z.enum(['live', 'stored', 'sample']);
export type DataMode = z.infer<typeof DataModeSchema>;

export const FailedSourceSchema = z.object({ source: SourceIdSchema, error: z.string() });
export type FailedSource = z.infer<typeof FailedSourceSchema>;

export const EditionMetaSchema = z.object({
  dataMode: DataModeSchema,
  /** The day whose snapshots the edition was planned from. */
  dataDay: day,
  /** Sources whose collection failed while building this edition, with the reason said plainly. */
  failedSources: z.array(FailedSourceSchema).default([]),
});
export type EditionMeta = z.infer<typeof EditionMetaSchema>;

export const EditionStatusSchema = z.enum(['draft', 'published']);

export const EditionSchema = z.object({
  number: z.number().int().positive(),
  date: day,
  status: EditionStatusSchema,
  plan: EditionPlanSchema,
  text: EditionTextSchema,
  meta: EditionMetaSchema,
  publishedAt: z.string().nullable(),
  /** When the edition was last built: the feeds' and sitemap's modification time. */
  updatedAt: z.string(),
});
export type Edition = z.infer<typeof EditionSchema>;

/** What the archive, feeds and previous/next links need of every edition. */
export interface EditionSummary {
  number: number;
  date: string;
  headline: string;
  standfirst: string;
  status: Edition['status'];
  dataMode: DataMode;
  updatedAt: string;
}

export function summariseForArchive(edition: Edition): EditionSummary {
  return {
    number: edition.number,
    date: edition.date,
    headline: edition.text.headline,
    standfirst: edition.text.standfirst,
    status: edition.status,
    dataMode: edition.meta.dataMode,
    updatedAt: edition.updatedAt,
  };
}
