/**
 * @module store/migrations/0007-search
 * The search index (store/search.ts): one row per searchable document (an edition, an item with
 * a page, an author) in `search_documents`, and the full-text index beside it.
 *
 * - SQLite: an FTS5 table over the documents' title, body and type (external content, kept in
 *   step by triggers; an update that changes neither title nor body leaves the index alone; the
 *   type is indexed so a type filter is part of the match, with no join), tokenizer
 *   `unicode61 remove_diacritics 2`, prefix indexes of 2 and 3 characters for type-as-you-go
 *   prefixes; ranked with bm25, the title weighing ten times the body.
 * - Postgres: a `terms` tsvector (title weight A, body B, config `simple`: names must not be
 *   stemmed) computed by the store from text normalised in store/search-terms.ts, under a GIN index,
 *   and `title_terms`, the title's alone (small, to rank title matches first cheaply).
 *
 * Then every existing item and edition is indexed (store.search.reindex does the same).
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { Database } from '../database.js';
import { reindexSearch } from '../search.js';
import type { StoreDialect } from '../store.js';
import type { ColumnTypes } from './columns.js';

export function searchMigration(types: ColumnTypes, dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let table = db.schema
        .createTable('search_documents')
        .addColumn('id', types.id, (col) => types.idConstraints(col))
        .addColumn('type', types.sortedText, (col) => col.notNull())
        .addColumn('key', types.sortedText, (col) => col.notNull())
        // Short columns before the long body: SQLite reads a row's columns in order.
        .addColumn('date', types.sortedText)
        .addColumn('path', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addUniqueConstraint('search_documents_type_key', ['type', 'key']);
      if (dialect === 'postgres')
        table = table
          .addColumn('terms', sql`tsvector`, (col) => col.notNull())
          .addColumn('title_terms', sql`tsvector`, (col) => col.notNull());
      await table.execute();

      if (dialect === 'postgres') {
        // Without fastupdate: a pending list of fresh entries would be scanned by every search
        // until a vacuum merged it; the few new documents of a day cost little to index at once.
        await sql`create index search_documents_terms on search_documents using gin (terms) with (fastupdate = off)`.execute(
          db,
        );
      } else {
        await sql`
          create virtual table search_index using fts5(
            title, body, type,
            content = 'search_documents', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
          )`.execute(db);
        await sql`
          create trigger search_documents_insert after insert on search_documents begin
            insert into search_index (rowid, title, body, type) values (new.id, new.title, new.body, new.type);
          end`.execute(db);
        await sql`
          create trigger search_documents_delete after delete on search_documents begin
            insert into search_index (search_index, rowid, title, body, type) values ('delete', old.id, old.title, old.body, old.type);
          end`.execute(db);
        await sql`
          create trigger search_documents_update after update of title, body on search_documents
          when old.title is not new.title or old.body is not new.body begin
            insert into search_index (search_index, rowid, title, body, type) values ('delete', old.id, old.title, old.body, old.type);
            insert into search_index (rowid, title, body, type) values (new.id, new.title, new.body, new.type);
          end`.execute(db);
      }
      await reindexSearch(db as unknown as Kysely<Database>, dialect);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'sqlite') {
        for (const trigger of [
          'search_documents_insert',
          'search_documents_delete',
          'search_documents_update',
        ])
          await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
        await sql`drop table if exists search_index`.execute(db);
      }
      await db.schema.dropTable('search_documents').execute();
    },
  };
}
