/**
 * @module core/history
 * What analysis reads: the items and observations of a window of days, as plain serialisable
 * values (loaded from the store by the pipeline, or built by tests).
 */
import { z } from 'zod';
import {
  ItemAttributesSchema,
  ItemKindSchema,
  MetricsSchema,
  SnapshotStatusSchema,
  SourceIdSchema,
} from './item.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const HistoryItemSchema = z.object({
  id: z.number().int(),
  kind: ItemKindSchema,
  externalId: z.string(),
  title: z.string(),
  url: z.string(),
  author: z.string().nullable(),
  attributes: ItemAttributesSchema,
  firstSeenAt: z.string(),
});
export type HistoryItem = z.infer<typeof HistoryItemSchema>;

export const HistoryObservationSchema = z.object({
  itemId: z.number().int(),
  source: SourceIdSchema,
  day,
  takenAt: z.string(),
  list: z.string(),
  rank: z.number().int().nullable(),
  metrics: MetricsSchema,
});
export type HistoryObservation = z.infer<typeof HistoryObservationSchema>;

export const HistorySnapshotSchema = z.object({
  source: SourceIdSchema,
  day,
  takenAt: z.string(),
  status: SnapshotStatusSchema,
  error: z.string().nullable(),
  itemCount: z.number().int(),
});
export type HistorySnapshot = z.infer<typeof HistorySnapshotSchema>;

export const HistorySchema = z.object({
  /** The day being planned (UTC, YYYY-MM-DD); observations after it are ignored. */
  day,
  /** First day loaded; analysis says how many days it really had. */
  from: day,
  items: z.array(HistoryItemSchema),
  /** Sorted by day, then source, list and rank. */
  observations: z.array(HistoryObservationSchema),
  snapshots: z.array(HistorySnapshotSchema),
});
export type History = z.infer<typeof HistorySchema>;

/** Days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The YYYY-MM-DD date `n` days after `date` (negative n goes back). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
