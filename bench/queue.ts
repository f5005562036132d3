/**
 * @module bench/queue
 * Delivery through the job queue on Postgres (issue 12): emails per second with 1, 2 and 4 real
 * `morning-post worker` processes (pg-boss in a scratch database, the delivery log in the same
 * database) into one local SMTP server, beside plain pooled nodemailer to the same server; and the
 * peak RSS of planning and enqueueing an edition for 1,000,000 confirmed subscribers (keyset pages,
 * never the whole list in memory). Skipped, with the reason, when no Postgres is reachable.
 * `npx tsx bench/queue.ts`; BENCH_QUEUE_EMAILS (5000), BENCH_QUEUE_ENQUEUE (1000000),
 * BENCH_QUEUE_WORKERS (1,2,4), BENCH_QUEUE_BATCH (250), BENCH_DATABASE_URL (else TEST_DATABASE_URL,
 * DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { EmailSettingsSchema, QueueSettingsSchema } from '../src/config/schema.js';
import { enqueueEditionEmail } from '../src/delivery/email/batches.js';
import { editionMessage, editionMessageId } from '../src/delivery/email/message.js';
import { createMailTransport } from '../src/delivery/email/transport.js';
import { silentLogger } from '../src/lib/logger.js';
import { batchPolicy, EMAIL_BATCH } from '../src/queue/jobs.js';
import { createPgBossQueue } from '../src/queue/pg-boss.js';
import type { Queue } from '../src/queue/queue.js';
import { renderEditionEmail } from '../src/renderers/email/index.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { CLI_ARGS, cliEnv } from '../src/testing/cli/run.js';
import { generatedEdition } from '../src/testing/editions/editions.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/email/smtp-server.js';
import { scratchDatabase } from '../src/testing/store/scratch-database.js';

const BASE_URL = 'https://post.example.org';
const FROM = 'The AI Morning Post <post@example.org>';
const QUEUE_SCHEMA = 'mp_bench_jobs';
const CONCURRENCY = 2;
const POOL = 5;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface QueueBenchResult {
  skipped?: string;
  emails: number;
  batchSize: number;
  concurrency: number;
  poolSize: number;
  /** Workers → emails/s, from the batches being queued to the last row `sent`. */
  workers: { workers: number; perSecond: number; seconds: number }[];
  /** Plain pooled nodemailer, poolSize messages in flight, same server and message. */
  plainPerSecond: number;
  enqueue?: {
    subscribers: number;
    insertSeconds: number;
    enqueueSeconds: number;
    batches: number;
    baselineRssMb: number;
    peakRssMb: number;
  };
}

