/**
 * @module store/rows
 * Between table rows and the records of the Store contract: JSON text, bigint strings from
 * Postgres, and metric columns that are null when upstream did not give the number.
 */
import type { Insertable, Selectable } from 'kysely';
import type { ItemAttributes, Metrics } from '../core/item.js';
import type { ItemsTable, ObservationsTable, SnapshotsTable } from './database.js';
import type { ItemRecord, SnapshotRecord } from './store.js';

/** Rows per multi-row statement: well under SQLite's 32766 bound variables and Postgres's 65535. */
export const CHUNK_ROWS = 400;

export function* chunks<T>(values: readonly T[], size = CHUNK_ROWS): Generator<T[]> {
  for (let start = 0; start < values.length; start += size) yield values.slice(start, start + size);
}

/** Postgres hands `bigint` back as a string so no precision is lost; our counts fit a double. */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toSnapshotRecord(row: Selectable<SnapshotsTable>): SnapshotRecord {
  const warnings = parseJson<unknown>(row.warnings, []);
  return {
    id: toNumber(row.id),
    source: row.source,
    day: row.day,
    takenAt: row.taken_at,
    status: row.status,
    error: row.error,
    itemCount: toNumber(row.item_count),
    newItemCount: toNumber(row.new_item_count),
    dropped: toNumber(row.dropped),
    warnings: Array.isArray(warnings) ? warnings.map(String) : [],
    durationMs: toNumber(row.duration_ms),
    requests: toNumber(row.requests),
  };
}

export function toItemRecord(row: Selectable<ItemsTable>): ItemRecord {
  return {
    id: toNumber(row.id),
    kind: row.kind,
    externalId: row.external_id,
    title: row.title,
    url: row.url,
    author: row.author,
    attributes: parseJson<ItemAttributes>(row.attributes, {}),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

type MetricColumns = Pick<
  ObservationsTable,
  'likes' | 'downloads' | 'trending_score' | 'stars' | 'stars_in_period' | 'forks' | 'upvotes' | 'comments'
>;

/** Metric name → column; the one list both directions read. */
const METRIC_COLUMNS = {
  likes: 'likes',
  downloads: 'downloads',
  trendingScore: 'trending_score',
  stars: 'stars',
  starsInPeriod: 'stars_in_period',
  forks: 'forks',
  upvotes: 'upvotes',
  comments: 'comments',
} as const satisfies Record<keyof Metrics, keyof MetricColumns>;

const METRIC_ENTRIES = Object.entries(METRIC_COLUMNS) as [keyof Metrics, keyof MetricColumns][];

export function metricsToColumns(metrics: Metrics): Insertable<MetricColumns> {
  const columns: Insertable<MetricColumns> = {};
  for (const [metric, column] of METRIC_ENTRIES) columns[column] = metrics[metric] ?? null;
  return columns;
}

/** Only the numbers that were observed: a missing metric stays missing, never 0. */
export function columnsToMetrics(row: Selectable<MetricColumns>): Metrics {
  const metrics: Metrics = {};
  for (const [metric, column] of METRIC_ENTRIES) {
    const value = row[column];
    if (value !== null && value !== undefined) metrics[metric] = toNumber(value);
  }
  return metrics;
}
