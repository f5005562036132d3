/**
 * @module store/kysely-store
 * The Store over any Kysely<Database>: the SQLite and Postgres factories only open a connection
 * and hand it here, so both dialects run the same queries and the same migrations.
 */

import { type Kysely, Migrator, sql } from 'kysely';
import { MorningPostError } from '../core/errors.js';
import { AuthorKindSchema } from '../core/item.js';
import { compareText } from '../core/order.js';
import { authorDays, itemsByAuthor } from './author-reads.js';
import type { Database } from './database.js';
import { createDeliveryLog } from './deliveries.js';
import { editionsVersion, getEdition, listEditions, listEditionTexts, saveEdition } from './editions.js';
import { createJobLocks, createJobRunLog } from './locks.js';
import { migrationProvider } from './migrations/index.js';
import { createRateLimitStore } from './rate-limits.js';
import { chunks, columnsToMetrics, toItemRecord, toNumber, toSnapshotRecord } from './rows.js';
import { prepareSnapshot, saveSnapshot } from './save-snapshot.js';
import { createSearchStore } from './search.js';
import type { ObservationFilter, ObservationRecord, SnapshotFilter, Store, StoreDialect } from './store.js';
import { createSubjectStore } from './subjects.js';
import { createSubscriberStore } from './subscribers.js';

export interface KyselyStoreOptions {
  dialect: StoreDialect;
  db: Kysely<Database>;
  /**
   * Runs before migrations and returns the schema holding the tables (Postgres). Kysely's migrator
   * needs it: without it, its bookkeeping table found in another schema would count as ours.
   */
  prepareMigrations?: (db: Kysely<Database>) => Promise<string | undefined>;
}

/** A Store that also exposes its Kysely instance (tests, benchmarks, future stages). */
export interface KyselyStore extends Store {
  readonly db: Kysely<Database>;
  /** Kysely's migrator over this store's migrations and bookkeeping table (`morning-post db`). */
  migrator(): Promise<Migrator>;
}

