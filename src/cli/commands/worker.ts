/**
 * @module cli/commands/worker
 * `morning-post worker [--concurrency N]`: claims jobs from the shared queue (pg-boss on the
 * Postgres store) and does them: an edition's email batches, through the delivery log (a row
 * goes `sending` before its SMTP attempt and `sent` after, so a batch retried after a worker died
 * resends only its in-doubt rows), and confirmation emails. Run any number, on any number of
 * machines. SIGTERM (or Ctrl-C) stops claiming, lets messages in flight finish and be recorded,
 * and hands unfinished batches back to the queue.
 */
import type { Command } from 'commander';
import { MorningPostError } from '../../core/errors.js';
import { emailBatchHandler } from '../../delivery/email/batches.js';
import { confirmationHandler } from '../../delivery/email/confirm-job.js';
import { domainPacer } from '../../delivery/email/pacing.js';
import { createMailTransport } from '../../delivery/email/transport.js';
import { loadEdition } from '../../pipeline/deliver.js';
import { loadWeeklyEdition } from '../../pipeline/weekly.js';
import { openQueue } from '../../queue/index.js';
import { CONFIRMATION_EMAIL, EMAIL_BATCH } from '../../queue/jobs.js';
import { openStore } from '../../store/index.js';
import { commandContext, type GlobalOptions } from '../context.js';

interface WorkerFlags {
  concurrency?: string;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('send queued email batches and confirmation emails (Postgres; run as many as you like)')
    .option('--concurrency <n>', 'jobs handled at once (default: queue.concurrency, 2)')
    .action(async (flags: WorkerFlags, command: Command) => {
      await runWorker(flags, command.optsWithGlobals<GlobalOptions>());
    });
}

function parseConcurrency(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new MorningPostError(
      'CONFIG_INVALID',
      `--concurrency must be a whole number from 1 to 64, got "${raw}".`,
    );
  return n;
}

async function runWorker(flags: WorkerFlags, globals: GlobalOptions): Promise<void> {
  const { config, clock, log } = commandContext(globals);
  const concurrency = parseConcurrency(flags.concurrency, config.queue.concurrency);
  if (!config.databaseUrl?.startsWith('postgres')) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      'A worker needs the shared queue, which lives in Postgres.',
      {
        hint: 'Set DATABASE_URL=postgres://…; with SQLite, serve and deliver send in their own process.',
      },
    );
  }
  // Before anything opens: without SMTP_URL there is nothing a worker could send.
  const transport = createMailTransport(config.email);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const shutdown = new AbortController();
  try {
    await store.migrate();
    const queue = await openQueue(config, log);
    const common = { store, settings: config.email, baseUrl: config.site.url, clock, log, transport };
    await queue.work(
      EMAIL_BATCH,
      { concurrency },
      emailBatchHandler({
        ...common,
        edition: (date) => loadEdition(store, date),
        weekly: (date) => loadWeeklyEdition(store, date),
        pace: domainPacer(config.email.perDomainRate, clock),
        signal: shutdown.signal,
      }),
    );
    await queue.work(CONFIRMATION_EMAIL, { concurrency }, confirmationHandler(common));
    process.stdout.write(
      `Worker ${process.pid} ready: ${concurrency} at once, queue schema ${config.queue.schema}; SIGTERM stops.\n`,
    );
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    log.info('worker stopping: finishing messages in flight', { signal });
    shutdown.abort();
    // Batches stop taking rows, record what is in flight, and go back to the queue for a retry.
    await queue.stop({ timeoutMs: 60_000 });
    log.info('worker stopped');
  } finally {
    transport.close();
    await store.close();
  }
}