function postgresUrl(): string {
  return (
    [process.env.BENCH_DATABASE_URL, process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
      /^postgres(ql)?:\/\//.test(url ?? ''),
    ) ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

async function insertConfirmed(store: KyselyStore, count: number): Promise<void> {
  await sql`
    insert into subscribers (email, status, consent_at, consent_source, created_at, confirmed_at, bounce_count, updated_at)
    select 'reader' || g || '@example.org', 'confirmed', '2025-06-01T00:00:00.000Z', 'bench',
           '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', 0, '2025-06-01T00:00:00.000Z'
    from generate_series(1, ${count}) as g`.execute(store.db);
}

async function saveEdition(store: KyselyStore, date: string): Promise<void> {
  const edition = generatedEdition(date);
  await store.saveEdition(
    { date: edition.date, plan: edition.plan, text: edition.text, meta: edition.meta },
    `${date}T06:30:00.000Z`,
    { publish: true },
  );
}

/** Starts one `morning-post worker` process and resolves once it says it is ready. */
async function startWorker(dir: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...CLI_ARGS, 'worker', '--concurrency', String(CONCURRENCY)], {
    cwd: dir,
    env: cliEnv(dir, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) ready();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`worker exited ${code} before ready:\n${output}`)));
  });
  return child;
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function workerRuns(
  url: string,
  smtp: TestSmtpServer,
  emails: number,
  batchSize: number,
  counts: number[],
): Promise<QueueBenchResult['workers']> {
  const db = await scratchDatabase(url, 'bench_workers');
  const store = createPostgresStore({ connectionString: db.url, maxConnections: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-queue-'));
  let queue: Queue | undefined;
  const children: ChildProcess[] = [];
  try {
    await store.migrate();
    await insertConfirmed(store, emails);
    queue = await createPgBossQueue({
      connectionString: db.url,
      schema: QUEUE_SCHEMA,
      maintenanceSeconds: 60,
      retentionSeconds: 3600,
      log: silentLogger,
    });
    await queue.define(EMAIL_BATCH, batchPolicy(QueueSettingsSchema.parse({})));
    const env = {
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: FROM,
      MORNING_POST_URL: BASE_URL,
      MORNING_POST_SMTP_POOL: String(POOL),
      MORNING_POST_QUEUE_SCHEMA: QUEUE_SCHEMA,
      LOG_LEVEL: 'warn',
    };
    const results: QueueBenchResult['workers'] = [];
    for (const [i, workers] of counts.entries()) {
      // A new edition per run: its own delivery-log rows, the same subscribers.
      const date = `2025-06-${String(10 + i).padStart(2, '0')}`;
      await saveEdition(store, date);
      children.push(...(await Promise.all(Array.from({ length: workers }, () => startWorker(dir, env)))));
      const start = performance.now();
      await enqueueEditionEmail({ store, queue, editionDate: date, batchSize, at: new Date().toISOString() });
      const deadline = Date.now() + 30 * 60_000;
      while ((await store.deliveries.counts(date, 'email')).sent < emails) {
        if (Date.now() > deadline) throw new Error(`workers did not finish ${date} in 30 minutes`);
        await pause(50);
      }
      const seconds = (performance.now() - start) / 1000;
      results.push({
        workers,
        perSecond: Math.round(emails / seconds),
        seconds: Math.round(seconds * 10) / 10,
      });
      await stopWorkers(children.splice(0));
    }
    return results;
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await queue?.stop({ timeoutMs: 1000 });
    await store.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function plainPooled(smtp: TestSmtpServer, emails: number): Promise<number> {
  const settings = EmailSettingsSchema.parse({ smtpUrl: smtp.url, from: FROM, poolSize: POOL });
  const edition = generatedEdition('2025-06-09');
  const placeholder = `${BASE_URL}/unsubscribe?token=${'B'.repeat(43)}`;
  const rendered = renderEditionEmail(edition, { baseUrl: BASE_URL, unsubscribeUrl: placeholder });
  const transport = createMailTransport(settings);
  const start = performance.now();
  let next = 1;
  const loop = async () => {
    while (next <= emails) {
      const i = next++;
      await transport.sendMail(
        editionMessage({
          settings,
          baseUrl: BASE_URL,
          to: `reader${i}@example.org`,
          messageId: editionMessageId(edition.date, i, BASE_URL),
          unsubscribeUrl: placeholder,
          rendered,
          date: new Date(),
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: POOL }, loop));
  const seconds = (performance.now() - start) / 1000;
  transport.close();
  return Math.round(emails / seconds);
}

async function enqueueMillion(url: string, subscribers: number, batchSize: number) {
  const db = await scratchDatabase(url, 'bench_enqueue');
  const store = createPostgresStore({ connectionString: db.url, maxConnections: 4 });
  let queue: Queue | undefined;
  try {
    await store.migrate();
    const insertStart = performance.now();
    await insertConfirmed(store, subscribers);
    const insertSeconds = (performance.now() - insertStart) / 1000;
    const date = '2025-06-20';
    await saveEdition(store, date);
    queue = await createPgBossQueue({
      connectionString: db.url,
      schema: QUEUE_SCHEMA,
      maintenanceSeconds: 60,
      retentionSeconds: 3600,
      log: silentLogger,
    });
    await queue.define(EMAIL_BATCH, batchPolicy(QueueSettingsSchema.parse({})));
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const start = performance.now();
    const result = await enqueueEditionEmail({
      store,
      queue,
      editionDate: date,
      batchSize,
      at: new Date().toISOString(),
    });
    const enqueueSeconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (result.rows !== subscribers) throw new Error(`queued ${result.rows} of ${subscribers} rows`);
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    return {
      subscribers,
      insertSeconds: Math.round(insertSeconds * 10) / 10,
      enqueueSeconds: Math.round(enqueueSeconds * 10) / 10,
      batches: result.batches,
      baselineRssMb: mb(baseline),
      peakRssMb: mb(peak),
    };
  } finally {
    await queue?.stop({ timeoutMs: 1000 });
    await store.close();
    await db.drop();
  }
}

/** The enqueue in a fresh process, so its RSS is the enqueue's, not what ran before it. */
async function enqueueInChild(url: string, subscribers: number): Promise<QueueBenchResult['enqueue']> {
  const loader = CLI_ARGS.slice(0, 2);
  const child = spawn(
    process.execPath,
    ['--expose-gc', ...loader, fileURLToPath(import.meta.url), '--enqueue-only', String(subscribers)],
    { env: { ...process.env, BENCH_DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`enqueue benchmark exited ${code}: ${output}`);
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}');
}

export async function queueBenchmark(
  options: { emails?: number; enqueue?: number; workers?: number[]; batchSize?: number } = {},
): Promise<QueueBenchResult> {
  const emails = options.emails ?? Number(process.env.BENCH_QUEUE_EMAILS ?? 5000);
  const enqueue = options.enqueue ?? Number(process.env.BENCH_QUEUE_ENQUEUE ?? 1_000_000);
  const workers = options.workers ?? (process.env.BENCH_QUEUE_WORKERS ?? '1,2,4').split(',').map(Number);
  const batchSize = options.batchSize ?? Number(process.env.BENCH_QUEUE_BATCH ?? 250);
  const base = {
    emails,
    batchSize,
    concurrency: CONCURRENCY,
    poolSize: POOL,
    workers: [],
    plainPerSecond: 0,
  };
  const url = postgresUrl();
  try {
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await probe.connect();
    await probe.end();
  } catch (error) {
    const reason = `Postgres unreachable at ${new URL(url).host} (${(error as Error).message}); set BENCH_DATABASE_URL`;
    return { ...base, skipped: reason };
  }
  const smtp = await startTestSmtpServer({ envelopesOnly: true });
  try {
    const plainPerSecond = await plainPooled(smtp, emails);
    const runs = await workerRuns(url, smtp, emails, batchSize, workers);
    const enqueued = enqueue > 0 ? await enqueueInChild(url, enqueue) : undefined;
    return { ...base, workers: runs, plainPerSecond, ...(enqueued ? { enqueue: enqueued } : {}) };
  } finally {
    await smtp.close();
  }
}

export function formatQueueBench(result: QueueBenchResult): string {
  if (result.skipped) return `queue benchmark: skipped (${result.skipped})`;
  const lines = [
    `${result.emails} emails, batches of ${result.batchSize}, --concurrency ${result.concurrency}, SMTP pool ${result.poolSize} per worker process`,
  ];
  for (const run of result.workers)
    lines.push(
      `${String(run.workers).padStart(2)} worker${run.workers === 1 ? ' ' : 's'} (pg-boss, delivery log)   ${String(run.perSecond).padStart(6)} emails/s  (${run.seconds} s)`,
    );
  lines.push(
    `plain pooled nodemailer (${result.poolSize} in flight)  ${String(result.plainPerSecond).padStart(6)} emails/s`,
  );
  const e = result.enqueue;
  if (e)
    lines.push(
      `enqueue ${e.subscribers.toLocaleString('en')} subscribers: insert ${e.insertSeconds} s, plan + queue ${e.enqueueSeconds} s (${e.batches} batches of 500), RSS ${e.baselineRssMb} MB before, peak ${e.peakRssMb} MB`,
    );
  return lines.join('\n');
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href &&
  process.argv[2] === '--enqueue-only'
) {
  enqueueMillion(postgresUrl(), Number(process.argv[3] ?? 1_000_000), 500).then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
} else if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  queueBenchmark().then(
    (result) => console.log(formatQueueBench(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
