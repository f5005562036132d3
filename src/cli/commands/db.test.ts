/**
 * `morning-post db …` end to end, through the CLI: on SQLite always, on Postgres (a fresh
 * database per test, dropped afterwards) when DATABASE_URL or TEST_DATABASE_URL points at one.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storeMigrations } from '../../store/migrations/index.js';
import { createPostgresStore } from '../../store/postgres/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { cli } from '../../testing/cli/run.js';
import { fillStore, storeContents } from '../../testing/store/filled-store.js';
import { scratchDatabase } from '../../testing/store/scratch-database.js';

const NAMES = Object.keys(storeMigrations('sqlite')).sort();
const LAST = NAMES[NAMES.length - 1] ?? '';
// Each call starts Node with the TypeScript loader (seconds on a busy machine); these tests make many.
const SLOW = 300_000;
const freshDir = () => mkdtempSync(join(tmpdir(), 'mp-db-cli-'));

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
if (!postgresUrl)
  process.stderr.write(
    'Postgres `db` CLI tests skipped: set DATABASE_URL or TEST_DATABASE_URL to postgres://…\n',
  );

/** Every row of every table, by table, for comparing two SQLite stores. */
function rows(file: string): Record<string, unknown[]> {
  const database = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const tables = database
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables
        // The FTS5 index and its shadow tables (some WITHOUT ROWID) derive from search_documents.
        .filter((t) => !t.name.startsWith('search_index'))
        .map((t) => [t.name, database.prepare(`select * from "${t.name}" order by rowid`).all()]),
    );
  } finally {
    database.close();
  }
}

