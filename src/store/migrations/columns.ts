/**
 * @module store/migrations/columns
 * The only places where the dialects differ in the schema, so every migration stays one file.
 */
import { type ColumnDataType, type ColumnDefinitionBuilder, type Expression, sql } from 'kysely';
import type { StoreDialect } from '../store.js';

export interface ColumnTypes {
  /** Type of a generated integer primary key. */
  id: ColumnDataType;
  idConstraints(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * Text compared or ordered by the store (days, timestamps, list names). Postgres uses binary
   * ("C") collation, like SQLite's default, so both dialects sort the same whatever the locale.
   */
  sortedText: ColumnDataType | Expression<unknown>;
}

export function columnTypes(dialect: StoreDialect): ColumnTypes {
  if (dialect === 'postgres') {
    return {
      id: 'integer',
      idConstraints: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
      sortedText: sql`text collate "C"`,
    };
  }
  return {
    id: 'integer',
    // `integer primary key` is SQLite's rowid; AUTOINCREMENT keeps ids of deleted snapshots unused.
    idConstraints: (col) => col.primaryKey().autoIncrement(),
    sortedText: 'text',
  };
}
