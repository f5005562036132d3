/**
 * @module store/editions
 * Edition rows: numbering, draft/published, the plan, the text and how it was built, as JSON.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { MorningPostError } from '../core/errors.js';
import type { Database, EditionsTable } from './database.js';
import { indexEdition } from './search.js';
import type { EditionRecord, EditionsVersion, StoreDialect } from './store.js';

function toRecord(row: Selectable<EditionsTable>): EditionRecord {
  return {
    date: row.date,
    number: Number(row.number),
    status: row.status,
    plan: parseJson(row.plan),
    text: row.text === null ? null : parseJson(row.text),
    meta: row.meta === null ? null : parseJson(row.meta),
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A column that is not JSON reads as null: one damaged row must not stop every later edition. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function getEdition(db: Kysely<Database>, date: string): Promise<EditionRecord | undefined> {
  const row = await db.selectFrom('editions').selectAll().where('date', '=', date).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listEditions(
  db: Kysely<Database>,
  filter: { before?: string; from?: string; limit?: number },
): Promise<EditionRecord[]> {
  let query = db.selectFrom('editions').selectAll();
  if (filter.before) query = query.where('date', '<', filter.before);
  if (filter.from) query = query.where('date', '>=', filter.from);
  const rows = await query
    .orderBy('date', 'desc')
    .limit(filter.limit ?? 1000)
    .execute();
  return rows.map(toRecord);
}

/** Editions with their text (so without plan-only drafts), newest first, without reading the plans. */
export async function listEditionTexts(
  db: Kysely<Database>,
  filter: { before?: string; limit?: number },
): Promise<Omit<EditionRecord, 'plan'>[]> {
  let query = db
    .selectFrom('editions')
    .select(['date', 'number', 'status', 'text', 'meta', 'published_at', 'created_at', 'updated_at'])
    .where('text', 'is not', null);
  if (filter.before) query = query.where('date', '<', filter.before);
  const rows = await query
    .orderBy('date', 'desc')
    .limit(filter.limit ?? 1000)
    .execute();
  return rows.map((row) => {
    const { plan: _plan, ...rest } = toRecord({ ...row, id: 0, plan: 'null' });
    return rest;
  });
}

/**
 * One statement over a table of one row a day: the count and latest change of the editions with
 * text, and the newest of them joined back for its number and status.
 */
export async function editionsVersion(db: Kysely<Database>): Promise<EditionsVersion> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('editions')
        .where((w) => w.or([w('text', 'is not', null), w('meta', 'is not', null)]))
        .select((s) => [
          s.fn.countAll().as('count'),
          s.fn.max('updated_at').as('changed_at'),
          s.fn.max('date').as('newest'),
        ])
        .as('agg'),
    )
    .leftJoin('editions as e', 'e.date', 'agg.newest')
    .select(['agg.count', 'agg.changed_at', 'e.date', 'e.number', 'e.status', 'e.published_at'])
    .executeTakeFirst();
  const count = Number(row?.count ?? 0);
  return {
    ...(row?.date
      ? {
          newest: {
            date: row.date,
            number: Number(row.number),
            status: row.status ?? 'draft',
            publishedAt: row.published_at ?? null,
          },
        }
      : {}),
    count,
    changedAt: row?.changed_at ?? null,
  };
}

interface EditionWrite {
  date: string;
  plan: unknown;
  /** Undefined leaves the stored text and meta as they are (a plan-only save). */
  text?: unknown;
  meta?: unknown;
}

export async function saveEdition(
  db: Kysely<Database>,
  input: EditionWrite,
  at: string,
  options: { force?: boolean; publish?: boolean },
  dialect: StoreDialect,
): Promise<EditionRecord> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('editions')
      .selectAll()
      .where('date', '=', input.date)
      .executeTakeFirst();
    const columns = {
      plan: JSON.stringify(input.plan),
      ...(input.text === undefined ? {} : { text: JSON.stringify(input.text) }),
      ...(input.meta === undefined ? {} : { meta: JSON.stringify(input.meta) }),
      updated_at: at,
    };
    if (!existing) {
      const row = {
        date: input.date,
        number: await nextNumber(trx),
        status: options.publish ? ('published' as const) : ('draft' as const),
        text: null,
        meta: null,
        published_at: options.publish ? at : null,
        created_at: at,
        ...columns,
      };
      await trx.insertInto('editions').values(row).execute();
      await indexEdition(trx, dialect, input.date);
      return toRecord({ id: 0, ...row });
    }
    if (existing.status === 'published' && !options.force) {
      throw new MorningPostError(
        'STORE_FAILED',
        `The edition of ${input.date} (No. ${existing.number}) is published; it was not replaced.`,
        { hint: 'Pass --force to replace a published edition.' },
      );
    }
    const status = options.publish ? ('published' as const) : existing.status;
    const published_at = status === 'published' ? (existing.published_at ?? at) : null;
    await trx
      .updateTable('editions')
      .set({ ...columns, status, published_at })
      .where('date', '=', input.date)
      .execute();
    await indexEdition(trx, dialect, input.date);
    return toRecord({ ...existing, ...columns, status, published_at });
  });
}

async function nextNumber(trx: Transaction<Database>): Promise<number> {
  const last = await trx
    .selectFrom('editions')
    .select((eb) => eb.fn.max('number').as('number'))
    .executeTakeFirst();
  return Number(last?.number ?? 0) + 1;
}