describe('morning-post db on SQLite', () => {
  it(
    'reports status without creating the store, migrates, and rolls back only with --yes',
    async () => {
      const dir = freshDir();
      const store = join(dir, 'data', 'morning-post.db');
      const run = (...args: string[]) => cli(['db', ...args], {}, dir);

      const fresh = await run('status');
      expect(fresh.code).toBe(0);
      expect(fresh.stdout.split('\n')[0]).toBe(`store: sqlite ${store} (does not exist yet)`);
      for (const name of NAMES) expect(fresh.stdout).toMatch(new RegExp(`^  ${name} +pending$`, 'm'));
      expect(existsSync(store)).toBe(false);

      const migrated = await run('migrate');
      expect(migrated).toMatchObject({
        code: 0,
        stdout: `${NAMES.map((name) => `applied ${name}\n`).join('')}${NAMES.length} applied\n`,
      });

      const refused = await run('rollback');
      expect(refused.code).toBe(2);
      expect(refused.stderr.split('\n')[0]).toBe(
        `error: Rolling back runs the down() of ${LAST}, dropping what they made, data included; pass --yes to go ahead.`,
      );
      expect(refused.stdout).toBe('');
      const badSteps = await run('rollback', '--steps', 'two', '--yes');
      expect(badSteps.code).toBe(2);
      expect(badSteps.stderr).toBe('error: --steps must be a whole number of at least 1, got "two".\n');

      const rolled = await run('rollback', '--steps', '2', '--yes');
      expect(rolled.code).toBe(0);
      const kept = readdirSync(join(dir, 'data')).filter((f) => f.includes('.before-rollback-'));
      expect(kept).toHaveLength(1);
      expect(rolled.stdout).toBe(
        [
          `kept the store as it was in ${join(dir, 'data', kept[0] ?? '')}`,
          ...NAMES.slice(-2)
            .reverse()
            .map((name) => `rolled back ${name}`),
          '2 rolled back; any command that uses the store applies them again',
          '',
        ].join('\n'),
      );
      const status = JSON.parse((await run('status', '--json')).stdout) as {
        store: string;
        exists: boolean;
        migrations: { name: string; appliedAt: string | null }[];
      };
      expect(status.store).toBe(`sqlite ${store}`);
      expect(status.exists).toBe(true);
      expect(status.migrations.map((m) => [m.name, m.appliedAt === null])).toEqual(
        NAMES.map((name, index) => [name, index >= NAMES.length - 2]),
      );
      expect(rows(join(dir, 'data', kept[0] ?? '')).kysely_migration).toHaveLength(NAMES.length);
    },
    SLOW,
  );

  it(
    'rebuilds the search index with reindex',
    async () => {
      const dir = freshDir();
      const file = join(dir, 'data', 'morning-post.db');
      const filled = createSqliteStore({ file });
      await filled.migrate();
      await fillStore(filled);
      const before = await filled.search.query({ q: 'model' });
      await filled.db.deleteFrom('search_documents').execute();
      await filled.close();
      const done = await cli(['db', 'reindex'], {}, dir);
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(/^search index rebuilt: \d+ documents in \d+ ms\n$/);
      const store = createSqliteStore({ file });
      try {
        expect(before.total).toBeGreaterThan(0);
        expect(await store.search.query({ q: 'model' })).toEqual(before);
      } finally {
        await store.close();
      }
    },
    SLOW,
  );

  it(
    'backs up a store with editions and subscribers, and restores it into a fresh data dir',
    async () => {
      const dir = freshDir();
      const store = join(dir, 'data', 'morning-post.db');
      const env = {};
      const filled = createSqliteStore({ file: store });
      await filled.migrate();
      await fillStore(filled);
      await filled.close();

      const backup = join(dir, 'backups', 'post.db');
      const made = await cli(['db', 'backup', backup], env, dir);
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toMatch(
        new RegExp(
          `^backed up ${store} to ${backup} \\(\\d+ kB, ${NAMES.length} migrations, integrity ok\\)\\n$`,
        ),
      );
      expect(statSync(backup).mode & 0o077).toBe(0);
      const again = await cli(['db', 'backup', backup], env, dir);
      expect(again).toMatchObject({
        code: 2,
        stderr: `error: ${backup} already exists; pass --force to replace it, or choose another name.\n`,
      });

      const other = freshDir();
      const restoredStore = join(other, 'data', 'morning-post.db');
      const ask = await cli(['db', 'restore', backup], {}, other);
      expect(ask.code).toBe(2);
      expect(ask.stderr.split('\n')[0]).toBe(
        `error: Restoring replaces the store ${restoredStore} with ${backup} (${NAMES.length} migrations); pass --yes to go ahead.`,
      );
      expect(existsSync(restoredStore)).toBe(false);
      const restored = await cli(['db', 'restore', backup, '--yes'], {}, other);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(
        new RegExp(`^restored ${backup} into ${restoredStore} \\(\\d+ kB, integrity ok\\)\\n$`),
      );
      const original = rows(store);
      expect(original.editions).toHaveLength(2);
      expect(original.snapshots).toHaveLength(4);
      expect(original.subscribers).toHaveLength(3);
      expect(rows(restoredStore)).toEqual(original);
      const copy = createSqliteStore({ file: restoredStore });
      const source = createSqliteStore({ file: store });
      try {
        expect(await storeContents(copy)).toEqual(await storeContents(source));
      } finally {
        await copy.close();
        await source.close();
      }

      // Restoring over a store keeps the one it replaces.
      const over = await cli(['db', 'restore', backup, '--yes'], {}, other);
      expect(over.code, over.stderr).toBe(0);
      const kept = readdirSync(join(other, 'data')).filter((f) => f.includes('.before-restore-'));
      expect(kept).toHaveLength(1);
      expect(over.stdout.split('\n')[0]).toBe(
        `kept the store as it was in ${join(other, 'data', kept[0] ?? '')}`,
      );
    },
    SLOW,
  );

  it(
    'refuses to restore a file that is not SQLite, or a SQLite database that is not a Morning Post store',
    async () => {
      const dir = freshDir();
      const text = join(dir, 'notes.db');
      writeFileSync(text, 'not a database\n');
      const notSqlite = await cli(['db', 'restore', text, '--yes'], {}, dir);
      expect(notSqlite).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `error: ${text} is not a SQLite database.\n`,
      });

      const foreign = join(dir, 'other.db');
      const database = new SqliteDatabase(foreign);
      database.exec('create table notes (id integer primary key, body text)');
      database.close();
      const notOurs = await cli(['db', 'restore', foreign, '--yes'], {}, dir);
      expect(notOurs).toMatchObject({
        code: 2,
        stderr: `error: ${foreign} is a SQLite database, but not a Morning Post store (it has no migrations table).\n`,
      });
      expect(existsSync(join(dir, 'data', 'morning-post.db'))).toBe(false);

      const missing = await cli(['db', 'backup', join(dir, 'b.db')], {}, dir);
      expect(missing.code).toBe(1);
      expect(missing.stderr.split('\n')[0]).toBe(
        `error: There is no SQLite store at ${join(dir, 'data', 'morning-post.db')} to back up.`,
      );
    },
    SLOW,
  );
});

