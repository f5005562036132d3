/**
 * @module store/store
 * The Store contract: snapshots of each source per day, the items they saw and the numbers
 * observed. Observations are never overwritten; a day's snapshot of a source is saved (or
 * replaced) in one transaction, so a crash leaves either the old snapshot or the new one.
 */
import type {
  AuthorKind,
  CollectedItem,
  ItemAttributes,
  ItemKind,
  Metrics,
  SnapshotStatus,
  SourceId,
} from '../core/item.js';
import type { DeliveryLog, JobLocks, JobRunLog, SubscriberStore } from './delivery-contract.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface SnapshotRecord {
  id: number;
  source: SourceId;
  /** The edition day the snapshot belongs to (YYYY-MM-DD, the calendar day in MORNING_POST_TZ). */
  day: string;
  /** When collection finished (ISO 8601). */
  takenAt: string;
  status: SnapshotStatus;
  error: string | null;
  itemCount: number;
  newItemCount: number;
  dropped: number;
  warnings: string[];
  durationMs: number;
  requests: number;
}

export interface SaveSnapshotInput {
  source: SourceId;
  day: string;
  takenAt: string;
  status: SnapshotStatus;
  error?: string | null;
  items: CollectedItem[];
  dropped?: number;
  warnings?: string[];
  durationMs?: number;
  requests?: number;
}

export interface SaveSnapshotResult {
  snapshot: SnapshotRecord;
  /** Items the store had never seen before this snapshot. */
  newItems: number;
  /** True when an earlier snapshot for the same source and day was replaced. */
  replaced: boolean;
}

