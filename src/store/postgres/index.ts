/**
 * @module store/postgres
 * The store in Postgres (a `pg` pool), for several instances or a managed database.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MorningPostError } from '../../core/errors.js';
import type { Database } from '../database.js';
import { createKyselyStore, type KyselyStore } from '../kysely-store.js';

export interface PostgresStoreOptions {
  connectionString: string;
  /**
   * Keep the tables in this schema (created by `migrate()` if missing) instead of the connection's
   * default one, e.g. to isolate test runs. Lower-case letters, digits and `_` only.
   */
  schema?: string;
  /** Pool size; 10 by default. */
  maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function createPostgresStore(options: PostgresStoreOptions): KyselyStore {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new MorningPostError('CONFIG_INVALID', `Invalid Postgres schema name ${JSON.stringify(schema)}.`, {
      hint: 'Use lower-case letters, digits and underscores, starting with a letter or underscore.',
    });
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // Every pooled connection resolves our unqualified table names in the chosen schema.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  return createKyselyStore({
    dialect: 'postgres',
    db,
    prepareMigrations: async (kysely) => {
      if (schema) {
        await sql`create schema if not exists ${sql.id(schema)}`.execute(kysely);
        return schema;
      }
      const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(kysely);
      return result.rows[0]?.schema ?? undefined;
    },
  });
}
