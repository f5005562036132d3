/**
 * @module store/migrator
 * What `morning-post db status|migrate|rollback` reads and does: each migration of this version,
 * applied or pending; the pending ones applied; the newest ones rolled back. It goes through
 * Kysely's migrator, so the bookkeeping (the `kysely_migration` table and its lock) is the one
 * `store.migrate()` keeps on every start.
 */
import { type MigrationResultSet, NO_MIGRATIONS, sql } from 'kysely';
import { MorningPostError } from '../core/errors.js';
import { type KyselyStore, storeError } from './kysely-store.js';

export interface MigrationState {
  name: string;
  /** When it was applied (ISO 8601); undefined while pending. */
  appliedAt: string | undefined;
}

export interface MigrationStatus {
  /** Every migration this version knows, in the order they apply. */
  migrations: MigrationState[];
  /** Applied in the database but unknown to this version: a newer release wrote them. */
  unknown: string[];
}

export interface RollbackTarget {
  /** Keep this migration and every one before it; roll back the ones after it. */
  to?: string | undefined;
  /** Roll back this many of the newest applied migrations (1 when neither is given). */
  steps?: number | undefined;
}

export async function migrationStatus(store: KyselyStore): Promise<MigrationStatus> {
  const migrator = await store.migrator();
  const known = await guard('read the migrations', () => migrator.getMigrations());
  const applied = await guard('read the applied migrations', () => appliedNames(store));
  const names = new Set(known.map((migration) => migration.name));
  return {
    migrations: known.map((migration) => ({
      name: migration.name,
      appliedAt: migration.executedAt?.toISOString(),
    })),
    unknown: applied.filter((name) => !names.has(name)),
  };
}

/** Applies every pending migration; returns the names applied, in order. */
export async function applyMigrations(store: KyselyStore): Promise<string[]> {
  const migrator = await store.migrator();
  return ran('Migration', await migrator.migrateToLatest());
}

/**
 * Which applied migrations a rollback would undo, newest first. A target that does not fit the
 * database (an unknown or pending name, more steps than applied, both options) is a usage error.
 */
export function rollbackPlan(status: MigrationStatus, target: RollbackTarget): string[] {
  if (status.unknown.length > 0)
    throw new MorningPostError(
      'STORE_FAILED',
      `The database has migrations this version does not know (${status.unknown.join(', ')}).`,
      { hint: 'Roll back with the newer morning-post that applied them.' },
    );
  const applied = status.migrations.filter((m) => m.appliedAt !== undefined).map((m) => m.name);
  if (target.to !== undefined && target.steps !== undefined)
    throw usage('Give --to NAME or --steps N, not both.');
  if (target.to !== undefined) {
    const index = applied.indexOf(target.to);
    if (index === -1) {
      const known = status.migrations.some((m) => m.name === target.to);
      throw usage(
        known
          ? `--to ${target.to}: that migration is not applied, so there is nothing after it to roll back.`
          : `--to ${target.to}: no such migration; known: ${status.migrations.map((m) => m.name).join(', ')}.`,
      );
    }
    return applied.slice(index + 1).reverse();
  }
  const steps = target.steps ?? 1;
  if (!Number.isInteger(steps) || steps < 1) throw usage('--steps must be a whole number of at least 1.');
  if (steps > applied.length)
    throw usage(
      `--steps ${steps}: only ${applied.length} migration${applied.length === 1 ? ' is' : 's are'} applied.`,
    );
  return applied.slice(applied.length - steps).reverse();
}

/** Runs the `down()` of each migration `rollbackPlan` names; returns those rolled back, newest first. */
export async function rollbackMigrations(store: KyselyStore, target: RollbackTarget): Promise<string[]> {
  const status = await migrationStatus(store);
  const planned = rollbackPlan(status, target);
  if (planned.length === 0) return [];
  const applied = status.migrations.filter((m) => m.appliedAt !== undefined).map((m) => m.name);
  const keep = applied[applied.length - planned.length - 1];
  const migrator = await store.migrator();
  return ran('Rollback of', await migrator.migrateTo(keep ?? NO_MIGRATIONS));
}

function ran(what: string, { error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new MorningPostError(
      'STORE_FAILED',
      `${what} ${failed ?? '(setup)'} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names in the bookkeeping table; none when it does not exist yet (a new database). */
async function appliedNames(store: KyselyStore): Promise<string[]> {
  const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(store.db)).rows[0]
          ?.schema
      : undefined;
  const exists = tables.some(
    (table) => table.name === 'kysely_migration' && (schema === undefined || table.schema === schema),
  );
  if (!exists) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
  return rows.rows.map((row) => row.name);
}

async function guard<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw storeError(action, error);
  }
}

function usage(message: string): MorningPostError {
  return new MorningPostError('CONFIG_INVALID', message);
}
