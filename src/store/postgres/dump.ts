/**
 * @module store/postgres/dump
 * Backups of a Postgres store are Postgres's own tools' job (`pg_dump`, `pg_restore`): this module
 * builds their command lines from DATABASE_URL, and runs `pg_dump` when asked to. The password
 * travels in PGPASSWORD, never on a command line (which `ps` shows), and is masked when shown.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MorningPostError } from '../../core/errors.js';

export interface PgCommand {
  program: 'pg_dump' | 'pg_restore' | 'psql';
  args: string[];
  /** PGPASSWORD when the URL carries a password. */
  env: Record<string, string>;
  /** The command as a shell line, the password masked. */
  shown: string;
}

/** A custom-format dump (`pg_restore` reads it; compressed; restores table by table). */
export function pgDumpCommand(connectionString: string, file: string): PgCommand {
  const { url, password } = splitPassword(connectionString);
  return command('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${url}`], password);
}

/** How to load a dump back: `pg_restore` for a custom-format dump, `psql` for a plain SQL one. */
export function pgRestoreCommands(connectionString: string, file: string): PgCommand[] {
  const { url, password } = splitPassword(connectionString);
  return [
    command(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${url}`, file],
      password,
    ),
    command(
      'psql',
      ['--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${url}`, `--file=${file}`],
      password,
    ),
  ];
}

/** Runs `pg_dump` into a temporary file beside `file`, then renames it into place. */
export async function runPgDump(
  connectionString: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ file: string; bytes: number }> {
  const target = resolve(file);
  if (existsSync(target) && !options.force)
    throw new MorningPostError(
      'CONFIG_INVALID',
      `${target} already exists; pass --force to replace it, or choose another name.`,
    );
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  const dump = pgDumpCommand(connectionString, temporary);
  try {
    await run(dump);
    // A dump holds subscribers' addresses: readable by its owner only.
    chmodSync(temporary, 0o600);
    renameSync(temporary, target);
    return { file: target, bytes: statSync(target).size };
  } finally {
    rmSync(temporary, { force: true });
  }
}

function run(pg: PgCommand): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(pg.program, pg.args, {
      env: { ...process.env, ...pg.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString()}`.slice(-4000);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new MorningPostError('STORE_FAILED', `${pg.program} is not installed (not found on PATH).`, {
              hint: "Install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client), or run the command `morning-post db backup` prints without --pg-dump elsewhere.",
            })
          : new MorningPostError('STORE_FAILED', `Could not run ${pg.program}: ${error.message}`, {
              cause: error,
            }),
      );
    });
    child.once('close', (code) => {
      if (code === 0) return resolvePromise();
      const last = stderr.trim().split('\n').pop() ?? '';
      reject(
        new MorningPostError('STORE_FAILED', `${pg.program} failed (exit ${code}): ${last || 'no message'}`, {
          hint: `The command was: ${pg.shown}`,
        }),
      );
    });
  });
}

function splitPassword(connectionString: string): { url: string; password: string | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(connectionString);
  } catch {
    throw new MorningPostError('CONFIG_INVALID', 'DATABASE_URL is not a valid postgres:// URL.');
  }
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

function command(program: PgCommand['program'], args: string[], password: string | undefined): PgCommand {
  const env: Record<string, string> = password === undefined ? {} : { PGPASSWORD: password };
  const shown = [
    ...(password === undefined ? [] : ["PGPASSWORD='****'"]),
    program,
    ...args.map(shellQuote),
  ].join(' ');
  return { program, args, env, shown };
}

/** Quoted for a POSIX shell when it needs to be. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
