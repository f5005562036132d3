/**
 * @module store/editions
 * Edition rows: numbering, draft/published, and the plan as JSON.
 */
import type { Kysely, Selectable } from 'kysely';
import { MorningPostError } from '../core/errors.js';
import type { Database, EditionsTable } from './database.js';
import type { EditionRecord } from './store.js';

function toRecord(row: Selectable<EditionsTable>): EditionRecord {
  return {
    date: row.date,
    number: Number(row.number),
    status: row.status,
    plan: parsePlan(row.plan),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A plan text that is not JSON reads as null: one damaged row must not stop every later plan. */
function parsePlan(text: string): unknown {
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
  filter: { before?: string; limit?: number },
): Promise<EditionRecord[]> {
  let query = db.selectFrom('editions').selectAll();
  if (filter.before) query = query.where('date', '<', filter.before);
  const rows = await query
    .orderBy('date', 'desc')
    .limit(filter.limit ?? 1000)
    .execute();
  return rows.map(toRecord);
}

export async function saveEditionPlan(
  db: Kysely<Database>,
  date: string,
  plan: unknown,
  at: string,
  force: boolean,
): Promise<EditionRecord> {
  const json = JSON.stringify(plan);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('editions').selectAll().where('date', '=', date).executeTakeFirst();
    if (existing) {
      if (existing.status === 'published' && !force) {
        throw new MorningPostError(
          'STORE_FAILED',
          `The edition of ${date} is published; its plan was not replaced.`,
          {
            hint: 'Pass --force to replace a published edition.',
          },
        );
      }
      await trx
        .updateTable('editions')
        .set({ plan: json, updated_at: at })
        .where('date', '=', date)
        .execute();
      return toRecord({ ...existing, plan: json, updated_at: at });
    }
    const last = await trx
      .selectFrom('editions')
      .select((eb) => eb.fn.max('number').as('number'))
      .executeTakeFirst();
    const number = Number(last?.number ?? 0) + 1;
    await trx
      .insertInto('editions')
      .values({ date, number, status: 'draft', plan: json, created_at: at, updated_at: at })
      .execute();
    return { date, number, status: 'draft', plan, createdAt: at, updatedAt: at };
  });
}
