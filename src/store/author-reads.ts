/**
 * @module store/author-reads
 * An author's items and the days they were in the lists, for the API's author history. Both are
 * one statement: the items by `items.author`, and the days grouped in the database (an author
 * with hundreds of items over a year never brings their observations into the process).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';
import { toItemRecord, toNumber } from './rows.js';
import type { AuthorDayRecord, ItemRecord } from './store.js';

export async function itemsByAuthor(
  db: Kysely<Database>,
  author: string,
  limit: number,
): Promise<{ items: ItemRecord[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('items')
      .selectAll()
      .where('author', '=', author)
      .orderBy('last_seen_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll().as('total'))
      .where('author', '=', author)
      .executeTakeFirst(),
  ]);
  return { items: rows.map(toItemRecord), total: toNumber((count?.total as number | string) ?? 0) };
}

export async function authorDays(
  db: Kysely<Database>,
  author: string,
  options: { before?: string; limit: number },
): Promise<AuthorDayRecord[]> {
  let query = db
    .selectFrom('observations as o')
    .innerJoin('snapshots as s', 's.id', 'o.snapshot_id')
    .innerJoin('items as i', 'i.id', 'o.item_id')
    .where('i.author', '=', author)
    .select([
      's.day',
      sql<number | string>`count(distinct o.item_id)`.as('items'),
      sql<number | string | null>`min(o.rank)`.as('best_rank'),
    ])
    .groupBy('s.day');
  if (options.before) query = query.where('s.day', '<', options.before);
  const rows = await query.orderBy('s.day', 'desc').limit(options.limit).execute();
  return rows.map((row) => ({
    day: row.day,
    items: toNumber(row.items),
    bestRank: row.best_rank === null ? null : toNumber(row.best_rank),
  }));
}
