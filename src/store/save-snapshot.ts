/**
 * @module store/save-snapshot
 * Saving one source's snapshot for a day, in one transaction: drop the day's earlier snapshot
 * (its observations go with it), upsert the items, insert the snapshot and its observations.
 * Rows are written in multi-row statements of a few hundred, which is what makes large
 * snapshots fast on both dialects.
 *
 * An item counts as new when no surviving snapshot has observed it: never seen before, or seen
 * only by the snapshot this one replaces. Such an item's first and last sighting restart at this
 * snapshot. For other items the sighting window widens (first = min, last = max), and the newer
 * sighting wins: title, url, author and attribute keys from this snapshot override the stored
 * ones unless the stored item was seen later (a backfill of an older day), in which case it only
 * adds keys the stored item lacks.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { MorningPostError } from '../core/errors.js';
import {
  type CollectedItem,
  CollectedItemSchema,
  type ItemAttributes,
  SnapshotStatusSchema,
  SourceIdSchema,
} from '../core/item.js';
import type { Database, ItemsTable, ObservationsTable } from './database.js';
import { chunks, metricsToColumns, toNumber, toSnapshotRecord } from './rows.js';
import { snapshotDocuments, writeDocuments } from './search.js';
import type { SaveSnapshotInput, SaveSnapshotResult, StoreDialect } from './store.js';

const SnapshotFieldsSchema = z.object({
  source: SourceIdSchema,
  day: z.iso.date(),
  takenAt: z.iso.datetime({ offset: true }),
  status: SnapshotStatusSchema,
  error: z.string().nullish(),
  items: z.array(z.unknown()),
  dropped: z.number().int().nonnegative().optional(),
  warnings: z.array(z.string()).optional(),
  durationMs: z.number().nonnegative().optional(),
  requests: z.number().int().nonnegative().optional(),
});

interface PreparedSnapshot {
  input: z.infer<typeof SnapshotFieldsSchema>;
  /** UTC `toISOString()` form, so text order is time order. */
  takenAt: string;
  items: CollectedItem[];
}

/** The pipeline validates first; this guard keeps anything malformed out of the history. */
export function prepareSnapshot(input: SaveSnapshotInput): PreparedSnapshot {
  const fields = SnapshotFieldsSchema.safeParse(input);
  if (!fields.success) {
    throw new MorningPostError('STORE_FAILED', `Snapshot not saved: ${summarise(fields.error)}`);
  }
  const items = fields.data.items.map((raw, index) => {
    const parsed = CollectedItemSchema.safeParse(raw);
    if (parsed.success) return withoutUndefined(parsed.data);
    throw new MorningPostError(
      'STORE_FAILED',
      `Snapshot ${fields.data.source} ${fields.data.day} not saved: item #${index} (${describeItem(raw)}) is invalid: ${summarise(parsed.error)}`,
      {
        hint: 'Items must match CollectedItemSchema (src/core/item.ts); the pipeline should have dropped this one.',
      },
    );
  });
  return { input: fields.data, takenAt: new Date(fields.data.takenAt).toISOString(), items };
}

/**
 * Keys a source left `undefined` mean "not known here", never "erase": dropping them before the
 * merge keeps what another source (or an earlier day) stored, e.g. hf-models' parameter count
 * when hf-new-models sees the same model without it.
 */
function withoutUndefined(item: CollectedItem): CollectedItem {
  const defined = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return { ...item, attributes: defined(item.attributes), metrics: defined(item.metrics) };
}

