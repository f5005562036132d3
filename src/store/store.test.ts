/**
 * @module store/store.test
 * Runs the conformance suite on SQLite (memory and file) always, and on Postgres when
 * DATABASE_URL or TEST_DATABASE_URL points at one, each Postgres test in its own schema.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { MorningPostError } from '../core/errors.js';
import { type KyselyStore, openStore, storeAuthorDirectory, storeTarget } from './index.js';
import { createPostgresStore } from './postgres/index.js';
import { runSearchConformance } from './search.case.js';
import { createSqliteStore } from './sqlite/index.js';
import { runStoreConformance, type StoreHarness } from './store.case.js';
import type { Store } from './store.js';

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
const POSTGRES_SKIP_REASON =
  'Postgres store tests skipped: set DATABASE_URL or TEST_DATABASE_URL to postgres://…';
if (!postgresUrl) process.stderr.write(`${POSTGRES_SKIP_REASON}\n`);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'morning-post-store-'));
}

runStoreConformance('sqlite :memory:', async () => {
  const store = createSqliteStore({ file: ':memory:' });
  return { store, dispose: () => store.close() };
});

runSearchConformance('sqlite :memory:', async () => {
  const store = createSqliteStore({ file: ':memory:' });
  return { store, dispose: () => store.close() };
});

runStoreConformance('sqlite file', async () => {
  const dir = tempDir();
  const store = createSqliteStore({ file: join(dir, 'nested', 'store.db') });
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

let schemaCounter = 0;
async function postgresHarness(url: string): Promise<StoreHarness> {
  schemaCounter += 1;
  const schema = `mp_test_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
  const store = createPostgresStore({ connectionString: url, schema, maxConnections: 2 });
  return {
    store,
    dispose: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}

describe.skipIf(!postgresUrl)('postgres', () => {
  runStoreConformance('postgres', () => postgresHarness(postgresUrl ?? ''));
  runSearchConformance('postgres', () => postgresHarness(postgresUrl ?? ''));

  it('creates the schema it is given and keeps its tables there', async () => {
    const { store, dispose } = await postgresHarness(postgresUrl ?? '');
    try {
      await store.migrate();
      const schema = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = current_schema() order by table_name
      `.execute(store.db);
      expect(schema.rows[0]?.schema).toMatch(/^mp_test_/);
      expect(tables.rows.map((row) => row.table_name)).toEqual([
        'authors',
        'confirmation_sends',
        'deliveries',
        'editions',
        'items',
        'job_locks',
        'job_runs',
        'kysely_migration',
        'kysely_migration_lock',
        'observations',
        'rate_limits',
        'search_documents',
        'snapshots',
        'subscriber_tokens',
        'subscribers',
      ]);
    } finally {
      await dispose();
    }
  });
});

describe('postgres factory', () => {
  it('rejects an unsafe schema name before connecting', () => {
    expect(() =>
      createPostgresStore({ connectionString: 'postgres://nobody@127.0.0.1:1/none', schema: 'x"; drop' }),
    ).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('sqlite factory', () => {
  it('creates the parent folder and uses WAL with foreign keys on', async () => {
    const dir = tempDir();
    const file = join(dir, 'a', 'b', 'store.db');
    const store = createSqliteStore({ file });
    try {
      await store.migrate();
      expect(statSync(file).isFile()).toBe(true);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      expect(keys.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unopenable file as STORE_FAILED', () => {
    const dir = tempDir();
    try {
      // A folder where the file should be.
      expect(() => createSqliteStore({ file: dir })).toThrow(
        expect.objectContaining({ code: 'STORE_FAILED' }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports queries before migrate as STORE_FAILED, and closing twice is harmless', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await expect(store.listSnapshots()).rejects.toMatchObject({ code: 'STORE_FAILED', retryable: false });
    await store.close();
    await store.close();
  });
});

describe('openStore', () => {
  const opened: Store[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('chooses the target from the URL without opening anything', () => {
    expect(storeTarget({ dataDir: 'data' })).toEqual({
      dialect: 'sqlite',
      file: join('data', 'morning-post.db'),
    });
    expect(storeTarget({ dataDir: 'data', databaseUrl: 'sqlite:/tmp/x.db' })).toEqual({
      dialect: 'sqlite',
      file: '/tmp/x.db',
    });
    expect(storeTarget({ dataDir: 'data', databaseUrl: 'sqlite://rel/x.db' })).toEqual({
      dialect: 'sqlite',
      file: 'rel/x.db',
    });
    expect(storeTarget({ dataDir: 'data', databaseUrl: 'sqlite::memory:' })).toEqual({
      dialect: 'sqlite',
      file: ':memory:',
    });
    expect(storeTarget({ dataDir: 'data', databaseUrl: 'postgresql://u@h/db' })).toEqual({
      dialect: 'postgres',
      connectionString: 'postgresql://u@h/db',
    });
    expect(() => storeTarget({ dataDir: 'data', databaseUrl: 'mysql://h/db' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => storeTarget({ dataDir: 'data', databaseUrl: 'sqlite:' })).toThrow(MorningPostError);
  });

  it('opens SQLite in the data folder by default', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = await openStore({ dataDir: join(dir, 'data') });
    opened.push(store);
    expect(store.dialect).toBe('sqlite');
    await store.migrate();
    expect(statSync(join(dir, 'data', 'morning-post.db')).isFile()).toBe(true);
  });

  it('opens a sqlite: URL', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = await openStore({ dataDir: 'unused', databaseUrl: `sqlite:${join(dir, 'other.db')}` });
    opened.push(store);
    await store.migrate();
    expect(statSync(join(dir, 'other.db')).isFile()).toBe(true);
  });

  it.skipIf(!postgresUrl)('opens Postgres for a postgres:// URL', async () => {
    const store = await openStore({ dataDir: 'unused', databaseUrl: postgresUrl });
    opened.push(store);
    expect(store.dialect).toBe('postgres');
    // Only a read: this store works in the database's default schema, which tests must not change.
    const result = await sql<{ one: number }>`select 1 as one`.execute((store as KyselyStore).db);
    expect(result.rows).toEqual([{ one: 1 }]);
  });
});

describe('storeAuthorDirectory', () => {
  it('reads and writes huggingface author kinds with the clock time', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    try {
      await store.migrate();
      const authors = storeAuthorDirectory(store, fixedClock('2025-03-01T06:00:00.000Z'));
      expect(await authors.get('huggingface', 'someone')).toBeUndefined();
      await authors.set('huggingface', 'someone', 'org');
      expect(await authors.get('huggingface', 'someone')).toBe('org');
      expect(await store.db.selectFrom('authors').selectAll().execute()).toEqual([
        { platform: 'huggingface', name: 'someone', kind: 'org', checked_at: '2025-03-01T06:00:00.000Z' },
      ]);
    } finally {
      await store.close();
    }
  });
});
