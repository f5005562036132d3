/**
 * @module delivery/email/deliver
 * Emails a published edition to every confirmed subscriber in this process, through the delivery
 * log and the same queued batches the `worker` command works (batches.ts), with an in-process
 * queue: plan one row per subscriber, queue the unfinished rows in batches, send each batch with as
 * many SMTP connections as the pool has, and return when every batch is done.
 * Re-running after a crash or a partial run sends only what is not yet `sent` (see send-row.ts for
 * the exactly-once argument). Runs for one edition must not overlap: the daily job's lock (or the
 * operator) keeps a second process away.
 */
import type { EmailSettings } from '../../config/schema.js';
import type { Clock } from '../../core/clock.js';
import type { Edition } from '../../core/edition.js';
import { describeError, MorningPostError } from '../../core/errors.js';
import type { WeeklyEdition } from '../../core/weekly.js';
import type { Logger } from '../../lib/logger.js';
import type { Metrics } from '../../lib/metrics/metrics.js';
import { createInProcessQueue } from '../../queue/in-process.js';
import { waitForJobs } from '../../queue/index.js';
import { EMAIL_BATCH } from '../../queue/jobs.js';
import type { DeliveryProgress, DeliverySummary } from '../channel.js';
import { type BatchWorkerOptions, emailBatchHandler, enqueueEditionEmail } from './batches.js';
import { senderAddress } from './message.js';
import { domainPacer } from './pacing.js';
import type { LetterRenderer } from './render-once.js';
import {
  CADENCE_OF,
  type EditionEmailRenderer,
  type EmailChannel,
  type EmailDeliveryStore,
  type Sleep,
} from './send-row.js';
import { createMailTransport, type MailTransport } from './transport.js';

export interface DeliverEmailOptions {
  store: EmailDeliveryStore;
  edition: Edition;
  settings: EmailSettings;
  /** The public site address: links, the unsubscribe URL and the Message-ID's host. */
  baseUrl: string;
  clock: Clock;
  log: Logger;
  /** Injected in tests; otherwise a pooled transport from `settings`, closed at the end. */
  transport?: MailTransport;
  render?: EditionEmailRenderer;
  /** Counts what would be sent; writes nothing and connects to nothing. */
  dryRun?: boolean;
  onProgress?: DeliveryProgress;
  /** Stops taking new rows; messages already handed to the server finish and are recorded. */
  signal?: AbortSignal;
  /** Waits between retries; the clock's sleep by default. */
  sleep?: Sleep;
  random?: () => number;
  /** Sent, failed, bounced, skipped, in doubt and retried, counted as they happen (inside `serve`). */
  metrics?: Metrics;
  /** Rows per batch (queue.batchSize); 500 by default. */
  batchSize?: number;
}

const DEFAULT_BATCH = 500;

/** What one run sends: the day, the channel, and how the batch handler gets the thing to render. */
interface Letter {
  date: string;
  channel: EmailChannel;
  handler: Pick<BatchWorkerOptions, 'edition' | 'weekly' | 'render' | 'renderWeekly'>;
}

export type DeliverWeeklyOptions = Omit<DeliverEmailOptions, 'edition' | 'render'> & {
  weekly: WeeklyEdition;
  render?: LetterRenderer<WeeklyEdition>;
};

/**
 * Emails the weekly edition (the week ending `weekly.date`) to every confirmed weekly reader,
 * through the same log, batches and exactly-once rows as the daily edition, on its own channel.
 */
export async function deliverWeeklyByEmail(options: DeliverWeeklyOptions): Promise<DeliverySummary> {
  const { weekly } = options;
  const letter: Letter = {
    date: weekly.date,
    channel: 'email-weekly',
    handler: {
      edition: () => Promise.reject(new Error('a weekly run sends no daily edition')),
      weekly: async () => weekly,
      ...(options.render ? { renderWeekly: options.render } : {}),
    },
  };
  return run(options, letter);
}

export async function deliverEditionByEmail(options: DeliverEmailOptions): Promise<DeliverySummary> {
  const { edition } = options;
  if (edition.status !== 'published') {
    throw new MorningPostError(
      'NO_DATA',
      `The edition of ${edition.date} is a draft; only published editions are emailed.`,
      {
        hint: 'Publish the edition first, then deliver it.',
      },
    );
  }
  return run(options, {
    date: edition.date,
    channel: 'email',
    handler: {
      edition: async () => edition,
      ...(options.render ? { render: options.render } : {}),
    },
  });
}

