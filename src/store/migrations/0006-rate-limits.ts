/**
 * @module store/migrations/0006-rate-limits
 * Token buckets shared by every `serve` instance (store/rate-limits.ts): one row per client key,
 * the tokens left and when the row was last touched, in milliseconds since the epoch.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './columns.js';

export function rateLimitsMigration(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', types.sortedText, (col) => col.primaryKey())
        .addColumn('tokens', 'double precision', (col) => col.notNull())
        .addColumn('at_ms', 'double precision', (col) => col.notNull())
        .addColumn('granted', 'integer', (col) => col.notNull())
        .execute();
      // Pruning deletes by age.
      await db.schema.createIndex('rate_limits_at_ms').on('rate_limits').column('at_ms').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('rate_limits').execute();
    },
  };
}
