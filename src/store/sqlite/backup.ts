/**
 * @module store/sqlite/backup
 * Backup and restore of the SQLite store through SQLite's online backup API (better-sqlite3's
 * `db.backup`). The copy is one consistent snapshot even while the server writes in WAL mode,
 * which a file copy is not: `cp` of a WAL database can miss committed transactions still in the
 * `-wal` file or catch a page half-checkpointed. A backup is written beside its name and renamed
 * into place, checked (`PRAGMA integrity_check`), in rollback-journal mode so it is one file, and
 * readable by its owner only (it holds subscribers' addresses).
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { MorningPostError } from '../../core/errors.js';
import { storeMigrations } from '../migrations/index.js';

export interface SqliteBackupInfo {
  file: string;
  bytes: number;
  /** The store's applied migrations, in order. */
  migrations: string[];
}

export interface SqliteRestoreResult extends SqliteBackupInfo {
  /** Where the store as it was before the restore was kept; undefined when there was none. */
  previous: string | undefined;
}

/** The whole database in one step: one read transaction, so concurrent writers cannot restart it. */
const ALL_PAGES = 0x7fffffff;
/** How long a restore waits for another connection's lock on the store before giving up. */
const BUSY_LIMIT_MS = 10_000;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Copies the live store at `source` to `target` (a new file unless `force`). Safe while the
 * server runs: the backup reads one snapshot of the database, writers carry on.
 */
export async function backupSqlite(
  source: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<SqliteBackupInfo> {
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from))
    throw new MorningPostError('STORE_FAILED', `There is no SQLite store at ${from} to back up.`, {
      hint: 'Check MORNING_POST_DATA_DIR or DATABASE_URL.',
    });
  refuseSameFile(from, to);
  if (existsSync(to) && !options.force)
    throw usage(`${to} already exists; pass --force to replace it, or choose another name.`);
  mkdirSync(dirname(to), { recursive: true });
  const temporary = join(
    dirname(to),
    `.${basename(to)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const database = openSqlite(from, 'open the store');
    try {
      await database.backup(temporary, { progress: () => ALL_PAGES });
    } catch (error) {
      throw failure(`back up ${from}`, error);
    } finally {
      database.close();
    }
    const migrations = settle(temporary);
    chmodSync(temporary, 0o600);
    renameSync(temporary, to);
    return { file: to, bytes: statSync(to).size, migrations };
  } finally {
    removeDatabaseFiles(temporary);
  }
}

/**
 * Checks that `file` is a store backup this version can restore: a SQLite database, intact, with
 * our migrations table and no migration this version does not know. Reads a private copy, so
 * the file itself is never opened for writing nor left with `-wal`/`-shm` files beside it.
 */
export function checkSqliteBackup(file: string): SqliteBackupInfo {
  const path = resolve(file);
  const { copy, remove } = privateCopy(path);
  try {
    return { file: path, bytes: statSync(path).size, migrations: settle(copy, path) };
  } finally {
    remove();
  }
}

/**
 * Replaces the store at `live` with the backup `file`. Refuses while another connection has the
 * store open (a running server); keeps the store as it was as `<name>.before-restore-<time>`.
 */
export async function restoreSqlite(file: string, live: string, now: Date): Promise<SqliteRestoreResult> {
  const backup = resolve(file);
  const target = resolve(live);
  refuseSameFile(backup, target);
  const { copy, remove } = privateCopy(backup);
  try {
    const migrations = settle(copy, backup);
    const previous = existsSync(target) ? await keepPrevious(target, now) : undefined;
    mkdirSync(dirname(target), { recursive: true });
    const source = openSqlite(copy, 'open the backup');
    try {
      const started = Date.now();
      await source.backup(target, {
        progress: () => {
          // Only a lock taken by someone else since the check stalls a step; do not spin forever.
          if (Date.now() - started > BUSY_LIMIT_MS)
            throw new Error('the store stayed locked by another connection');
          return ALL_PAGES;
        },
      });
    } catch (error) {
      throw failure(`restore ${backup} into ${target}`, error, previous);
    } finally {
      source.close();
    }
    const database = openSqlite(target, 'open the restored store');
    try {
      database.pragma('journal_mode = WAL');
      expectIntact(database, target);
    } finally {
      database.close();
    }
    return { file: target, bytes: statSync(target).size, migrations, previous };
  } finally {
    remove();
  }
}

/** The store's own backup of itself, taken once no other connection has it open. */
async function keepPrevious(target: string, now: Date): Promise<string> {
  const database = openSqlite(target, 'open the store', 0);
  try {
    try {
      // Leaving WAL mode needs every other connection closed; SQLite says SQLITE_BUSY otherwise.
      database.pragma('journal_mode = DELETE');
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
        throw new MorningPostError('STORE_FAILED', `The store ${target} is open in another process.`, {
          hint: 'Stop `morning-post serve` (and any other morning-post command using it), then restore.',
          retryable: true,
        });
      throw failure(`prepare ${target}`, error);
    }
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    let previous = `${target}.before-restore-${stamp}`;
    for (let n = 2; existsSync(previous); n += 1) previous = `${target}.before-restore-${stamp}-${n}`;
    await database.backup(previous, { progress: () => ALL_PAGES });
    chmodSync(previous, 0o600);
    return previous;
  } finally {
    database.close();
  }
}

/** Validates a finished copy, leaves it in rollback-journal mode, and returns its migrations. */
function settle(file: string, shownAs = file): string[] {
  const database = openSqlite(file, `open ${shownAs}`);
  try {
    expectIntact(database, shownAs);
    database.pragma('journal_mode = DELETE');
    return storeMigrationNames(database, shownAs);
  } finally {
    database.close();
  }
}

function expectIntact(database: SqliteDatabase.Database, shownAs: string): void {
  let result: unknown[];
  try {
    result = database.pragma('integrity_check', { simple: false }) as unknown[];
  } catch (error) {
    throw usage(`${shownAs} is not a readable SQLite database: ${(error as Error).message}`);
  }
  const lines = result.map((row) => Object.values(row as Record<string, unknown>)[0]);
  if (lines.length !== 1 || lines[0] !== 'ok')
    throw usage(`${shownAs} failed SQLite's integrity check: ${String(lines[0])}`);
}

