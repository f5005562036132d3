/**
 * @module store/migrations/0008-reader-preferences
 * Each reader's own edition: how often it comes (`daily` or `weekly`) and the topics it carries
 * (`domain:medical,source:github`, core/reader.ts; '' = everything). Existing subscribers keep
 * what they had: the daily edition, whole.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './columns.js';

export function readerPreferencesMigration(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('subscribers')
        .addColumn('cadence', types.sortedText, (col) => col.notNull().defaultTo('daily'))
        .execute();
      await db.schema
        .alterTable('subscribers')
        .addColumn('topics', 'text', (col) => col.notNull().defaultTo(''))
        .execute();
      // Planning a cadence's delivery walks confirmed subscribers of that cadence by id.
      await db.schema
        .createIndex('subscribers_status_cadence_index')
        .on('subscribers')
        .columns(['status', 'cadence', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('subscribers_status_cadence_index').execute();
      await db.schema.alterTable('subscribers').dropColumn('topics').execute();
      await db.schema.alterTable('subscribers').dropColumn('cadence').execute();
    },
  };
}
