/**
 * @module store/migrations/0009-items-author
 * An index on items' author: author pages and `/api/v1/authors/{name}` read an author's items by
 * name, which without it is a scan of every item the Post has seen (hundreds of thousands after
 * a year of 2,000 a day).
 */
import type { Kysely, Migration } from 'kysely';

export function itemsAuthorMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('items_author_index').on('items').column('author').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('items_author_index').execute();
    },
  };
}
