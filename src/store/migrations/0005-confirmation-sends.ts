/**
 * @module store/migrations/0005-confirmation-sends
 * Where each subscriber's confirmation email stands (queued, retrying, sent, failed), so a link the
 * queue could not deliver shows in `subscribers list` instead of being lost in a log line.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './columns.js';

export function confirmationSendsMigration(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('confirmation_sends')
        .addColumn('subscriber_id', 'integer', (col) =>
          col.primaryKey().references('subscribers.id').onDelete('cascade'),
        )
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('updated_at', types.sortedText, (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('confirmation_sends').execute();
    },
  };
}
