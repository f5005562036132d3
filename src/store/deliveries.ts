/**
 * @module store/deliveries
 * The delivery log over Kysely: one row per edition × channel × recipient. Planning inserts what
 * is missing (ON CONFLICT DO NOTHING), so planning again after a crash never duplicates a send;
 * `begin` is a conditional update, so a row that finished is never attempted again.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, DeliveriesTable } from './database.js';
import type { DeliveryLog, DeliveryRecord, DeliveryStatus } from './delivery-contract.js';
import { chunks, toNumber } from './rows.js';

const UNFINISHED: DeliveryStatus[] = ['pending', 'sending'];
const ALL_STATUSES: readonly DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed', 'skipped'];

function toRecord(row: Selectable<DeliveriesTable>): DeliveryRecord {
  return {
    id: toNumber(row.id),
    editionDate: row.edition_date,
    channel: row.channel,
    recipient: row.recipient,
    subscriberId: row.subscriber_id === null ? null : toNumber(row.subscriber_id),
    status: row.status,
    attempts: toNumber(row.attempts),
    messageId: row.message_id,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createDeliveryLog(db: Kysely<Database>): DeliveryLog {
  return {
    plan({ editionDate, channel, recipients, at }) {
      // The first mention of a recipient wins, as the database would keep it.
      const firsts = new Map<string, (typeof recipients)[number]>();
      for (const entry of recipients) if (!firsts.has(entry.recipient)) firsts.set(entry.recipient, entry);
      const rows = [...firsts.values()].map((entry) => ({
        edition_date: editionDate,
        channel,
        recipient: entry.recipient,
        subscriber_id: entry.subscriberId,
        status: 'pending' as const,
        created_at: at,
        updated_at: at,
      }));
      if (rows.length === 0) return Promise.resolve(0);
      // One transaction: a plan lands whole, and SQLite commits once instead of per batch.
      return db.transaction().execute(async (trx) => {
        let created = 0;
        for (const batch of chunks(rows)) {
          const inserted = await trx
            .insertInto('deliveries')
            .values(batch)
            .onConflict((conflict) => conflict.columns(['edition_date', 'channel', 'recipient']).doNothing())
            .returning('id')
            .execute();
          created += inserted.length;
        }
        return created;
      });
    },

    async unfinished({ editionDate, channel, limit, afterId, throughId }) {
      let query = db
        .selectFrom('deliveries')
        .selectAll()
        .where('edition_date', '=', editionDate)
        .where('channel', '=', channel)
        .where('status', 'in', UNFINISHED)
        .orderBy('id');
      if (afterId !== undefined) query = query.where('id', '>', afterId);
      if (throughId !== undefined) query = query.where('id', '<=', throughId);
      if (limit !== undefined) query = query.limit(limit);
      return (await query.execute()).map(toRecord);
    },

    async begin(id, at) {
      const result = await db
        .updateTable('deliveries')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: at }))
        .where('id', '=', id)
        .where('status', 'in', UNFINISHED)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async finish(id, outcome, at) {
      await db
        .updateTable('deliveries')
        .set({
          status: outcome.status,
          updated_at: at,
          ...(outcome.messageId === undefined ? {} : { message_id: outcome.messageId }),
          ...(outcome.error === undefined ? {} : { error: outcome.error }),
        })
        .where('id', '=', id)
        .execute();
    },

    async list(filter) {
      let query = db.selectFrom('deliveries').selectAll();
      if (filter.editionDate) query = query.where('edition_date', '=', filter.editionDate);
      if (filter.channel) query = query.where('channel', '=', filter.channel);
      if (filter.status) query = query.where('status', '=', filter.status);
      return (await query.orderBy('id').execute()).map(toRecord);
    },

    async counts(editionDate, channel) {
      const rows = await db
        .selectFrom('deliveries')
        .select((eb) => ['status', eb.fn.countAll().as('count')])
        .where('edition_date', '=', editionDate)
        .where('channel', '=', channel)
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(ALL_STATUSES.map((status) => [status, 0])) as Record<
        DeliveryStatus,
        number
      >;
      for (const row of rows) {
        if (row.status in counts) counts[row.status] = toNumber(row.count as number | string | bigint);
      }
      return counts;
    },
  };
}
