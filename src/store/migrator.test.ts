/**
 * @module store/migrator.test
 * Status, migrate and rollback on SQLite always, and on Postgres when DATABASE_URL or
 * TEST_DATABASE_URL points at one (each test in its own schema, dropped afterwards).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MorningPostError } from '../core/errors.js';
import { fillStore, storeContents } from '../testing/store/filled-store.js';
import type { KyselyStore } from './kysely-store.js';
import { storeMigrations } from './migrations/index.js';
import {
  applyMigrations,
  type MigrationStatus,
  migrationStatus,
  rollbackMigrations,
  type rollbackPlan,
} from './migrator.js';
import { createPostgresStore } from './postgres/index.js';
import { createSqliteStore } from './sqlite/index.js';

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
if (!postgresUrl)
  process.stderr.write(
    'Postgres migrator tests skipped: set DATABASE_URL or TEST_DATABASE_URL to postgres://…\n',
  );

const NAMES = Object.keys(storeMigrations('sqlite')).sort();
const LAST = NAMES[NAMES.length - 1] ?? '';

interface Harness {
  store: KyselyStore;
  dispose(): Promise<void>;
}

let counter = 0;
const harnesses: Record<'sqlite' | 'postgres', () => Harness> = {
  sqlite: () => {
    const store = createSqliteStore({ file: join(mkdtempSync(join(tmpdir(), 'mp-migrator-')), 'store.db') });
    return { store, dispose: () => store.close() };
  },
  postgres: () => {
    counter += 1;
    const schema = `mp_migrator_${process.pid}_${Date.now().toString(36)}_${counter}`;
    const store = createPostgresStore({ connectionString: postgresUrl ?? '', schema, maxConnections: 2 });
    return {
      store,
      dispose: async () => {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
        await store.close();
      },
    };
  },
};

const applied = (status: MigrationStatus) =>
  status.migrations.filter((m) => m.appliedAt !== undefined).map((m) => m.name);

/** Our tables with their columns and types, sorted: what a migration changes. */
async function shape(store: KyselyStore): Promise<string[]> {
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  return (await store.db.introspection.getTables())
    .filter((t) => (schema === undefined || t.schema === schema) && !t.name.startsWith('kysely_'))
    .map((t) => {
      const columns = t.columns.map((c) => `${c.name} ${c.dataType}${c.isNullable ? '?' : ''}`).sort();
      return `${t.name}(${columns.join(', ')})`;
    })
    .sort();
}

async function rejection(promise: Promise<unknown>): Promise<MorningPostError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MorningPostError);
  return error as MorningPostError;
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !postgresUrl)(`migrations on ${dialect}`, () => {
    it('reports every migration pending on a new database, applies them in order, then none', async () => {
      const { store, dispose } = harnesses[dialect]();
      try {
        const before = await migrationStatus(store);
        expect(before).toEqual({
          migrations: NAMES.map((name) => ({ name, appliedAt: undefined })),
          unknown: [],
        });
        expect(await applyMigrations(store)).toEqual(NAMES);
        const after = await migrationStatus(store);
        expect(applied(after)).toEqual(NAMES);
        for (const m of after.migrations) expect(m.appliedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
        expect(await applyMigrations(store)).toEqual([]);
        // store.migrate() and `db migrate` keep the same books.
        await store.migrate();
        expect(await migrationStatus(store)).toEqual(after);
      } finally {
        await dispose();
      }
    });

    it('rolls back one, --steps N, or --to a name, each down() undoing its up(); migrating again restores all', async () => {
      const { store, dispose } = harnesses[dialect]();
      try {
        // The shape (tables, columns and types) after each number of migrations, one up() at a time.
        const migrator = await store.migrator();
        const shapes = [await shape(store)];
        for (const name of NAMES) {
          const { error, results } = await migrator.migrateUp();
          expect(error).toBeUndefined();
          expect(results?.map((r) => r.migrationName)).toEqual([name]);
          shapes.push(await shape(store));
        }
        const after = (count: number) => shapes[count];
        const n = NAMES.length;
        expect(after(0)).toEqual([]);
        expect(after(n)).toEqual(expect.arrayContaining([expect.stringMatching(/^subscribers\(/)]));

        expect(await rollbackMigrations(store, {})).toEqual([LAST]);
        expect(applied(await migrationStatus(store))).toEqual(NAMES.slice(0, -1));
        expect(await shape(store)).toEqual(after(n - 1));

        expect(await rollbackMigrations(store, { steps: 2 })).toEqual(NAMES.slice(-3, -1).reverse());
        expect(applied(await migrationStatus(store))).toEqual(NAMES.slice(0, -3));
        expect(await shape(store)).toEqual(after(n - 3));

        expect(await applyMigrations(store)).toEqual(NAMES.slice(-3));
        expect(await shape(store)).toEqual(after(n));

        expect(await rollbackMigrations(store, { to: NAMES[0] })).toEqual(NAMES.slice(1).reverse());
        expect(await shape(store)).toEqual(after(1));
        expect(after(1)?.map((table) => table.split('(')[0])).toEqual([
          'authors',
          'items',
          'observations',
          'snapshots',
        ]);
        expect(await rollbackMigrations(store, { to: NAMES[0] })).toEqual([]);

        expect(await rollbackMigrations(store, { steps: 1 })).toEqual([NAMES[0]]);
        expect(await shape(store)).toEqual([]);

        // A store rolled all the way back and migrated again works as new.
        await store.migrate();
        expect(await shape(store)).toEqual(after(n));
        await fillStore(store, 20);
        const contents = await storeContents(store);
        expect(contents.editions).toHaveLength(2);
        expect(contents.subscribers).toHaveLength(3);
      } finally {
        await dispose();
      }
    });

    it('refuses a rollback that does not fit, before touching anything', async () => {
      const { store, dispose } = harnesses[dialect]();
      try {
        await store.migrate();
        await rollbackMigrations(store, { steps: 1 });
        const status = await migrationStatus(store);
        const cases: Array<[Parameters<typeof rollbackPlan>[1], string]> = [
          [{ to: 'nope' }, `--to nope: no such migration; known: ${NAMES.join(', ')}.`],
          [
            { to: LAST },
            `--to ${LAST}: that migration is not applied, so there is nothing after it to roll back.`,
          ],
          [
            { steps: NAMES.length },
            `--steps ${NAMES.length}: only ${NAMES.length - 1} migrations are applied.`,
          ],
          [{ steps: 0 }, '--steps must be a whole number of at least 1.'],
          [{ to: NAMES[0], steps: 1 }, 'Give --to NAME or --steps N, not both.'],
        ];
        for (const [target, message] of cases) {
          const error = await rejection(rollbackMigrations(store, target));
          expect(error.code).toBe('CONFIG_INVALID');
          expect(error.message).toBe(message);
        }
        expect(await migrationStatus(store)).toEqual(status);
      } finally {
        await dispose();
      }
    });

    it('names migrations a newer version applied, and will not roll back past them', async () => {
      const { store, dispose } = harnesses[dialect]();
      try {
        await store.migrate();
        await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2027-01-01T00:00:00.000Z')`.execute(
          store.db,
        );
        const status = await migrationStatus(store);
        expect(status.unknown).toEqual(['9999-from-the-future']);
        expect(applied(status)).toEqual(NAMES);
        const error = await rejection(rollbackMigrations(store, {}));
        expect(error.message).toBe(
          'The database has migrations this version does not know (9999-from-the-future).',
        );
        expect(applied(await migrationStatus(store))).toEqual(NAMES);
      } finally {
        await dispose();
      }
    });
  });
}
