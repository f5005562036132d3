/**
 * @module delivery/email/batches
 * An edition's email as queued batches. `enqueueEditionEmail` plans the delivery log from the
 * confirmed subscribers one keyset page at a time (never the whole list in memory), then queues one
 * job per `batchSize` unfinished rows, naming the rows by their id range. `emailBatchHandler`
 * works one such job through send-row.ts: whichever worker claims it, and however often it is
 * retried, a row already `sent` is never sent again, and a row left `sending` by a worker that
 * died is sent again with the same Message-ID (the only copies a reader can get twice).
 *
 * Two jobs never cover one row at once: an edition is queued only when none of its batches is
 * waiting or running, and a live worker stops taking rows at half the batch's timeout, long before
 * the queue would hand the batch to someone else.
 */
import type { EmailSettings } from '../../config/schema.js';
import type { Clock } from '../../core/clock.js';
import type { Edition } from '../../core/edition.js';
import { MorningPostError } from '../../core/errors.js';
import type { WeeklyEdition } from '../../core/weekly.js';
import type { Logger } from '../../lib/logger.js';
import { type Metrics, noopMetrics } from '../../lib/metrics/metrics.js';
import { EMAIL_BATCH, type EmailBatchJob } from '../../queue/jobs.js';
import { type Job, type JobHandler, openJobs, type Queue } from '../../queue/queue.js';
import { renderEditionEmail } from '../../renderers/email/index.js';
import { renderWeeklyEmail } from '../../renderers/email/weekly.js';
import type { DeliveryRecord, DeliveryStatus } from '../../store/delivery-contract.js';
import type { DeliveryProgress, DeliverySummary } from '../channel.js';
import type { Pace } from './pacing.js';
import { type LetterRenderer, type ReaderRender, renderPerSubscriber } from './render-once.js';
import {
  CADENCE_OF,
  type EditionEmailRenderer,
  type EmailChannel,
  type EmailDeliveryStore,
  type RowContext,
  type Sleep,
  sendRow,
} from './send-row.js';
import { type MailTransport, smtpRedactor } from './transport.js';

export interface EnqueueResult {
  /** Rows the log holds for the edition, by status, after planning. */
  counts: Record<DeliveryStatus, number>;
  /** Batches queued now (0 when the edition's batches were still queued from before). */
  batches: number;
  /** Rows in the batches queued now. */
  rows: number;
  /** Batches of this edition already waiting or running, so nothing was queued. */
  alreadyQueued: number;
}

export async function enqueueEditionEmail(options: {
  store: EmailDeliveryStore;
  queue: Queue;
  editionDate: string;
  batchSize: number;
  at: string;
  /** `email` (the daily edition, to daily readers) by default; `email-weekly` for the week ending `editionDate`. */
  channel?: EmailChannel;
}): Promise<EnqueueResult> {
  const { store, queue, editionDate, batchSize, at } = options;
  const channel = options.channel ?? 'email';
  const cadence = CADENCE_OF[channel];
  // Manage links older than their lifetime no longer work: forget their hashes.
  await store.subscribers.pruneExpiredTokens({ purpose: 'manage', now: at });
  // Plan: one `pending` row per confirmed subscriber of the channel's cadence, a page at a time.
  for (let afterId = 0; ; ) {
    const page = await store.subscribers.list({ status: 'confirmed', cadence, afterId, limit: batchSize });
    if (page.length === 0) break;
    await store.deliveries.plan({
      editionDate,
      channel,
      recipients: page.map((s) => ({ recipient: `subscriber:${s.id}`, subscriberId: s.id })),
      at,
    });
    afterId = (page.at(-1) as { id: number }).id;
  }
  const counts = await store.deliveries.counts(editionDate, channel);
  const alreadyQueued = openJobs(await queue.counts(EMAIL_BATCH, { editionDate, channel }));
  if (alreadyQueued > 0) return { counts, batches: 0, rows: 0, alreadyQueued };
  let batches = 0;
  let rows = 0;
  for (let afterId = 0; ; ) {
    const page = await store.deliveries.unfinished({
      editionDate,
      channel,
      afterId,
      limit: batchSize,
    });
    if (page.length === 0) break;
    const throughId = (page.at(-1) as DeliveryRecord).id;
    await queue.send<EmailBatchJob>(EMAIL_BATCH, {
      editionDate,
      channel,
      afterId,
      throughId,
      rows: page.length,
    });
    batches += 1;
    rows += page.length;
    afterId = throughId;
  }
  return { counts, batches, rows, alreadyQueued: 0 };
}

