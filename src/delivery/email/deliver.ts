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
import type { Logger } from '../../lib/logger.js';
import type { Metrics } from '../../lib/metrics/metrics.js';
import { createInProcessQueue } from '../../queue/in-process.js';
import { waitForJobs } from '../../queue/index.js';
import { EMAIL_BATCH } from '../../queue/jobs.js';
import type { DeliveryProgress, DeliverySummary } from '../channel.js';
import { emailBatchHandler, enqueueEditionEmail } from './batches.js';
import { senderAddress } from './message.js';
import { domainPacer } from './pacing.js';
import type { EditionEmailRenderer, EmailDeliveryStore, Sleep } from './send-row.js';
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

const CHANNEL = 'email';

export async function deliverEditionByEmail(options: DeliverEmailOptions): Promise<DeliverySummary> {
  const { edition, settings } = options;
  if (edition.status !== 'published') {
    throw new MorningPostError(
      'NO_DATA',
      `The edition of ${edition.date} is a draft; only published editions are emailed.`,
      {
        hint: 'Publish the edition first, then deliver it.',
      },
    );
  }
  senderAddress(settings);
  if (options.dryRun) return dryRun(options);
  // Made before anything is written, so a missing SMTP_URL is reported with nothing planned.
  const transport = options.transport ?? createMailTransport(settings);
  try {
    return await deliver(options, transport);
  } finally {
    if (!options.transport) transport.close();
  }
}

async function deliver(options: DeliverEmailOptions, transport: MailTransport): Promise<DeliverySummary> {
  const { store, edition, settings, log } = options;
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
      editionDate: edition.date,
      batchSize: options.batchSize ?? DEFAULT_BATCH,
      at: options.clock.now().toISOString(),
    });
    const { counts } = queued;
    const summary: DeliverySummary = {
      channel: CHANNEL,
      editionDate: edition.date,
      planned: Object.values(counts).reduce((sum, n) => sum + n, 0),
      sent: 0,
      skipped: 0,
      failed: 0,
      retried: 0,
      alreadySent: counts.sent,
    };
    log.info('email delivery', { edition: edition.date, planned: summary.planned, toSend: queued.rows });
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
        edition: async () => edition,
        ...(options.render ? { render: options.render } : {}),
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
    await waitForJobs(queue, EMAIL_BATCH, { editionDate: edition.date });
    log.info('email delivery finished', { ...summary });
    if (shared.halted !== undefined) {
      log.error('email delivery stopped', { edition: edition.date, error: describeError(shared.halted) });
      throw shared.halted;
    }
    return summary;
  } finally {
    await queue.stop({ timeoutMs: 1000 });
  }
}

async function dryRun(options: DeliverEmailOptions): Promise<DeliverySummary> {
  const { store, edition } = options;
  const confirmed = await store.subscribers.list({ status: 'confirmed' });
  const existing = await store.deliveries.list({ editionDate: edition.date, channel: CHANNEL });
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
  options.log.info('email delivery (dry run)', { edition: edition.date, wouldSend: total });
  return {
    channel: CHANNEL,
    editionDate: edition.date,
    planned: existing.length + fresh.length,
    sent: 0,
    skipped: 0,
    failed: 0,
    retried: 0,
    alreadySent: existing.filter((row) => row.status === 'sent').length,
  };
}
