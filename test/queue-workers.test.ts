/**
 * Issue 12's "done when" for delivery through the queue, with the real CLI: Postgres, three
 * `morning-post worker` processes, a real SMTP server and 20,000 confirmed subscribers; one worker
 * is SIGKILLed three times while it sends (and restarted each time). Every subscriber ends with
 * exactly one `sent` row whose Message-ID is the fixed one for the edition and subscriber, and the
 * server received that Message-ID for them; copies received twice (rows in doubt at a kill) are
 * counted and must not exceed kills × messages in flight per worker (concurrency × SMTP pool).
 * Then SIGTERM stops the workers cleanly (exit 0, nothing left `sending`).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueSettingsSchema } from '../src/config/schema.js';
import { enqueueEditionEmail } from '../src/delivery/email/batches.js';
import { editionMessageId } from '../src/delivery/email/message.js';
import { silentLogger } from '../src/lib/logger.js';
import { batchPolicy, EMAIL_BATCH } from '../src/queue/jobs.js';
import { createPgBossQueue } from '../src/queue/pg-boss.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { CLI_ARGS, cliEnv } from '../src/testing/cli/run.js';
import { generatedEdition } from '../src/testing/editions/editions.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/email/smtp-server.js';
import { scratchDatabase } from '../src/testing/store/scratch-database.js';

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
if (!postgresUrl)
  process.stderr.write('Queue worker tests skipped: set DATABASE_URL or TEST_DATABASE_URL to postgres://…\n');

const DATE = '2025-06-15';
const BASE_URL = 'https://post.example.org';
const SUBSCRIBERS = Number(process.env.MP_QUEUE_TEST_SUBSCRIBERS ?? 20_000);
const KILLS = 3;
/** Small batches: each is done well inside half its timeout even on a loaded machine. */
const BATCH = 100;
const CONCURRENCY = 2;
const POOL = 5;
const QUEUE_SCHEMA = 'mp_jobs';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgresUrl)('email through the queue with three workers on Postgres', () => {
  let db: { url: string; drop: () => Promise<void> };
  let store: KyselyStore;
  let smtp: TestSmtpServer;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    db = await scratchDatabase(postgresUrl ?? '', 'queue');
    store = createPostgresStore({ connectionString: db.url, maxConnections: 4 });
    await store.migrate();
    // 20,000 confirmed subscribers in one statement.
    await sql`
      insert into subscribers (email, status, consent_at, consent_source, created_at, confirmed_at, bounce_count, updated_at)
      select 'reader' || g || '@example.org', 'confirmed', '2025-06-01T00:00:00.000Z', 'test',
             '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', 0, '2025-06-01T00:00:00.000Z'
      from generate_series(1, ${SUBSCRIBERS}) as g`.execute(store.db);
    const edition = generatedEdition(DATE);
    await store.saveEdition(
      { date: edition.date, plan: edition.plan, text: edition.text, meta: edition.meta },
      `${DATE}T06:30:00.000Z`,
      { publish: true },
    );
    smtp = await startTestSmtpServer({ envelopesOnly: true });
  }, 120_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await smtp?.close();
    await store?.close();
    await db?.drop();
  });

  it('sends every subscriber one Message-ID though a worker is killed three times', {
    timeout: 900_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-queue-workers-'));
    const env = {
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'The AI Morning Post <post@example.org>',
      MORNING_POST_URL: BASE_URL,
      MORNING_POST_SMTP_POOL: String(POOL),
      MORNING_POST_QUEUE_SCHEMA: QUEUE_SCHEMA,
      // A batch whose worker died is taken up again after 30 s (maintenance every 6 s).
      MORNING_POST_QUEUE_TIMEOUT: '30',
      LOG_LEVEL: 'warn',
    };
    const logs: string[] = [];
    const startWorker = async () => {
      const child = spawn(process.execPath, [...CLI_ARGS, 'worker', '--concurrency', String(CONCURRENCY)], {
        cwd: dir,
        env: cliEnv(dir, env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let output = '';
      const ready = new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('ready')) resolve();
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => {
          children.delete(child);
          logs.push(output);
          reject(new Error(`worker exited ${code} before ready:\n${output}`));
        });
      });
      await ready;
      const exited = new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
      });
      return { child, exited, output: () => output };
    };

    // The daily job's part, done here: plan the log by pages and queue the batches.
    const queue = await createPgBossQueue({
      connectionString: db.url,
      schema: QUEUE_SCHEMA,
      maintenanceSeconds: 6,
      retentionSeconds: 3600,
      log: silentLogger,
    });
    await queue.define(EMAIL_BATCH, batchPolicy(QueueSettingsSchema.parse({ batchTimeoutSeconds: 30 })));
    const queued = await enqueueEditionEmail({
      store,
      queue,
      editionDate: DATE,
      batchSize: BATCH,
      at: new Date().toISOString(),
    });
    expect(queued).toMatchObject({
      batches: Math.ceil(SUBSCRIBERS / BATCH),
      rows: SUBSCRIBERS,
      alreadyQueued: 0,
    });
    // Queuing again while the batches wait adds none.
    expect(
      (
        await enqueueEditionEmail({
          store,
          queue,
          editionDate: DATE,
          batchSize: BATCH,
          at: new Date().toISOString(),
        })
      ).batches,
    ).toBe(0);

    const workers = await Promise.all([startWorker(), startWorker(), startWorker()]);
    const sentRows = async () => (await store.deliveries.counts(DATE, 'email')).sent;
    // A run that drags says where it is once a minute, so a timeout in CI can be read.
    const started = Date.now();
    let lastNote = started;
    const note = async (stage: string) => {
      if (Date.now() - lastNote < 60_000 && !process.env.MP_QUEUE_TEST_DEBUG) return;
      lastNote = Date.now();
      const jobs = await queue.counts(EMAIL_BATCH);
      process.stderr.write(
        `queue workers, ${Math.round((Date.now() - started) / 1000)} s, ${stage}: server accepted ${smtp.accepted}, jobs ${JSON.stringify(jobs)}\n`,
      );
    };
    for (let kill = 1; kill <= KILLS; kill++) {
      // Killed while it sends: the store shows rows in flight and the server keeps receiving.
      const target = (kill * SUBSCRIBERS) / (KILLS + 2);
      while (smtp.accepted < target) {
        await note(`before kill ${kill}`);
        await pause(50);
      }
      const victim = workers[0];
      if (!victim) throw new Error('no worker');
      victim.child.kill('SIGKILL');
      await victim.exited;
      workers[0] = await startWorker();
    }
    const deadline = Date.now() + 600_000;
    while ((await sentRows()) < SUBSCRIBERS && Date.now() < deadline) {
      await note('after the kills');
      await pause(500);
    }

    const counts = await store.deliveries.counts(DATE, 'email');
    expect(counts).toMatchObject({ sent: SUBSCRIBERS, pending: 0, sending: 0, failed: 0, skipped: 0 });
    // Every batch completed, none left for a retry.
    const jobs = await queue.counts(EMAIL_BATCH, { editionDate: DATE });
    expect(jobs.created + jobs.retry + jobs.active + jobs.failed).toBe(0);

    // SIGTERM: each worker stops cleanly.
    for (const worker of workers) worker.child.kill('SIGTERM');
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.output()).join('\n')).toEqual([0, 0, 0]);
    await queue.stop({ timeoutMs: 1000 });

    // The log: one row per subscriber, each with its fixed Message-ID, all distinct.
    const rows = await store.deliveries.list({ editionDate: DATE, channel: 'email' });
    expect(rows).toHaveLength(SUBSCRIBERS);
    const expected = new Map<string, string>(); // address → Message-ID
    for (const row of rows) {
      expect(row.messageId).toBe(editionMessageId(DATE, row.subscriberId ?? 0, BASE_URL));
      expected.set(`reader${row.subscriberId}@example.org`, row.messageId ?? '');
    }
    expect(new Set(rows.map((row) => row.messageId)).size).toBe(SUBSCRIBERS);

    // What the server received: every address its own Message-ID, some (in doubt at a kill) twice.
    const copies = new Map<string, number>();
    for (const envelope of smtp.envelopes) {
      expect(envelope.to).toHaveLength(1);
      const address = envelope.to[0] as string;
      expect(envelope.messageId).toBe(expected.get(address));
      copies.set(address, (copies.get(address) ?? 0) + 1);
    }
    expect(copies.size).toBe(SUBSCRIBERS);
    const duplicates = smtp.envelopes.length - SUBSCRIBERS;
    const inFlight = CONCURRENCY * POOL;
    process.stderr.write(
      `queue workers: ${SUBSCRIBERS} subscribers, ${KILLS} kills, ${duplicates} copies received twice (bound ${KILLS * inFlight})\n`,
    );
    expect([...copies.values()].every((n) => n <= 2)).toBe(true);
    expect(duplicates).toBeLessThanOrEqual(KILLS * inFlight);
  });
});
