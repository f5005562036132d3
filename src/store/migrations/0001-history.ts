/**
 * @module store/migrations/0001-history
 * The history tables: snapshots, the items they saw, one observation per item and list, and the
 * author kinds resolved so far. Written once for both dialects; the few differences (how an id
 * is generated, binary collation for sorted text) come from `ColumnTypes`.
 */
import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './columns.js';

export function historyMigration(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('snapshots')
        .addColumn('id', types.id, (col) => types.idConstraints(col))
        .addColumn('source', 'text', (col) => col.notNull())
        .addColumn('day', types.sortedText, (col) => col.notNull())
        .addColumn('taken_at', types.sortedText, (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('error', 'text')
        .addColumn('item_count', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('new_item_count', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('dropped', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('warnings', 'text', (col) => col.notNull().defaultTo('[]'))
        .addColumn('duration_ms', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('requests', 'integer', (col) => col.notNull().defaultTo(0))
        .addUniqueConstraint('snapshots_source_day_unique', ['source', 'day'])
        .execute();
      await db.schema.createIndex('snapshots_day_index').on('snapshots').column('day').execute();

      await db.schema
        .createTable('items')
        .addColumn('id', types.id, (col) => types.idConstraints(col))
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('external_id', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('url', 'text', (col) => col.notNull())
        .addColumn('author', 'text')
        .addColumn('attributes', 'text', (col) => col.notNull().defaultTo('{}'))
        .addColumn('first_seen_at', types.sortedText, (col) => col.notNull())
        .addColumn('last_seen_at', types.sortedText, (col) => col.notNull())
        .addUniqueConstraint('items_kind_external_id_unique', ['kind', 'external_id'])
        .execute();

      // Counts are bigint: downloads pass 2^31 on popular models.
      await db.schema
        .createTable('observations')
        .addColumn('snapshot_id', 'integer', (col) =>
          col.notNull().references('snapshots.id').onDelete('cascade'),
        )
        .addColumn('item_id', 'integer', (col) => col.notNull().references('items.id'))
        .addColumn('list', types.sortedText, (col) => col.notNull())
        .addColumn('rank', 'integer')
        .addColumn('likes', 'bigint')
        .addColumn('downloads', 'bigint')
        .addColumn('trending_score', 'double precision')
        .addColumn('stars', 'bigint')
        .addColumn('stars_in_period', 'bigint')
        .addColumn('forks', 'bigint')
        .addColumn('upvotes', 'bigint')
        .addColumn('comments', 'bigint')
        .addPrimaryKeyConstraint('observations_pk', ['snapshot_id', 'item_id', 'list'])
        .execute();
      await db.schema.createIndex('observations_item_index').on('observations').column('item_id').execute();

      await db.schema
        .createTable('authors')
        .addColumn('platform', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('checked_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('authors_pk', ['platform', 'name'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['authors', 'observations', 'items', 'snapshots']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
