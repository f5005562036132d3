/**
 * @module core/bundle
 * The project's own snapshot format: a JSON file holding snapshots with their items, as the
 * collector stores them. `morning-post export` writes it, `morning-post import` reads it; sample
 * data and test scenarios ship in it.
 */
import { z } from 'zod';
import { CollectedItemSchema, SnapshotStatusSchema, SourceIdSchema } from './item.js';

export const BUNDLE_FORMAT = 'morning-post/snapshots@1';

export const BundleSnapshotSchema = z.object({
  source: SourceIdSchema,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  takenAt: z.iso.datetime({ offset: true }),
  status: SnapshotStatusSchema,
  error: z.string().nullable().default(null),
  items: z.array(CollectedItemSchema),
});
export type BundleSnapshot = z.infer<typeof BundleSnapshotSchema>;

export const SnapshotBundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  /** What the bundle is, for people (e.g. "sample day, facts only"). */
  description: z.string().optional(),
  snapshots: z.array(BundleSnapshotSchema),
});
export type SnapshotBundle = z.infer<typeof SnapshotBundleSchema>;
