/**
 * @module store
 * Opening the configured store. Importing this module opens nothing and loads no driver: the
 * backend is chosen, and its driver imported, only when `openStore` is called.
 */
import { join } from 'node:path';
import { MorningPostError } from '../core/errors.js';
import type { KyselyStore } from './kysely-store.js';

export { storeAuthorDirectory } from './author-directory.js';
export type { KyselyStore } from './kysely-store.js';
export type * from './store.js';

export interface OpenStoreConfig {
  /** `postgres://…` / `postgresql://…` for Postgres, `sqlite:PATH` for a SQLite file elsewhere. */
  databaseUrl?: string | undefined;
  /** The SQLite file is `<dataDir>/morning-post.db` when no URL is given. */
  dataDir: string;
}

export type StoreTarget =
  | { dialect: 'postgres'; connectionString: string }
  | { dialect: 'sqlite'; file: string };

/** Which database a configuration points at, without opening it. */
export function storeTarget(config: OpenStoreConfig): StoreTarget {
  const url = config.databaseUrl?.trim();
  if (!url) return { dialect: 'sqlite', file: join(config.dataDir, 'morning-post.db') };
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', connectionString: url };
  if (/^sqlite:/i.test(url)) {
    // `sqlite:data/x.db`, `sqlite://data/x.db`, `sqlite:///abs/x.db` and `sqlite::memory:` all work.
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file) return { dialect: 'sqlite', file };
  }
  throw new MorningPostError('CONFIG_INVALID', 'DATABASE_URL is not a database this store can open.', {
    hint: 'Use postgres://user@host:port/db, or sqlite:PATH for a SQLite file.',
  });
}

export async function openStore(config: OpenStoreConfig): Promise<KyselyStore> {
  const target = storeTarget(config);
  if (target.dialect === 'postgres') {
    const { createPostgresStore } = await import('./postgres/index.js');
    return createPostgresStore({ connectionString: target.connectionString });
  }
  const { createSqliteStore } = await import('./sqlite/index.js');
  return createSqliteStore({ file: target.file });
}