export interface BatchWorkerOptions {
  store: EmailDeliveryStore;
  settings: EmailSettings;
  baseUrl: string;
  clock: Clock;
  log: Logger;
  transport: MailTransport;
  /** The published edition of a day (cached by the handler). */
  edition: (date: string) => Promise<Edition>;
  /** The weekly edition of the week ending on a day (cached by the handler); needed for weekly batches. */
  weekly?: (date: string) => Promise<WeeklyEdition>;
  render?: EditionEmailRenderer;
  renderWeekly?: LetterRenderer<WeeklyEdition>;
  sleep?: Sleep;
  random?: () => number;
  metrics?: Metrics;
  pace?: Pace | undefined;
  /** Also stops the rows (besides the job's own signal): the caller's shutdown. */
  signal?: AbortSignal;
  /** Every batch adds its counts here (sent, failed, …). */
  summary?: (date: string) => DeliverySummary;
  onProgress?: DeliveryProgress;
  /** Shared across batches: the first store or configuration failure stops the rest (one-shot runs). */
  shared?: { halted?: unknown; done: number; total: number };
}

export class BatchLeftRowsError extends Error {}

/** The handler of EMAIL_BATCH jobs. Throws when rows are left (stopped, halted), so the batch is retried. */
export function emailBatchHandler(options: BatchWorkerOptions): JobHandler<EmailBatchJob> {
  const letters = new Map<string, ReaderRender>();
  const redact = smtpRedactor(options.settings);
  const shared = options.shared ?? { done: 0, total: 0 };
  const letter = async (channel: EmailChannel, date: string): Promise<ReaderRender> => {
    if (channel === 'email') {
      const edition = await options.edition(date);
      return renderPerSubscriber(options.render ?? renderEditionEmail, edition, options.baseUrl);
    }
    if (!options.weekly)
      throw new MorningPostError('CONFIG_INVALID', 'This worker cannot send the weekly edition.', {
        hint: 'Give emailBatchHandler a weekly loader (pipeline/weekly.ts).',
      });
    const weekly = await options.weekly(date);
    return renderPerSubscriber(options.renderWeekly ?? renderWeeklyEmail, weekly, options.baseUrl);
  };
  return async (job: Job<EmailBatchJob>, jobSignal: AbortSignal) => {
    const { editionDate, afterId, throughId } = job.data;
    // Jobs queued before the weekly edition existed carry no channel: they are the daily's.
    const channel: EmailChannel = job.data.channel ?? 'email';
    const key = `${channel}:${editionDate}`;
    let render = letters.get(key);
    if (!render) {
      render = await letter(channel, editionDate);
      letters.set(key, render);
    }
    const rows = await options.store.deliveries.unfinished({
      editionDate,
      channel,
      afterId,
      throughId,
    });
    if (rows.length === 0) return;
    const metrics = options.metrics ?? noopMetrics;
    // A row left `sending` (a worker died mid-send) may or may not have reached the server: it goes again.
    metrics.deliveryInDoubt(channel, rows.filter((row) => row.status === 'sending').length);
    const signal = options.signal ? AbortSignal.any([options.signal, jobSignal]) : jobSignal;
    const summary =
      options.summary?.(editionDate) ??
      ({
        channel,
        editionDate,
        planned: 0,
        sent: 0,
        skipped: 0,
        failed: 0,
        retried: 0,
        alreadySent: 0,
      } as DeliverySummary);
    let halted: unknown;
    let finished = 0;
    const ctx: RowContext = {
      store: options.store,
      letter: { date: editionDate, channel },
      settings: options.settings,
      baseUrl: options.baseUrl,
      clock: options.clock,
      log: options.log,
      transport: options.transport,
      render,
      sleep: options.sleep ?? ((ms, s) => options.clock.sleep(ms, s)),
      random: options.random ?? Math.random,
      redact,
      signal,
      pace: options.pace,
      metrics,
      summary,
      halt: (error) => {
        halted ??= error;
        shared.halted ??= error;
      },
      stopped: () => halted !== undefined || shared.halted !== undefined || signal.aborted,
      finished: (row, status) => {
        if (status !== 'pending') finished += 1;
        shared.done += 1;
        options.onProgress?.({ done: shared.done, total: shared.total, recipient: row.recipient, status });
      },
    };
    const queue = rows.values();
    const worker = async () => {
      for (const row of queue) {
        if (ctx.stopped()) return;
        try {
          await sendRow(ctx, row);
        } catch (error) {
          // A store failure: stop taking rows, but let the other connections record what is in flight.
          ctx.halt(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.settings.poolSize, rows.length) }, worker));
    if (halted !== undefined) throw halted;
    if (finished < rows.length) {
      throw new BatchLeftRowsError(
        `email batch ${editionDate} (${afterId}, ${throughId}]: ${rows.length - finished} rows left for a retry`,
      );
    }
  };
}