function storeMigrationNames(database: SqliteDatabase.Database, shownAs: string): string[] {
  const table = database
    .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  if (!table)
    throw usage(
      `${shownAs} is a SQLite database, but not a Morning Post store (it has no migrations table).`,
    );
  const names = (
    database.prepare('select name from kysely_migration order by name').all() as { name: string }[]
  ).map((row) => row.name);
  const known = new Set(Object.keys(storeMigrations('sqlite')));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw usage(
      `${shownAs} has migrations this version does not know (${unknown.join(', ')}): a newer morning-post made it, or another program.`,
    );
  if (names.length === 0)
    throw usage(`${shownAs} is a Morning Post store with no migrations applied: nothing to restore.`);
  return names;
}

/**
 * A copy of `file` in a private temporary folder (removed by `remove`), after the checks that
 * need no SQLite: a file, with SQLite's header, and no write-ahead log beside it.
 */
function privateCopy(file: string): { copy: string; remove(): void } {
  if (!existsSync(file) || !statSync(file).isFile()) throw usage(`${file} is not a file.`);
  if (!hasSqliteHeader(file)) throw usage(`${file} is not a SQLite database.`);
  if (existsSync(`${file}-wal`))
    throw usage(
      `${file} has a write-ahead log beside it (${basename(file)}-wal): it is open, or was copied while open.`,
      { hint: 'Make backups with `morning-post db backup FILE`, which writes one self-contained file.' },
    );
  const folder = mkdtempSync(join(tmpdir(), 'morning-post-restore-'));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  const copy = join(folder, 'backup.db');
  try {
    copyFileSync(file, copy);
  } catch (error) {
    remove();
    throw failure(`copy ${file}`, error);
  }
  return { copy, remove };
}

function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

function openSqlite(file: string, action: string, busyTimeoutMs = 5000): SqliteDatabase.Database {
  try {
    return new SqliteDatabase(file, { fileMustExist: true, timeout: busyTimeoutMs });
  } catch (error) {
    throw failure(`${action} (${file})`, error);
  }
}

function refuseSameFile(a: string, b: string): void {
  if (a === b || b === `${a}-wal` || b === `${a}-shm` || b === `${a}-journal`)
    throw usage(`Refusing to use ${a} as both the store and the backup.`);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function failure(action: string, error: unknown, previous?: string): MorningPostError {
  if (error instanceof MorningPostError) return error;
  return new MorningPostError(
    'STORE_FAILED',
    `Could not ${action}: ${(error as Error).message ?? String(error)}`,
    {
      cause: error,
      ...(previous ? { hint: `The store as it was before is kept in ${previous}.` } : {}),
    },
  );
}

function usage(message: string, options: { hint?: string } = {}): MorningPostError {
  return new MorningPostError('CONFIG_INVALID', message, options);
}
