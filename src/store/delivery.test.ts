/**
 * @module store/delivery.test
 * Runs the delivery conformance suite on SQLite (memory and file) always, and on Postgres when
 * DATABASE_URL or TEST_DATABASE_URL points at one, each Postgres test in its own schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type DeliveryHarness, runDeliveryConformance } from './delivery.case.js';
import { createPostgresStore } from './postgres/index.js';
import { createSqliteStore } from './sqlite/index.js';

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
if (!postgresUrl) {
  process.stderr.write(
    'Postgres delivery store tests skipped: set DATABASE_URL or TEST_DATABASE_URL to postgres://…\n',
  );
}

runDeliveryConformance('sqlite :memory:', async () => {
  const store = createSqliteStore({ file: ':memory:' });
  return { store, dispose: () => store.close() };
});

runDeliveryConformance('sqlite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'morning-post-delivery-'));
  const file = join(dir, 'store.db');
  const store = createSqliteStore({ file });
  return {
    store,
    openSecond: () => createSqliteStore({ file }),
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

let schemaCounter = 0;
async function postgresHarness(url: string): Promise<DeliveryHarness> {
  schemaCounter += 1;
  const schema = `mp_delivery_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
  const store = createPostgresStore({ connectionString: url, schema, maxConnections: 4 });
  return {
    store,
    openSecond: () => createPostgresStore({ connectionString: url, schema, maxConnections: 4 }),
    dispose: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}

describe.skipIf(!postgresUrl)('postgres', () => {
  runDeliveryConformance('postgres', () => postgresHarness(postgresUrl ?? ''));
});

describe('delivery migration', () => {
  it('cascades token deletes and unlinks deliveries through foreign keys too', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    try {
      await store.migrate();
      const { subscriber } = await store.subscribers.upsertPending({
        email: 'fk@example.com',
        consentSource: 'cli',
        at: '2026-12-01T06:00:00.000Z',
      });
      await store.subscribers.saveToken({
        subscriberId: subscriber.id,
        purpose: 'confirm',
        tokenHash: 'h',
        expiresAt: null,
        at: '2026-12-01T06:00:00.000Z',
      });
      await store.deliveries.plan({
        editionDate: '2026-12-01',
        channel: 'email',
        recipients: [{ recipient: `subscriber:${subscriber.id}`, subscriberId: subscriber.id }],
        at: '2026-12-01T06:00:00.000Z',
      });
      // A delete that bypasses remove(): the schema alone must still not leave dangling links.
      await store.db.deleteFrom('subscribers').where('id', '=', subscriber.id).execute();
      expect(await store.db.selectFrom('subscriber_tokens').selectAll().execute()).toEqual([]);
      expect((await store.deliveries.list({}))[0]?.subscriberId).toBeNull();
    } finally {
      await store.close();
    }
  });
});
