import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MorningPostError } from '../../core/errors.js';
import { startBusyWriter, writerDays } from '../../testing/store/busy-writer.js';
import { fillStore, storeContents } from '../../testing/store/filled-store.js';
import { storeMigrations } from '../migrations/index.js';
import { backupSqlite, checkSqliteBackup, restoreSqlite } from './backup.js';
import { createSqliteStore } from './index.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'mp-backup-'));
const NOW = new Date('2026-12-07T10:15:00.000Z');
const MIGRATIONS = Object.keys(storeMigrations('sqlite')).sort();

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<MorningPostError> {
  const error = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MorningPostError);
  return error as MorningPostError;
}

/** Every row of every table but the writer's, for an exact comparison of two stores. */
function tableRows(file: string): Record<string, unknown[]> {
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
        .filter((t) => t.name !== 'job_runs' && !t.name.startsWith('search_index'))
        .map((t) => [t.name, database.prepare(`select * from "${t.name}" order by rowid`).all()]),
    );
  } finally {
    database.close();
  }
}

async function liveStore(dir: string) {
  const file = join(dir, 'data', 'morning-post.db');
  const store = createSqliteStore({ file });
  await store.migrate();
  await fillStore(store);
  return { file, store };
}

describe('SQLite backup and restore', () => {
  it('backs up a store in WAL mode while another process writes, and restores it into a fresh data dir', async () => {
    const dir = freshDir();
    const { file, store } = await liveStore(dir);
    expect(
      (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db)).rows[0]?.journal_mode,
    ).toBe('wal');
    const original = await storeContents(store);
    expect(original.editions).toHaveLength(2);
    expect(original.snapshots).toHaveLength(4);
    expect(original.subscribers.map((s) => s.status)).toEqual(['confirmed', 'pending', 'unsubscribed']);
    const rowsBefore = tableRows(file);

    const writer = startBusyWriter(file);
    const target = join(dir, 'backups', 'store.db');
    let backedUp: Awaited<ReturnType<typeof backupSqlite>>;
    try {
      await writer.reached(20);
      backedUp = await backupSqlite(file, target);
      // The writer went on after the copy: the live store moved past it.
      const atBackup = writer.written();
      await writer.reached(atBackup + 20);
    } finally {
      await writer.stop();
    }
    expect(backedUp.file).toBe(target);
    expect(backedUp.migrations).toEqual(MIGRATIONS);
    expect(statSync(target).mode & 0o077).toBe(0);
    // One self-contained file: no temporary or WAL files left beside it.
    expect(readdirSync(join(dir, 'backups'))).toEqual(['store.db']);
    expect(readFileSync(target).subarray(18, 20)).toEqual(Buffer.from([1, 1]));

    const restoredDir = freshDir();
    const restoredFile = join(restoredDir, 'data', 'morning-post.db');
    const restored = await restoreSqlite(target, restoredFile, NOW);
    expect(restored.previous).toBeUndefined();
    expect(restored.migrations).toEqual(MIGRATIONS);

    const copy = createSqliteStore({ file: restoredFile });
    try {
      await copy.migrate();
      expect(await storeContents(copy)).toEqual(original);
      // The writer's rows came across whole: both rows of each day, no gap, fewer than the live store has now.
      const copied = await writerDays(copy.db);
      const live = await writerDays(store.db);
      expect(copied).toBeGreaterThanOrEqual(20);
      expect(live).toBeGreaterThan(copied);
    } finally {
      await copy.close();
      await store.close();
    }
    expect(tableRows(restoredFile)).toEqual(rowsBefore);
  }, 60_000);

  it('keeps the store it replaces, and refuses while another connection has the store open', async () => {
    const dir = freshDir();
    const { file, store } = await liveStore(dir);
    const backup = join(dir, 'backup.db');
    await backupSqlite(file, backup);
    await store.subscribers.addConfirmed({
      email: 'after-backup@example.org',
      consentSource: 'cli',
      consentAt: NOW.toISOString(),
      at: NOW.toISOString(),
    });

    const busy = await rejection(restoreSqlite(backup, file, NOW));
    expect(busy.code).toBe('STORE_FAILED');
    expect(busy.message).toBe(`The store ${file} is open in another process.`);
    expect(busy.hint).toContain('Stop `morning-post serve`');
    expect((await store.subscribers.list()).map((s) => s.email)).toContain('after-backup@example.org');
    await store.close();

    const result = await restoreSqlite(backup, file, NOW);
    expect(result.previous).toBe(`${file}.before-restore-20261207T101500Z`);
    const reopened = createSqliteStore({ file });
    const kept = createSqliteStore({ file: result.previous ?? '' });
    try {
      expect((await reopened.subscribers.list()).map((s) => s.email)).not.toContain(
        'after-backup@example.org',
      );
      expect((await kept.subscribers.list()).map((s) => s.email)).toContain('after-backup@example.org');
      expect(
        (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(reopened.db)).rows[0]?.journal_mode,
      ).toBe('wal');
    } finally {
      await reopened.close();
      await kept.close();
    }
    expect(statSync(result.previous ?? '').mode & 0o077).toBe(0);
    // A second restore in the same second keeps the first kept copy too.
    const again = await restoreSqlite(backup, file, NOW);
    expect(again.previous).toBe(`${file}.before-restore-20261207T101500Z-2`);
  });

  it('never overwrites a backup unless forced, nor backs a store up onto itself', async () => {
    const dir = freshDir();
    const { file, store } = await liveStore(dir);
    await store.close();
    const target = join(dir, 'backup.db');
    writeFileSync(target, 'precious');
    const exists = await rejection(backupSqlite(file, target));
    expect(exists.code).toBe('CONFIG_INVALID');
    expect(exists.message).toBe(
      `${target} already exists; pass --force to replace it, or choose another name.`,
    );
    expect(readFileSync(target, 'utf8')).toBe('precious');
    await backupSqlite(file, target, { force: true });
    expect(checkSqliteBackup(target).migrations).toEqual(MIGRATIONS);

    const itself = await rejection(backupSqlite(file, file, { force: true }));
    expect(itself.message).toBe(`Refusing to use ${file} as both the store and the backup.`);
    const missing = await rejection(backupSqlite(join(dir, 'nothing.db'), join(dir, 'x.db')));
    expect(missing.code).toBe('STORE_FAILED');
    expect(missing.message).toContain('There is no SQLite store at');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });

  it('refuses to restore a file that is not SQLite, a database that is not ours, or one from a newer version', async () => {
    const dir = freshDir();
    const live = join(dir, 'data', 'morning-post.db');
    const notSqlite = join(dir, 'notes.txt');
    writeFileSync(notSqlite, 'SQLite format 2, or so I thought\n'.repeat(100));
    const refused = await rejection(restoreSqlite(notSqlite, live, NOW));
    expect(refused.code).toBe('CONFIG_INVALID');
    expect(refused.message).toBe(`${notSqlite} is not a SQLite database.`);

    const foreign = join(dir, 'other-app.db');
    const other = new SqliteDatabase(foreign);
    other.exec(
      "create table users (id integer primary key, name text); insert into users (name) values ('x')",
    );
    other.close();
    const notOurs = await rejection(restoreSqlite(foreign, live, NOW));
    expect(notOurs.message).toBe(
      `${foreign} is a SQLite database, but not a Morning Post store (it has no migrations table).`,
    );

    const newer = join(dir, 'newer.db');
    const { file, store } = await liveStore(freshDir());
    await store.close();
    await backupSqlite(file, newer);
    const edit = new SqliteDatabase(newer);
    edit
      .prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
      .run('9999-future', NOW.toISOString());
    edit.close();
    const future = await rejection(restoreSqlite(newer, live, NOW));
    expect(future.message).toContain('has migrations this version does not know (9999-future)');

    const damaged = join(dir, 'damaged.db');
    const bytes = readFileSync(file);
    // Scribble over the middle of the file, past the header and schema pages.
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    writeFileSync(damaged, bytes);
    const corrupt = await rejection(restoreSqlite(damaged, live, NOW));
    expect(corrupt.message).toMatch(/failed SQLite's integrity check|is not a readable SQLite database/);

    // Nothing was created where the store would go.
    expect(existsSync(live)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['damaged.db', 'newer.db', 'notes.txt', 'other-app.db']);
  });

  it('refuses a copy with a write-ahead log beside it (a cp of an open WAL database)', async () => {
    const dir = freshDir();
    const { file, store } = await liveStore(dir);
    await store.saveEditionPlan('2026-11-28', { date: '2026-11-28' }, NOW.toISOString());
    // While the store is open its last commits sit in morning-post.db-wal.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const refused = await rejection(() => checkSqliteBackup(file));
    expect(refused.message).toContain('has a write-ahead log beside it (morning-post.db-wal)');
    expect(refused.hint).toContain('morning-post db backup FILE');
    await store.close();
  });
});
