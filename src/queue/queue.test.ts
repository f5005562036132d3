/**
 * The queue engines against one conformance suite: the in-process queue always, pg-boss when
 * DATABASE_URL or TEST_DATABASE_URL points at Postgres (each test in a pg-boss schema of its own,
 * dropped afterwards).
 */
import pg from 'pg';
import { describe } from 'vitest';
import { silentLogger } from '../lib/logger.js';
import { createInProcessQueue } from './in-process.js';
import { createPgBossQueue } from './pg-boss.js';
import { queueCases } from './queue.case.js';

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
if (!postgresUrl)
  process.stderr.write(
    'pg-boss queue tests skipped: set DATABASE_URL or TEST_DATABASE_URL to postgres://…\n',
  );

queueCases('in-process', async () => {
  const queue = createInProcessQueue();
  return { queue, close: () => queue.stop({ timeoutMs: 1000 }) };
});

let counter = 0;
describe.skipIf(!postgresUrl)('pg-boss', () => {
  queueCases('pg-boss', async () => {
    counter += 1;
    const schema = `mp_boss_${process.pid}_${Date.now().toString(36)}_${counter}`;
    const connectionString = postgresUrl ?? '';
    const queue = await createPgBossQueue({
      connectionString,
      schema,
      maintenanceSeconds: 5,
      retentionSeconds: 60,
      log: silentLogger,
    });
    return {
      queue,
      close: async () => {
        await queue.stop({ timeoutMs: 1000 });
        const client = new pg.Client({ connectionString });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      },
    };
  });
});
