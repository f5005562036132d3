/**
 * @module store/sqlite
 * The store in one SQLite file (better-sqlite3): the default, nothing to install or run.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database.js';
import { createKyselyStore, type KyselyStore, storeError } from '../kysely-store.js';

export interface SqliteStoreOptions {
  /** Path of the database file (its folder is created), or `:memory:`. */
  file: string;
}

export function createSqliteStore(options: SqliteStoreOptions): KyselyStore {
  const { file } = options;
  let database: SqliteDatabase.Database;
  try {
    if (file !== ':memory:' && file !== '') mkdirSync(dirname(resolve(file)), { recursive: true });
    database = new SqliteDatabase(file);
    // WAL lets readers (the site, a report) run while a collection writes.
    database.pragma('journal_mode = WAL');
    // SQLite leaves foreign keys off unless asked, per connection.
    database.pragma('foreign_keys = ON');
    // Another process holding the write lock briefly should delay us, not fail us.
    database.pragma('busy_timeout = 5000');
    // In WAL mode NORMAL is still crash-safe for the database; it only risks the last commit on power loss.
    database.pragma('synchronous = NORMAL');
  } catch (error) {
    throw storeError(`open the SQLite database ${file}`, error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return createKyselyStore({ dialect: 'sqlite', db });
}