function summarise(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function describeItem(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const { kind, externalId } = raw as { kind?: unknown; externalId?: unknown };
  return `${String(kind)} ${JSON.stringify(externalId)}`;
}

/** Serialization failures and deadlocks are retried; the transaction left nothing behind. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;

export async function saveSnapshot(
  db: Kysely<Database>,
  prepared: PreparedSnapshot,
  dialect: StoreDialect,
): Promise<SaveSnapshotResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await saveOnce(db, prepared, dialect);
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      if (!RETRYABLE_SQLSTATES.has(code) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}

async function saveOnce(
  db: Kysely<Database>,
  prepared: PreparedSnapshot,
  dialect: StoreDialect,
): Promise<SaveSnapshotResult> {
  const { input, takenAt, items } = prepared;
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('snapshots')
      .select('id')
      .where('source', '=', input.source)
      .where('day', '=', input.day)
      .executeTakeFirst();
    if (previous) {
      // The foreign key cascades too; deleting explicitly does not depend on that pragma.
      await trx.deleteFrom('observations').where('snapshot_id', '=', previous.id).execute();
      await trx.deleteFrom('snapshots').where('id', '=', previous.id).execute();
    }

    const { ids, newItems, rows } = await upsertItems(trx, items, takenAt);
    // The search index of these items and their authors, in the same transaction.
    await writeDocuments(trx, dialect, snapshotDocuments(rows));
    const observations = observationRows(items, ids);

    const snapshot = await trx
      .insertInto('snapshots')
      .values({
        source: input.source,
        day: input.day,
        taken_at: takenAt,
        status: input.status,
        error: input.error ?? null,
        item_count: observations.length,
        new_item_count: newItems,
        dropped: input.dropped ?? 0,
        warnings: JSON.stringify(input.warnings ?? []),
        duration_ms: Math.round(input.durationMs ?? 0),
        requests: input.requests ?? 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();

    const snapshotId = toNumber(snapshot.id);
    for (const chunk of chunks(observations)) {
      await trx
        .insertInto('observations')
        .values(chunk.map((row) => ({ ...row, snapshot_id: snapshotId })))
        .execute();
    }
    return { snapshot: toSnapshotRecord(snapshot), newItems, replaced: previous !== undefined };
  });
}

const itemKey = (kind: string, externalId: string): string => `${kind}\u0000${externalId}`;

/** One item per (kind, externalId); later occurrences in the same snapshot win, keys merge. */
function uniqueItems(items: readonly CollectedItem[]): Map<string, CollectedItem> {
  const unique = new Map<string, CollectedItem>();
  for (const item of items) {
    const key = itemKey(item.kind, item.externalId);
    const earlier = unique.get(key);
    unique.set(
      key,
      earlier
        ? {
            ...item,
            author: item.author ?? earlier.author,
            attributes: { ...earlier.attributes, ...item.attributes },
          }
        : item,
    );
  }
  return unique;
}

async function upsertItems(
  trx: Kysely<Database>,
  items: readonly CollectedItem[],
  takenAt: string,
): Promise<{ ids: Map<string, number>; newItems: number; rows: Insertable<ItemsTable>[] }> {
  const unique = uniqueItems(items);
  const stored = await findItems(trx, [...unique.values()]);
  const observed = await stillObserved(
    trx,
    [...stored.values()].map((row) => toNumber(row.id)),
  );

  let newItems = 0;
  const rows: Insertable<ItemsTable>[] = [];
  for (const [key, item] of unique) {
    const old = stored.get(key);
    const isNew = !old || !observed.has(toNumber(old.id));
    if (isNew) newItems += 1;
    rows.push(isNew ? freshRow(item, takenAt, old) : mergedRow(item, takenAt, old));
  }

  // A fixed write order: two snapshots upserting the same items concurrently (hf-models and
  // hf-new-models) then take row locks in the same order and cannot deadlock on Postgres.
  rows.sort((a, b) =>
    a.kind < b.kind
      ? -1
      : a.kind > b.kind
        ? 1
        : a.external_id < b.external_id
          ? -1
          : a.external_id > b.external_id
            ? 1
            : 0,
  );
  const ids = new Map<string, number>();
  for (const chunk of chunks(rows)) {
    const written = await trx
      .insertInto('items')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['kind', 'external_id']).doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          url: eb.ref('excluded.url'),
          author: eb.ref('excluded.author'),
          attributes: eb.ref('excluded.attributes'),
          first_seen_at: eb.ref('excluded.first_seen_at'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
        })),
      )
      .returning(['id', 'kind', 'external_id'])
      .execute();
    for (const row of written) ids.set(itemKey(row.kind, row.external_id), toNumber(row.id));
  }
  return { ids, newItems, rows };
}

