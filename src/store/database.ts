/**
 * @module store/database
 * The tables as Kysely sees them. Timestamps and JSON are text on both dialects, so values read
 * back the same everywhere and ISO timestamps sort as text. Metric columns are `bigint`: Postgres
 * returns those as strings, SQLite as numbers, hence the wide select type (rows.ts converts).
 */
import type { ColumnType, Generated } from 'kysely';
import type { AuthorKind, ItemKind, SnapshotStatus, SourceId } from '../core/item.js';

/** A nullable `bigint` column: numbers in, number or string (Postgres) out. */
export type BigIntColumn = ColumnType<number | string | bigint | null, number | null, number | null>;

export interface SnapshotsTable {
  id: Generated<number>;
  source: SourceId;
  day: string;
  taken_at: string;
  status: SnapshotStatus;
  error: string | null;
  item_count: number;
  new_item_count: number;
  dropped: number;
  /** JSON array of strings. */
  warnings: string;
  duration_ms: number;
  requests: number;
}

export interface ItemsTable {
  id: Generated<number>;
  kind: ItemKind;
  external_id: string;
  title: string;
  url: string;
  author: string | null;
  /** JSON object (ItemAttributes). */
  attributes: string;
  first_seen_at: string;
  last_seen_at: string;
}

export interface ObservationsTable {
  snapshot_id: number;
  item_id: number;
  list: string;
  rank: number | null;
  likes: BigIntColumn;
  downloads: BigIntColumn;
  trending_score: number | null;
  stars: BigIntColumn;
  stars_in_period: BigIntColumn;
  forks: BigIntColumn;
  upvotes: BigIntColumn;
  comments: BigIntColumn;
}

export interface AuthorsTable {
  platform: string;
  name: string;
  kind: AuthorKind;
  checked_at: string;
}

export interface EditionsTable {
  id: Generated<number>;
  date: string;
  number: number;
  status: 'draft' | 'published';
  /** JSON (EditionPlan). */
  plan: string;
  /** JSON (EditionText); null until the edition is written. */
  text: string | null;
  /** JSON (EditionMeta); null until the edition is written. */
  meta: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  snapshots: SnapshotsTable;
  items: ItemsTable;
  observations: ObservationsTable;
  authors: AuthorsTable;
  editions: EditionsTable;
}