export function createKyselyStore(options: KyselyStoreOptions): KyselyStore {
  const { db, dialect } = options;
  let closed = false;
  const migrator = async () => {
    const schema = await options.prepareMigrations?.(db);
    return new Migrator({
      db,
      provider: migrationProvider(dialect),
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
  };

  return {
    dialect,
    db,
    migrator: () => guard('prepare the migrations', migrator),

    migrate: () =>
      guard('migrate the database', async () => {
        const { error, results } = await (await migrator()).migrateToLatest();
        if (error) {
          const failed = results?.find((result) => result.status === 'Error')?.migrationName;
          throw new MorningPostError(
            'STORE_FAILED',
            `Migration ${failed ?? '(setup)'} failed: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
      }),

    findSnapshot: (source, day) =>
      guard('read a snapshot', async () => {
        const row = await db
          .selectFrom('snapshots')
          .selectAll()
          .where('source', '=', source)
          .where('day', '=', day)
          .executeTakeFirst();
        return row ? toSnapshotRecord(row) : undefined;
      }),

    saveSnapshot: (input) => {
      // Validation errors are already MorningPostErrors; guard passes them through.
      return guard(`save the ${input.source} snapshot of ${input.day}`, () =>
        saveSnapshot(db, prepareSnapshot(input), dialect),
      );
    },

    listSnapshots: (filter: SnapshotFilter = {}) =>
      guard('list snapshots', async () => {
        let query = db.selectFrom('snapshots').selectAll();
        if (filter.source) query = query.where('source', '=', filter.source);
        if (filter.from) query = query.where('day', '>=', filter.from);
        if (filter.to) query = query.where('day', '<=', filter.to);
        if (filter.status) query = query.where('status', '=', filter.status);
        const rows = await query.orderBy('day').orderBy('source').orderBy('id').execute();
        return rows.map(toSnapshotRecord);
      }),

    getItem: (kind, externalId) =>
      guard('read an item', async () => {
        const row = await db
          .selectFrom('items')
          .selectAll()
          .where('kind', '=', kind)
          .where('external_id', '=', externalId)
          .executeTakeFirst();
        return row ? toItemRecord(row) : undefined;
      }),

    getItems: (ids) =>
      guard('read items', async () => {
        const unique = [...new Set(ids)];
        const rows = [];
        for (const chunk of chunks(unique)) {
          rows.push(...(await db.selectFrom('items').selectAll().where('id', 'in', chunk).execute()));
        }
        return rows.map(toItemRecord).sort((a, b) => a.id - b.id);
      }),

    observations: (filter: ObservationFilter = {}) =>
      guard('read observations', () => readObservations(db, filter)),
    itemsByAuthor: (author, options = {}) =>
      guard("read an author's items", () => itemsByAuthor(db, author, options.limit ?? 100)),
    authorDays: (author, options) => guard("read an author's days", () => authorDays(db, author, options)),

    getAuthorKind: (platform, name) =>
      guard('read an author', async () => {
        const row = await db
          .selectFrom('authors')
          .select('kind')
          .where('platform', '=', platform)
          .where('name', '=', name)
          .executeTakeFirst();
        const parsed = AuthorKindSchema.safeParse(row?.kind);
        return parsed.success ? parsed.data : undefined;
      }),

    setAuthorKind: (platform, name, kind, checkedAt) =>
      guard('save an author', async () => {
        const kindValue = AuthorKindSchema.parse(kind);
        await db
          .insertInto('authors')
          .values({ platform, name, kind: kindValue, checked_at: checkedAt })
          .onConflict((conflict) =>
            conflict.columns(['platform', 'name']).doUpdateSet({ kind: kindValue, checked_at: checkedAt }),
          )
          .execute();
      }),

    saveEditionPlan: (date, plan, at, options = {}) =>
      guard(`save the plan of ${date}`, () => saveEdition(db, { date, plan }, at, options, dialect)),
    saveEdition: (input, at, options = {}) =>
      guard(`save the edition of ${input.date}`, () => saveEdition(db, input, at, options, dialect)),

    getEdition: (date) => guard('read an edition', () => getEdition(db, date)),

    listEditions: (filter = {}) => guard('list editions', () => listEditions(db, filter)),
    listEditionTexts: (filter = {}) => guard('list editions', () => listEditionTexts(db, filter)),
    editionsVersion: () => guard('read the editions version', () => editionsVersion(db)),

    subscribers: guarded('subscribers', createSubscriberStore(db, { rowLocks: dialect === 'postgres' })),
    deliveries: guarded('deliveries', createDeliveryLog(db)),
    locks: guarded('locks', createJobLocks(db)),
    jobRuns: guarded('jobRuns', createJobRunLog(db)),
    rateLimits: guarded('rateLimits', createRateLimitStore(db)),
    search: guarded('search', createSearchStore(db, dialect)),
    subjects: guarded('subjects', createSubjectStore(db)),

    close: async () => {
      if (closed) return;
      closed = true;
      await guard('close the database', () => db.destroy());
    },
  };
}

async function readObservations(
  db: Kysely<Database>,
  filter: ObservationFilter,
): Promise<ObservationRecord[]> {
  if (filter.itemIds?.length === 0 || filter.days?.length === 0) return [];
  const itemIdChunks = filter.itemIds ? [...chunks([...new Set(filter.itemIds)])] : [undefined];
  const records: ObservationRecord[] = [];
  for (const itemIds of itemIdChunks) {
    let query = db
      .selectFrom('observations as o')
      .innerJoin('snapshots as s', 's.id', 'o.snapshot_id')
      .selectAll('o')
      .select(['s.source', 's.day', 's.taken_at']);
    if (itemIds) query = query.where('o.item_id', 'in', itemIds);
    if (filter.source) query = query.where('s.source', '=', filter.source);
    if (filter.list) query = query.where('o.list', '=', filter.list);
    if (filter.from) query = query.where('s.day', '>=', filter.from);
    if (filter.to) query = query.where('s.day', '<=', filter.to);
    if (filter.days) query = query.where('s.day', 'in', filter.days);
    if (filter.kind) {
      const kind = filter.kind;
      query = query.where('o.item_id', 'in', (eb) =>
        eb.selectFrom('items').select('items.id').where('items.kind', '=', kind),
      );
    }
    const rows = await query
      .orderBy('s.taken_at')
      .orderBy('o.snapshot_id')
      .orderBy('o.list')
      // Unranked rows last on both dialects (SQLite would put NULL first, Postgres last).
      .orderBy(sql`case when o.rank is null then 1 else 0 end`)
      .orderBy('o.rank')
      .orderBy('o.item_id')
      .execute();
    for (const row of rows) {
      records.push({
        itemId: toNumber(row.item_id),
        snapshotId: toNumber(row.snapshot_id),
        source: row.source,
        day: row.day,
        takenAt: row.taken_at,
        list: row.list,
        rank: row.rank === null ? null : toNumber(row.rank),
        metrics: columnsToMetrics(row),
      });
    }
  }
  // Several chunks each come back ordered; one sort restores the order across them.
  if (itemIdChunks.length > 1) records.sort(compareObservations);
  return records;
}

function compareObservations(a: ObservationRecord, b: ObservationRecord): number {
  return (
    compareText(a.takenAt, b.takenAt) ||
    a.snapshotId - b.snapshotId ||
    compareText(a.list, b.list) ||
    (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
    a.itemId - b.itemId
  );
}

/** Every method of a part of the store, each failure reported like the rest of the store's. */
function guarded<T extends object>(part: string, methods: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] =
      typeof method === 'function'
        ? (...args: unknown[]) => guard(`run ${part}.${name}`, () => method(...args))
        : method;
  }
  return wrapped as T;
}

async function guard<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw storeError(action, error);
  }
}

/** Any failure below the contract becomes one error the CLI knows how to report. */
export function storeError(action: string, error: unknown): MorningPostError {
  if (error instanceof MorningPostError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new MorningPostError('STORE_FAILED', `Could not ${action}: ${reason}`, {
    cause: error,
    hint: 'Check that the database is reachable and writable (DATABASE_URL or the data folder).',
    retryable: isTransient(error),
  });
}

/** Lock contention and dropped connections can pass; constraint and syntax errors cannot. */
function isTransient(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return /^(SQLITE_BUSY|SQLITE_LOCKED|40001|40P01|57P01|08\d{3}|ECONNREFUSED|ECONNRESET)/.test(code);
}