async function findItems(
  trx: Kysely<Database>,
  items: readonly CollectedItem[],
): Promise<Map<string, Selectable<ItemsTable>>> {
  const byKind = new Map<CollectedItem['kind'], string[]>();
  for (const item of items) {
    const ids = byKind.get(item.kind);
    if (ids) ids.push(item.externalId);
    else byKind.set(item.kind, [item.externalId]);
  }
  const found = new Map<string, Selectable<ItemsTable>>();
  for (const [kind, externalIds] of byKind) {
    for (const chunk of chunks(externalIds)) {
      const rows = await trx
        .selectFrom('items')
        .selectAll()
        .where('kind', '=', kind)
        .where('external_id', 'in', chunk)
        .execute();
      for (const row of rows) found.set(itemKey(row.kind, row.external_id), row);
    }
  }
  return found;
}

/** Which of these items some surviving snapshot has observed. */
async function stillObserved(trx: Kysely<Database>, itemIds: readonly number[]): Promise<Set<number>> {
  const observed = new Set<number>();
  for (const chunk of chunks(itemIds)) {
    const rows = await trx
      .selectFrom('observations')
      .select('item_id')
      .distinct()
      .where('item_id', 'in', chunk)
      .execute();
    for (const row of rows) observed.add(toNumber(row.item_id));
  }
  return observed;
}

function freshRow(
  item: CollectedItem,
  takenAt: string,
  old?: Selectable<ItemsTable>,
): Insertable<ItemsTable> {
  // An item kept from a replaced snapshot keeps its attribute keys, as any sighting would.
  const attributes = old ? { ...parseAttributes(old.attributes), ...item.attributes } : item.attributes;
  return {
    kind: item.kind,
    external_id: item.externalId,
    title: item.title,
    url: item.url,
    author: item.author ?? old?.author ?? null,
    attributes: JSON.stringify(attributes),
    first_seen_at: takenAt,
    last_seen_at: takenAt,
  };
}

function mergedRow(
  item: CollectedItem,
  takenAt: string,
  old: Selectable<ItemsTable>,
): Insertable<ItemsTable> {
  const stored = parseAttributes(old.attributes);
  const newer = takenAt >= old.last_seen_at;
  return {
    kind: item.kind,
    external_id: item.externalId,
    title: newer ? item.title : old.title,
    url: newer ? item.url : old.url,
    author: (newer ? (item.author ?? old.author) : (old.author ?? item.author)) ?? null,
    attributes: JSON.stringify(newer ? { ...stored, ...item.attributes } : { ...item.attributes, ...stored }),
    first_seen_at: takenAt < old.first_seen_at ? takenAt : old.first_seen_at,
    last_seen_at: newer ? takenAt : old.last_seen_at,
  };
}

function parseAttributes(text: string): ItemAttributes {
  try {
    return JSON.parse(text) as ItemAttributes;
  } catch {
    return {};
  }
}

/** One row per (item, list); a repeat of the same item in the same list keeps the first. */
function observationRows(
  items: readonly CollectedItem[],
  ids: ReadonlyMap<string, number>,
): Omit<Insertable<ObservationsTable>, 'snapshot_id'>[] {
  const seen = new Set<string>();
  const rows: Omit<Insertable<ObservationsTable>, 'snapshot_id'>[] = [];
  for (const item of items) {
    const itemId = ids.get(itemKey(item.kind, item.externalId));
    if (itemId === undefined) throw new Error(`item ${item.kind} ${item.externalId} has no id after upsert`);
    const key = `${itemId}\u0000${item.list}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      item_id: itemId,
      list: item.list,
      rank: item.rank ?? null,
      ...metricsToColumns(item.metrics),
    });
  }
  return rows;
}