export interface ItemRecord {
  id: number;
  kind: ItemKind;
  externalId: string;
  title: string;
  url: string;
  author: string | null;
  attributes: ItemAttributes;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface ObservationRecord {
  itemId: number;
  snapshotId: number;
  source: SourceId;
  day: string;
  takenAt: string;
  list: string;
  rank: number | null;
  metrics: Metrics;
}

export interface SnapshotFilter {
  source?: SourceId;
  /** Inclusive edition-day bounds (YYYY-MM-DD). */
  from?: string;
  to?: string;
  status?: SnapshotStatus;
}

export interface ObservationFilter {
  itemIds?: number[];
  source?: SourceId;
  list?: string;
  from?: string;
  to?: string;
  /** Only these edition days (an empty list matches nothing). */
  days?: string[];
  /** Only items of this kind. */
  kind?: ItemKind;
}

/** One day of an author's items in the lists: how many were seen, and the best rank of any. */
export interface AuthorDayRecord {
  day: string;
  items: number;
  bestRank: number | null;
}

export type EditionStatus = 'draft' | 'published';

export interface EditionRecord {
  date: string;
  /** 1 for the first edition, then one more for each new date. */
  number: number;
  status: EditionStatus;
  /** The plan as saved (JSON); readers validate it with EditionPlanSchema. */
  plan: unknown;
  /** The text (EditionTextSchema) and how the edition was built (EditionMetaSchema); null for a plan-only draft. */
  text: unknown;
  meta: unknown;
  /** When the edition was first published; a forced rebuild keeps it. */
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What the site is built from, read in one cheap statement: the newest edition with text (the one
 * the front page shows), how many editions have text, and the last time any edition changed. A
 * `serve` instance compares it with what its folder was built from (server/site-sync.ts).
 */
export interface EditionsVersion {
  /** Undefined while no edition has text. */
  newest?: { date: string; number: number; status: EditionStatus; publishedAt: string | null };
  /** Editions with text (drafts included: the site shows them, marked). */
  count: number;
  /** The latest `updatedAt` of any edition with text; null when there is none. */
  changedAt: string | null;
}

/** One limit of a token bucket: `capacity` requests in a burst, refilled evenly over `windowMs`. */
export interface RateLimit {
  capacity: number;
  windowMs: number;
}

/**
 * Token buckets shared by every process on the store (subscription rate limits), one row per key.
 */
export interface RateLimitStore {
  /**
   * Takes one token from `key`'s bucket at `nowMs`, refilling it first, in one atomic statement:
   * concurrent takes from any number of processes never grant more than the bucket holds.
   * `tokens` is what is left after the take (or what there was, when refused).
   */
  take(key: string, limit: RateLimit, nowMs: number): Promise<{ ok: boolean; tokens: number }>;
  /** Forgets buckets untouched since `beforeMs` (they have refilled and carry nothing); returns how many. */
  prune(beforeMs: number): Promise<number>;
}

/** One item's observations in brief: a change of `digest` means its history changed. */
export interface ItemFingerprint {
  itemId: number;
  observations: number;
  digest: string;
}

/** One observation of an item as a subject page charts it: one per item, source, day and list. */
export interface DailyPoint {
  itemId: number;
  day: string;
  source: SourceId;
  list: string;
  rank: number | null;
  metrics: Metrics;
}

/** What subject pages read (store/subjects.ts): set-based, never a query per item per day. */
export interface SubjectStore {
  /** Items in id order, a page at a time (`afterId` = the last id of the previous page). */
  listItems(filter?: { afterId?: number; limit?: number }): Promise<ItemRecord[]>;
  /** Every observed item's fingerprint, in one grouped statement. */
  observationFingerprints(): Promise<ItemFingerprint[]>;
  /** The items' observations by item, day, source and list (one statement per batch of ids). */
  dailyHistory(itemIds: number[]): Promise<DailyPoint[]>;
}

/** What search finds: an edition, an item of a kind that has a page, or an author. */
export const SEARCH_TYPES = [
  'edition',
  'model',
  'dataset',
  'space',
  'repository',
  'paper',
  'author',
] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchQuery {
  /** What the reader typed: untrusted, any length; see store/search-terms.ts for what is searched. */
  q: string;
  /** Only these types; all when absent or empty. */
  types?: readonly SearchType[];
  /** Hits per page: 20 by default, at most 50. */
  limit?: number;
  /** `next` of the page before; an unknown cursor starts at the first page. */
  cursor?: string;
}

/** A run of a hit's text; `mark` when it is a word searched for. Plain text: renderers escape it. */
export interface SearchTextPart {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  type: SearchType;
  /** The edition's date, the item's external id, or the author's name. */
  key: string;
  title: string;
  /** Root-relative site path of its page (`/editions/DATE/`, `/models/OWNER/NAME/`, `/authors/NAME/`). */
  path: string;
  /** The edition's date, or the day the item or author was first seen (YYYY-MM-DD, UTC). */
  date: string | null;
  /** The title with the matching words marked. */
  titleParts: SearchTextPart[];
  /** A short piece of the text around the first match, marked; empty when there is no text. */
  snippet: SearchTextPart[];
}

export interface SearchResults {
  hits: SearchHit[];
  /** Matching documents, counted up to `SEARCH_COUNT_LIMIT`; `totalIsMore` when there are more. */
  total: number;
  totalIsMore: boolean;
  /** The cursor of the next page, when there is one. */
  next?: string;
  /** The words searched, normalised; empty when the query had no letter or digit (and no hits). */
  words: string[];
  /** True when the query was cut (too long, too many words). */
  truncated: boolean;
}

/**
 * Full-text search over editions, items and authors (SQLite FTS5, Postgres tsvector + GIN). The
 * index is written in the same transaction as saveSnapshot and saveEdition.
 */
export interface SearchStore {
  query(query: SearchQuery): Promise<SearchResults>;
  /** Rebuilds every document from the items and editions (migration 0007 runs it once). */
  reindex(): Promise<{ documents: number }>;
}

export interface Store {
  readonly dialect: StoreDialect;
  /** Applies pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  findSnapshot(source: SourceId, day: string): Promise<SnapshotRecord | undefined>;
  /** Saves a snapshot with its items and observations atomically, replacing that source's snapshot for the day. */
  saveSnapshot(input: SaveSnapshotInput): Promise<SaveSnapshotResult>;
  listSnapshots(filter?: SnapshotFilter): Promise<SnapshotRecord[]>;
  getItem(kind: ItemKind, externalId: string): Promise<ItemRecord | undefined>;
  getItems(ids: number[]): Promise<ItemRecord[]>;
  /** Observations in time order (oldest first), then by list and rank. */
  observations(filter?: ObservationFilter): Promise<ObservationRecord[]>;
  /** An author's items (exact name), most recently seen first, at most `limit`; `total` counts them all. */
  itemsByAuthor(
    author: string,
    options?: { limit?: number },
  ): Promise<{ items: ItemRecord[]; total: number }>;
  /** The days an author's items were observed (before `before`, when given), newest first, at most `limit`. */
  authorDays(author: string, options: { before?: string; limit: number }): Promise<AuthorDayRecord[]>;
  getAuthorKind(platform: string, name: string): Promise<AuthorKind | undefined>;
  setAuthorKind(platform: string, name: string, kind: AuthorKind, checkedAt: string): Promise<void>;
  /**
   * Saves the plan of a day's edition: a new date gets the next number as a draft; a draft's plan
   * is replaced; a published edition is left alone unless `force`.
   */
  saveEditionPlan(
    date: string,
    plan: unknown,
    at: string,
    options?: { force?: boolean },
  ): Promise<EditionRecord>;
  /**
   * Saves a whole edition (plan, text, meta) in one transaction, with the same numbering and
   * protection as saveEditionPlan; `publish` marks it published (keeping the first publication time).
   */
  saveEdition(
    input: { date: string; plan: unknown; text: unknown; meta: unknown },
    at: string,
    options?: { force?: boolean; publish?: boolean },
  ): Promise<EditionRecord>;
  getEdition(date: string): Promise<EditionRecord | undefined>;
  /** Editions (before a date, from a date on, when given), newest first. */
  listEditions(filter?: { before?: string; from?: string; limit?: number }): Promise<EditionRecord[]>;
  /** Editions that have text (not plan-only drafts), newest first, without their plans (the largest part). */
  listEditionTexts(filter?: { before?: string; limit?: number }): Promise<Omit<EditionRecord, 'plan'>[]>;
  /** The site's version in the store (see EditionsVersion): one small query, fit to poll. */
  editionsVersion(): Promise<EditionsVersion>;
  /** Delivery (see delivery-contract.ts): subscribers and tokens, the delivery log, locks, job runs. */
  readonly subscribers: SubscriberStore;
  readonly deliveries: DeliveryLog;
  readonly locks: JobLocks;
  readonly jobRuns: JobRunLog;
  /** Rate limits shared by every instance (store/rate-limits.ts). */
  readonly rateLimits: RateLimitStore;
  /** Full-text search over editions, items and authors (store/search.ts). */
  readonly search: SearchStore;
  /** Subject pages' reads (store/subjects.ts). */
  readonly subjects: SubjectStore;
  close(): Promise<void>;
}
