/**
 * @module store/migrations/0003-edition-text
 * What an edition became: its text (EditionText JSON), how it was built (data mode, failed sources)
 * and when it was first published.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './columns.js';

export function editionTextMigration(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('editions').addColumn('text', 'text').execute();
      await db.schema.alterTable('editions').addColumn('meta', 'text').execute();
      await db.schema.alterTable('editions').addColumn('published_at', types.sortedText).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const column of ['published_at', 'meta', 'text'])
        await db.schema.alterTable('editions').dropColumn(column).execute();
    },
  };
}
