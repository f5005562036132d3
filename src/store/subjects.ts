/**
 * @module store/subjects
 * What the subject pages read (pipeline/subjects): every item a page at a time, a fingerprint of
 * each item's observations in one grouped statement, and the daily history of a batch of items in
 * one statement per batch. Set-based throughout: a year of 2,000 items a day is ~730k observation
 * rows, read once for a full build and only for the changed items after that, never one query per
 * item per day.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';
import { chunks, columnsToMetrics, toItemRecord, toNumber } from './rows.js';
import type { DailyPoint, ItemFingerprint, SubjectStore } from './store.js';

/** Items per page of `listItems` when the caller gives no limit. */
const ITEM_PAGE = 5_000;

export function createSubjectStore(db: Kysely<Database>): SubjectStore {
  return {
    async listItems(filter = {}) {
      let query = db.selectFrom('items').selectAll();
      if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
      const rows = await query
        .orderBy('id')
        .limit(filter.limit ?? ITEM_PAGE)
        .execute();
      return rows.map(toItemRecord);
    },

    async observationFingerprints() {
      // Count, the snapshot range and a checksum of the numbers: a new day adds a row (count and
      // newest snapshot change), a replaced day gets a new snapshot id, and a changed number moves
      // the sum. Postgres sums bigint as numeric (a string here), SQLite as an integer.
      const rows = await db
        .selectFrom('observations')
        .select((eb) => [
          'item_id',
          eb.fn.countAll().as('n'),
          eb.fn.min('snapshot_id').as('first_snapshot'),
          eb.fn.max('snapshot_id').as('last_snapshot'),
          sql<
            string | number
          >`sum(coalesce(rank, 0) + coalesce(likes, 0) + coalesce(downloads, 0) + coalesce(stars, 0) + coalesce(upvotes, 0) + coalesce(forks, 0))`.as(
            'total',
          ),
        ])
        .groupBy('item_id')
        .execute();
      return rows.map(
        (row): ItemFingerprint => ({
          itemId: toNumber(row.item_id),
          observations: toNumber(row.n as number | string),
          digest: `${row.n}:${row.first_snapshot}:${row.last_snapshot}:${String(row.total ?? 0)}`,
        }),
      );
    },

    async dailyHistory(itemIds) {
      const points: DailyPoint[] = [];
      const ids = [...new Set(itemIds)].sort((a, b) => a - b);
      for (const chunk of chunks(ids)) {
        // (source, day) is unique among snapshots and (snapshot, item, list) among observations,
        // so each row is already one point per item, source, day and list.
        const rows = await db
          .selectFrom('observations as o')
          .innerJoin('snapshots as s', 's.id', 'o.snapshot_id')
          .selectAll('o')
          .select(['s.source', 's.day'])
          .where('o.item_id', 'in', chunk)
          .orderBy('o.item_id')
          .orderBy('s.day')
          .orderBy('s.source')
          .orderBy('o.list')
          .execute();
        for (const row of rows)
          points.push({
            itemId: toNumber(row.item_id),
            day: row.day,
            source: row.source,
            list: row.list,
            rank: row.rank === null ? null : toNumber(row.rank),
            metrics: columnsToMetrics(row),
          });
      }
      return points;
    },
  };
}
