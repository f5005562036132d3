/**
 * @module store/migrations/0002-editions
 * Editions: one row per day with its number, status and plan (later also its text and outputs).
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './columns.js';

export function editionsMigration(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('editions')
        .addColumn('id', types.id, (col) => types.idConstraints(col))
        .addColumn('date', types.sortedText, (col) => col.notNull().unique())
        .addColumn('number', 'integer', (col) => col.notNull().unique())
        .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft'))
        .addColumn('plan', 'text', (col) => col.notNull())
        .addColumn('created_at', types.sortedText, (col) => col.notNull())
        .addColumn('updated_at', types.sortedText, (col) => col.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('editions').execute();
    },
  };
}
