/**
 * @module cli/commands/db
 * `morning-post db status|migrate|reindex|rollback|backup|restore`: the store's care. The work is in
 * store/migrator.ts, store/sqlite/backup.ts and store/postgres/dump.ts; this file parses and prints.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { maskDatabaseUrl } from '../../config/mask.js';
import { MorningPostError } from '../../core/errors.js';
import { type KyselyStore, openStore, type StoreTarget, storeTarget } from '../../store/index.js';
import { storeMigrations } from '../../store/migrations/index.js';
import {
  applyMigrations,
  type MigrationStatus,
  migrationStatus,
  rollbackMigrations,
  rollbackPlan,
} from '../../store/migrator.js';
import { pgDumpCommand, pgRestoreCommands, runPgDump } from '../../store/postgres/dump.js';
import { backupSqlite, checkSqliteBackup, restoreSqlite } from '../../store/sqlite/backup.js';
import { commandContext, type GlobalOptions } from '../context.js';

type Context = ReturnType<typeof commandContext>;
const write = (text: string) => process.stdout.write(`${text}\n`);

export function registerDb(program: Command): void {
  const group = program
    .command('db')
    .description('the store: migrations, backup and restore (SQLite; Postgres through pg_dump)');

  group
    .command('status')
    .description('the store in use (password masked) and each migration, applied or pending')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const context = contextOf(command);
      const target = storeTarget(context.config);
      // A status must not create the database it reports on.
      const status =
        target.dialect === 'sqlite' && !existsSync(target.file)
          ? undefined
          : await withStore(context, migrationStatus);
      const known = status?.migrations ?? knownMigrations();
      if (flags.json) {
        write(
          JSON.stringify(
            {
              store: describe(target),
              exists: status !== undefined,
              migrations: known.map((m) => ({ name: m.name, appliedAt: m.appliedAt ?? null })),
              unknown: status?.unknown ?? [],
            },
            null,
            2,
          ),
        );
        return;
      }
      write(`store: ${describe(target)}${status ? '' : ' (does not exist yet)'}`);
      const width = Math.max(...known.map((m) => m.name.length));
      for (const m of known)
        write(`  ${m.name.padEnd(width)}  ${m.appliedAt ? `applied ${m.appliedAt}` : 'pending'}`);
      for (const name of status?.unknown ?? [])
        write(`  ${name.padEnd(width)}  applied, unknown to this version`);
      const pending = known.filter((m) => !m.appliedAt).length;
      write(
        pending === 0
          ? `${known.length} migrations, all applied`
          : `${known.length} migrations, ${pending} pending: \`morning-post db migrate\` applies them (so does any command that uses the store)`,
      );
    });

  group
    .command('migrate')
    .description('apply the pending migrations')
    .action(async (_flags: unknown, command: Command) => {
      const context = contextOf(command);
      const applied = await withStore(context, applyMigrations);
      for (const name of applied) write(`applied ${name}`);
      write(
        applied.length === 0 ? 'nothing to apply: every migration is applied' : `${applied.length} applied`,
      );
    });

  group
    .command('reindex')
    .description('rebuild the search index from every stored item and edition (migration 0007 did it once)')
    .action(async (_flags: unknown, command: Command) => {
      const context = contextOf(command);
      const started = performance.now();
      const { documents } = await withStore(context, async (store) => {
        await store.migrate();
        return store.search.reindex();
      });
      write(`search index rebuilt: ${documents} documents in ${Math.round(performance.now() - started)} ms`);
    });

  group
    .command('rollback')
    .description("run the newest migration's down() (or down to --to NAME, or --steps N): drops its tables")
    .option('--to <name>', 'keep this migration and those before it; roll back the ones after it')
    .option('--steps <n>', 'roll back this many of the newest migrations (default 1)')
    .option('--yes', 'really roll back (the tables those migrations made are dropped, with their data)')
    .action(async (flags: { to?: string; steps?: string; yes?: boolean }, command: Command) => {
      const context = contextOf(command);
      const rollback = {
        to: flags.to,
        steps: flags.steps === undefined ? undefined : parseSteps(flags.steps),
      };
      const target = storeTarget(context.config);
      if (target.dialect === 'sqlite' && !existsSync(target.file))
        throw usage(`There is no store at ${target.file}: nothing to roll back.`);
      await withStore(context, async (store) => {
        const planned = rollbackPlan(await migrationStatus(store), rollback);
        if (planned.length === 0) {
          write('nothing to roll back');
          return;
        }
        if (!flags.yes)
          throw usage(
            `Rolling back runs the down() of ${planned.join(', ')}, dropping what they made, data included; pass --yes to go ahead.`,
            target.dialect === 'sqlite'
              ? 'A copy of the store is kept first (<file>.before-rollback-<time>). Stop the server first: its next start would apply them again.'
              : 'Back up first (pg_dump; see `morning-post db backup`). Stop the servers first: their next start would apply them again.',
          );
        if (target.dialect === 'sqlite') {
          const kept = await backupSqlite(target.file, `${target.file}.before-rollback-${stamp(context)}`);
          write(`kept the store as it was in ${kept.file}`);
        }
        const done = await rollbackMigrations(store, rollback);
        for (const name of done) write(`rolled back ${name}`);
        write(`${done.length} rolled back; any command that uses the store applies them again`);
      });
    });

  group
    .command('backup')
    .description(
      'SQLite: copy the store to FILE while it runs (online backup); Postgres: the pg_dump command',
    )
    .argument('<file>', 'where to write the backup')
    .option('--force', 'replace FILE if it exists')
    .option('--pg-dump', 'Postgres: run pg_dump (custom format) instead of printing the command')
    .action(async (file: string, flags: { force?: boolean; pgDump?: boolean }, command: Command) => {
      const context = contextOf(command);
      const target = storeTarget(context.config);
      if (target.dialect === 'postgres') {
        if (!flags.pgDump)
          throw usage(
            'A Postgres store is backed up with pg_dump; run this, or pass --pg-dump to have morning-post run it:',
            pgDumpCommand(target.connectionString, file).shown,
          );
        const dumped = await runPgDump(target.connectionString, file, { force: flags.force ?? false });
        write(`dumped ${describe(target)} to ${dumped.file} (${size(dumped.bytes)}, pg_dump custom format)`);
        return;
      }
      const backup = await backupSqlite(target.file, file, { force: flags.force ?? false });
      write(
        `backed up ${target.file} to ${backup.file} (${size(backup.bytes)}, ${backup.migrations.length} migrations, integrity ok)`,
      );
    });

  group
    .command('restore')
    .description('SQLite: replace the store with a backup FILE (the server stopped); Postgres: how to')
    .argument('<file>', 'a backup written by `morning-post db backup`')
    .option('--yes', 'really replace the store (the one it replaces is kept beside it)')
    .action(async (file: string, flags: { yes?: boolean }, command: Command) => {
      const context = contextOf(command);
      const target = storeTarget(context.config);
      if (target.dialect === 'postgres') {
        const [restore, psql] = pgRestoreCommands(target.connectionString, file);
        throw usage(
          'A Postgres store is restored with pg_restore (a pg_dump custom-format file) or psql (a plain SQL dump), with the servers stopped:',
          `${restore?.shown}\n  or: ${psql?.shown}`,
        );
      }
      const backup = checkSqliteBackup(file);
      if (!flags.yes)
        throw usage(
          `Restoring replaces the store ${target.file} with ${backup.file} (${backup.migrations.length} migrations); pass --yes to go ahead.`,
          'Stop the server first. The store as it is now is kept as <file>.before-restore-<time>.',
        );
      const restored = await restoreSqlite(file, target.file, context.clock.now());
      if (restored.previous) write(`kept the store as it was in ${restored.previous}`);
      write(`restored ${backup.file} into ${restored.file} (${size(restored.bytes)}, integrity ok)`);
      const known = knownMigrations();
      const pending = known.length - restored.migrations.length;
      if (pending > 0)
        write(
          `${pending} migration${pending === 1 ? '' : 's'} pending: applied by \`morning-post db migrate\` or the next start`,
        );
    });
}

function contextOf(command: Command): Context {
  return commandContext({ ...command.optsWithGlobals<GlobalOptions>(), quiet: true });
}

async function withStore<T>(context: Context, run: (store: KyselyStore) => Promise<T>): Promise<T> {
  const { config } = context;
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** Every migration this version has, none applied: what a store that does not exist yet would get. */
function knownMigrations(): MigrationStatus['migrations'] {
  return Object.keys(storeMigrations('sqlite'))
    .sort()
    .map((name) => ({ name, appliedAt: undefined }));
}

function describe(target: StoreTarget): string {
  return target.dialect === 'sqlite'
    ? `sqlite ${target.file}`
    : `postgres ${maskDatabaseUrl(target.connectionString)}`;
}

function parseSteps(raw: string): number {
  const steps = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(steps) || steps < 1)
    throw usage(`--steps must be a whole number of at least 1, got "${raw}".`);
  return steps;
}

function stamp(context: Context): string {
  return context.clock
    .now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} kB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function usage(message: string, hint?: string): MorningPostError {
  return new MorningPostError('CONFIG_INVALID', message, hint ? { hint } : {});
}