type RunOptions = Omit<DeliverEmailOptions, 'edition' | 'render'>;

async function run(options: RunOptions, letter: Letter): Promise<DeliverySummary> {
  senderAddress(options.settings);
  if (options.dryRun) return dryRun(options, letter);
  // Made before anything is written, so a missing SMTP_URL is reported with nothing planned.
  const transport = options.transport ?? createMailTransport(options.settings);
  try {
    return await deliver(options, letter, transport);
  } finally {
    if (!options.transport) transport.close();
  }
}

async function deliver(
  options: RunOptions,
  letter: Letter,
  transport: MailTransport,
): Promise<DeliverySummary> {
  const { store, settings, log } = options;
  const { date, channel } = letter;
  // The same path as the workers (batches.ts), through a queue in this process: plan by keyset
  // pages, queue the batches, work them here one after another, wait until none is left.
  const queue = createInProcessQueue();
  await queue.define(EMAIL_BATCH, {
    retryLimit: 0,
    retryDelaySeconds: 1,
    retryBackoff: false,
    expireInSeconds: 7 * 24 * 3600,
  });
  try {
    const queued = await enqueueEditionEmail({
      store,
      queue,
      editionDate: date,
      channel,
      batchSize: options.batchSize ?? DEFAULT_BATCH,
      at: options.clock.now().toISOString(),
    });
    const { counts } = queued;
    const summary: DeliverySummary = {
      channel,
      editionDate: date,
      planned: Object.values(counts).reduce((sum, n) => sum + n, 0),
      sent: 0,
      skipped: 0,
      failed: 0,
      retried: 0,
      alreadySent: counts.sent,
    };
    log.info('email delivery', { edition: date, channel, planned: summary.planned, toSend: queued.rows });
    if (queued.rows === 0) return summary;
    const shared: { halted?: unknown; done: number; total: number } = { done: 0, total: queued.rows };
    await queue.work(
      EMAIL_BATCH,
      { concurrency: 1 },
      emailBatchHandler({
        store,
        settings,
        baseUrl: options.baseUrl,
        clock: options.clock,
        log,
        transport,
        ...letter.handler,
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.random ? { random: options.random } : {}),
        ...(options.metrics ? { metrics: options.metrics } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        pace: domainPacer(settings.perDomainRate, options.clock),
        summary: () => summary,
        shared,
      }),
    );
    await waitForJobs(queue, EMAIL_BATCH, { editionDate: date, channel });
    log.info('email delivery finished', { ...summary });
    if (shared.halted !== undefined) {
      log.error('email delivery stopped', { edition: date, error: describeError(shared.halted) });
      throw shared.halted;
    }
    return summary;
  } finally {
    await queue.stop({ timeoutMs: 1000 });
  }
}

async function dryRun(options: RunOptions, letter: Letter): Promise<DeliverySummary> {
  const { store } = options;
  const { date, channel } = letter;
  const confirmed = await store.subscribers.list({ status: 'confirmed', cadence: CADENCE_OF[channel] });
  const existing = await store.deliveries.list({ editionDate: date, channel });
  const known = new Set(existing.map((row) => row.recipient));
  const fresh = confirmed.filter((s) => !known.has(`subscriber:${s.id}`));
  const waiting = existing.filter((row) => row.status === 'pending' || row.status === 'sending');
  const total = waiting.length + fresh.length;
  let done = 0;
  for (const recipient of [
    ...waiting.map((row) => row.recipient),
    ...fresh.map((s) => `subscriber:${s.id}`),
  ]) {
    options.onProgress?.({ done: ++done, total, recipient, status: 'would send' });
  }
  options.log.info('email delivery (dry run)', { edition: date, channel, wouldSend: total });
  return {
    channel,
    editionDate: date,
    planned: existing.length + fresh.length,
    sent: 0,
    skipped: 0,
    failed: 0,
    retried: 0,
    alreadySent: existing.filter((row) => row.status === 'sent').length,
  };
}
