/**
 * @module delivery/email/deliver
 * Emails a published edition to every confirmed subscriber, through the delivery log: plan one row
 * per subscriber, then work through the unfinished rows with as many workers as SMTP connections.
 * Re-running after a crash or a partial run sends only what is not yet `sent` (see send-row.ts for
 * the exactly-once argument). Runs for one edition must not overlap: the daily job's lock (or the
 * operator) keeps a second process away.
 */
import type { EmailSettings } from '../../config/schema.js';
import type { Clock } from '../../core/clock.js';
import type { Edition } from '../../core/edition.js';
import { describeError, MorningPostError } from '../../core/errors.js';
import type { Logger } from '../../lib/logger.js';
import { type Metrics, noopMetrics } from '../../lib/metrics/metrics.js';
import { renderEditionEmail } from '../../renderers/email/index.js';
import type { DeliveryRecord } from '../../store/delivery-contract.js';
import type { DeliveryProgress, DeliverySummary } from '../channel.js';
import { senderAddress } from './message.js';
import { renderPerSubscriber } from './render-once.js';
import {
  type EditionEmailRenderer,
  type EmailDeliveryStore,
  type RowContext,
  type Sleep,
  sendRow,
} from './send-row.js';
import { createMailTransport, type MailTransport, smtpRedactor } from './transport.js';

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
}

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
  const at = () => options.clock.now().toISOString();
  const confirmed = await store.subscribers.list({ status: 'confirmed' });
  await store.deliveries.plan({
    editionDate: edition.date,
    channel: CHANNEL,
    recipients: confirmed.map((s) => ({ recipient: `subscriber:${s.id}`, subscriberId: s.id })),
    at: at(),
  });
  const counts = await store.deliveries.counts(edition.date, CHANNEL);
  const rows = await store.deliveries.unfinished({ editionDate: edition.date, channel: CHANNEL });
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
  log.info('email delivery', { edition: edition.date, planned: summary.planned, toSend: rows.length });
  if (rows.length === 0) return summary;
  const metrics = options.metrics ?? noopMetrics;
  // A row left `sending` by a crash may or may not have reached the server: it goes again.
  metrics.deliveryInDoubt(CHANNEL, rows.filter((row) => row.status === 'sending').length);

  let halted: unknown;
  let done = 0;
  const ctx: RowContext = {
    store,
    edition,
    settings,
    baseUrl: options.baseUrl,
    clock: options.clock,
    log,
    transport,
    render: renderPerSubscriber(options.render ?? renderEditionEmail, edition, options.baseUrl),
    sleep: options.sleep ?? ((ms, signal) => options.clock.sleep(ms, signal)),
    random: options.random ?? Math.random,
    redact: smtpRedactor(settings),
    signal: options.signal,
    metrics,
    summary,
    halt: (error) => {
      halted ??= error;
    },
    stopped: () => halted !== undefined || options.signal?.aborted === true,
    finished: (row, status) => {
      done += 1;
      options.onProgress?.({ done, total: rows.length, recipient: row.recipient, status });
    },
  };
  await workThrough(rows, settings.poolSize, ctx);
  log.info('email delivery finished', { ...summary });
  if (halted !== undefined) {
    log.error('email delivery stopped', { edition: edition.date, error: describeError(halted) });
    throw halted;
  }
  return summary;
}

/** `poolSize` workers share one iterator, so each row is taken exactly once. */
async function workThrough(rows: DeliveryRecord[], poolSize: number, ctx: RowContext): Promise<void> {
  const queue = rows.values();
  const worker = async () => {
    for (const row of queue) {
      if (ctx.stopped()) return;
      try {
        await sendRow(ctx, row);
      } catch (error) {
        // A store failure: stop taking rows, but let the other workers record what is in flight.
        ctx.halt(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(poolSize, rows.length) }, worker));
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
