/**
 * @module store/migrations/0004-delivery
 * Delivery: subscribers with their consent, their tokens (hashes only), the delivery log (one row
 * per edition × channel × recipient, so a re-run never sends twice), job locks and job runs.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './columns.js';

export function deliveryMigration(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('subscribers')
        .addColumn('id', types.id, (col) => types.idConstraints(col))
        .addColumn('email', types.sortedText, (col) => col.notNull().unique())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('consent_at', types.sortedText)
        .addColumn('consent_source', 'text')
        .addColumn('consent_ip', 'text')
        .addColumn('created_at', types.sortedText, (col) => col.notNull())
        .addColumn('confirmed_at', types.sortedText)
        .addColumn('unsubscribed_at', types.sortedText)
        .addColumn('bounce_count', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('updated_at', types.sortedText, (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('subscriber_tokens')
        .addColumn('token_hash', 'text', (col) => col.primaryKey())
        .addColumn('subscriber_id', 'integer', (col) =>
          col.notNull().references('subscribers.id').onDelete('cascade'),
        )
        .addColumn('purpose', 'text', (col) => col.notNull())
        .addColumn('expires_at', types.sortedText)
        .addColumn('used_at', types.sortedText)
        .addColumn('created_at', types.sortedText, (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('subscriber_tokens_subscriber_index')
        .on('subscriber_tokens')
        .column('subscriber_id')
        .execute();

      // The recipient stays after an erase (`subscriber:<id>`, ids are never reused), so the log
      // still proves what was sent; only the link to the person goes.
      await db.schema
        .createTable('deliveries')
        .addColumn('id', types.id, (col) => types.idConstraints(col))
        .addColumn('edition_date', types.sortedText, (col) => col.notNull())
        .addColumn('channel', 'text', (col) => col.notNull())
        .addColumn('recipient', types.sortedText, (col) => col.notNull())
        .addColumn('subscriber_id', 'integer', (col) => col.references('subscribers.id').onDelete('set null'))
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('message_id', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', types.sortedText, (col) => col.notNull())
        .addColumn('updated_at', types.sortedText, (col) => col.notNull())
        .addUniqueConstraint('deliveries_edition_channel_recipient_unique', [
          'edition_date',
          'channel',
          'recipient',
        ])
        .execute();
      await db.schema
        .createIndex('deliveries_edition_channel_status_index')
        .on('deliveries')
        .columns(['edition_date', 'channel', 'status'])
        .execute();
      await db.schema
        .createIndex('deliveries_subscriber_index')
        .on('deliveries')
        .column('subscriber_id')
        .execute();

      await db.schema
        .createTable('job_locks')
        .addColumn('name', 'text', (col) => col.primaryKey())
        .addColumn('holder', 'text', (col) => col.notNull())
        .addColumn('expires_at', types.sortedText, (col) => col.notNull())
        .addColumn('acquired_at', types.sortedText, (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('job_runs')
        .addColumn('day', types.sortedText, (col) => col.notNull())
        .addColumn('step', 'text', (col) => col.notNull())
        .addColumn('done_at', types.sortedText, (col) => col.notNull())
        .addColumn('detail', 'text')
        .addPrimaryKeyConstraint('job_runs_pk', ['day', 'step'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['job_runs', 'job_locks', 'deliveries', 'subscriber_tokens', 'subscribers']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
