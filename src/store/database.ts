/**
 * @module store/database
 * The tables as Kysely sees them. Timestamps and JSON are text on both dialects, so values read
 * back the same everywhere and ISO timestamps sort as text. Metric columns are `bigint`: Postgres
 * returns those as strings, SQLite as numbers, hence the wide select type (rows.ts converts).
 */
import type { ColumnType, Generated } from 'kysely';
import type { AuthorKind, ItemKind, SnapshotStatus, SourceId } from '../core/item.js';
import type { Cadence } from '../core/reader.js';
import type {
  ConfirmationSendStatus,
  DeliveryChannel,
  DeliveryStatus,
  JobStep,
  SubscriberStatus,
  TokenPurpose,
} from './delivery-contract.js';

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

export interface SubscribersTable {
  id: Generated<number>;
  email: string;
  status: SubscriberStatus;
  consent_at: string | null;
  consent_source: string | null;
  consent_ip: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  bounce_count: Generated<number>;
  updated_at: string;
  /** `daily` | `weekly` (migration 0008). */
  cadence: Generated<Cadence>;
  /** `domain:medical,source:github`; '' = everything (core/reader.ts). */
  topics: Generated<string>;
}

export interface SubscriberTokensTable {
  /** sha256 of the token, hex; the token itself is never stored. */
  token_hash: string;
  subscriber_id: number;
  purpose: TokenPurpose;
  expires_at: string | null;
  used_at: string | null;
  created_at: string;
}

export interface DeliveriesTable {
  id: Generated<number>;
  edition_date: string;
  channel: DeliveryChannel;
  recipient: string;
  subscriber_id: number | null;
  status: DeliveryStatus;
  attempts: Generated<number>;
  message_id: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConfirmationSendsTable {
  subscriber_id: number;
  status: ConfirmationSendStatus;
  attempts: number;
  error: string | null;
  updated_at: string;
}

export interface RateLimitsTable {
  key: string;
  tokens: number;
  /** Milliseconds since the epoch. */
  at_ms: number;
  /** 1 when the last take got a token. */
  granted: number;
}

export interface JobLocksTable {
  name: string;
  holder: string;
  expires_at: string;
  acquired_at: string;
}

export interface JobRunsTable {
  day: string;
  /** A JobStep; read back as text, so unknown steps from a newer version can be skipped. */
  step: JobStep;
  done_at: string;
  detail: string | null;
}

/** One searchable document (migration 0007); `terms` and `title_terms` exist on Postgres only. */
export interface SearchDocumentsTable {
  id: Generated<number>;
  type: string;
  key: string;
  title: string;
  body: string;
  path: string;
  date: string | null;
  terms?: unknown;
  title_terms?: unknown;
}

export interface Database {
  snapshots: SnapshotsTable;
  items: ItemsTable;
  observations: ObservationsTable;
  authors: AuthorsTable;
  editions: EditionsTable;
  subscribers: SubscribersTable;
  subscriber_tokens: SubscriberTokensTable;
  deliveries: DeliveriesTable;
  confirmation_sends: ConfirmationSendsTable;
  job_locks: JobLocksTable;
  job_runs: JobRunsTable;
  rate_limits: RateLimitsTable;
  search_documents: SearchDocumentsTable;
}