const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;

describe.skipIf(!postgresUrl)('morning-post db on Postgres', () => {
  it(
    'reports status with the password masked, migrates and rolls back',
    async () => {
      const database = await scratchDatabase(postgresUrl ?? '', 'db_cli');
      try {
        const withPassword = new URL(database.url);
        // Trust authentication ignores it; it is here to be masked.
        withPassword.username = 'postgres';
        withPassword.password = 'not-shown-anywhere';
        const env = { DATABASE_URL: withPassword.toString() };
        const run = (...args: string[]) => cli(['db', ...args], env);
        const masked = withPassword.toString().replace('not-shown-anywhere', '****');

        const fresh = await run('status');
        expect(fresh.code, fresh.stderr).toBe(0);
        expect(fresh.stdout.split('\n')[0]).toBe(`store: postgres ${masked}`);
        expect(fresh.stdout).toContain(`${NAMES.length} migrations, ${NAMES.length} pending`);
        expect(fresh.stdout).not.toContain('not-shown-anywhere');

        expect((await run('migrate')).stdout).toBe(
          `${NAMES.map((name) => `applied ${name}\n`).join('')}${NAMES.length} applied\n`,
        );
        const rolled = await run('rollback', '--to', NAMES[0] ?? '', '--yes');
        expect(rolled.code, rolled.stderr).toBe(0);
        expect(rolled.stdout).toBe(
          [
            ...NAMES.slice(1)
              .reverse()
              .map((name) => `rolled back ${name}`),
            `${NAMES.length - 1} rolled back; any command that uses the store applies them again`,
            '',
          ].join('\n'),
        );
        const status = JSON.parse((await run('status', '--json')).stdout) as {
          migrations: { name: string; appliedAt: string | null }[];
        };
        expect(status.migrations.filter((m) => m.appliedAt !== null).map((m) => m.name)).toEqual([NAMES[0]]);
      } finally {
        await database.drop();
      }
    },
    SLOW,
  );

  it(
    'prints the pg_dump and pg_restore commands, masked, and runs pg_dump with --pg-dump',
    async () => {
      const database = await scratchDatabase(postgresUrl ?? '', 'db_cli');
      const dir = freshDir();
      try {
        const withPassword = new URL(database.url);
        withPassword.username = 'postgres';
        withPassword.password = 'hunter2';
        const env = { DATABASE_URL: withPassword.toString() };
        const plain = new URL(withPassword);
        plain.password = '';
        const file = join(dir, 'post.dump');

        const guidance = await cli(['db', 'backup', file], env, dir);
        expect(guidance.code).toBe(2);
        expect(guidance.stderr).toBe(
          'error: A Postgres store is backed up with pg_dump; run this, or pass --pg-dump to have morning-post run it:\n' +
            `hint: PGPASSWORD='****' pg_dump --format=custom --file=${file} --dbname=${plain}\n`,
        );
        const restore = await cli(['db', 'restore', file], env, dir);
        expect(restore.code).toBe(2);
        expect(restore.stderr).toContain(
          `hint: PGPASSWORD='****' pg_restore --clean --if-exists --no-owner --single-transaction --dbname=${plain} ${file}`,
        );
        expect(`${guidance.stderr}${restore.stderr}`).not.toContain('hunter2');
        expect(existsSync(file)).toBe(false);

        if (!hasPgDump) {
          process.stderr.write('pg_dump not on PATH: `db backup --pg-dump` not exercised\n');
          return;
        }
        const store = createPostgresStore({ connectionString: database.url, maxConnections: 1 });
        await store.migrate();
        await store.close();
        const dumped = await cli(['db', 'backup', file, '--pg-dump'], env, dir);
        expect(dumped.code, dumped.stderr).toBe(0);
        expect(dumped.stdout).toMatch(
          /^dumped postgres .* to .*post\.dump \(\d+ kB, pg_dump custom format\)\n$/,
        );
        expect(statSync(file).mode & 0o077).toBe(0);
        const listed = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
        expect(listed.status).toBe(0);
        expect(listed.stdout).toMatch(/TABLE [^\n]* editions /);
        expect(listed.stdout).toMatch(/TABLE [^\n]* kysely_migration /);
      } finally {
        await database.drop();
      }
    },
    SLOW,
  );
});
