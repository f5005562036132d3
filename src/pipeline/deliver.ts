/**
 * @module pipeline/deliver
 * Delivers one published edition on the channels that are configured: email to confirmed
 * subscribers (SMTP_URL) and a post to the Telegram channel (TELEGRAM_BOT_TOKEN + TELEGRAM_CHANNEL).
 * A channel that is not configured is reported as such, never as a failure.
 */
import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { type Edition, EditionSchema } from '../core/edition.js';
import { MorningPostError } from '../core/errors.js';
import type { DeliveryProgress, DeliverySummary } from '../delivery/channel.js';
import { type EnqueueResult, enqueueEditionEmail } from '../delivery/email/batches.js';
import { deliverEditionByEmail } from '../delivery/email/index.js';
import { deliverEditionToTelegram } from '../delivery/telegram/index.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics/metrics.js';
import type { Queue } from '../queue/queue.js';
import type { Store } from '../store/store.js';

export type Channel = 'email' | 'telegram';

export type ChannelOutcome =
  | { channel: Channel; status: 'delivered'; summary: DeliverySummary }
  | { channel: Channel; status: 'not-configured'; reason: string }
  /** Email with a shared queue (Postgres): the batches are queued for the workers. */
  | { channel: Channel; status: 'queued'; queued: EnqueueResult };

export interface DeliverOptions {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  edition: Edition;
  channels?: readonly Channel[];
  dryRun?: boolean;
  onProgress?: (channel: Channel) => DeliveryProgress | undefined;
  signal?: AbortSignal;
  /** Deliveries by channel and outcome (inside `serve`). */
  metrics?: Metrics;
  /**
   * A shared queue (pg-boss): email is planned and queued in batches for the workers instead of
   * sent here. Without one (SQLite), this process sends through its own in-process queue.
   */
  queue?: Queue;
}

/** Why a channel cannot run, or undefined when it can. */
export function channelGap(config: Config, channel: Channel): string | undefined {
  if (channel === 'email')
    return config.email.smtpUrl
      ? undefined
      : 'email delivery is off: set SMTP_URL to an smtp:// or smtps:// server';
  if (!config.telegram.botToken) return 'Telegram delivery is off: set TELEGRAM_BOT_TOKEN';
  if (!config.site.telegramChannel) return 'Telegram delivery is off: set TELEGRAM_CHANNEL';
  return undefined;
}

export async function deliverEdition(options: DeliverOptions): Promise<ChannelOutcome[]> {
  const outcomes: ChannelOutcome[] = [];
  for (const channel of options.channels ?? (['email', 'telegram'] as const)) {
    const gap = options.dryRun ? undefined : channelGap(options.config, channel);
    if (gap) {
      options.log.info('channel not configured', { channel, reason: gap });
      outcomes.push({ channel, status: 'not-configured', reason: gap });
      continue;
    }
    if (channel === 'email' && options.queue?.durable && !options.dryRun) {
      const queued = await enqueueEditionEmail({
        store: options.store,
        queue: options.queue,
        editionDate: options.edition.date,
        batchSize: options.config.queue.batchSize,
        at: options.clock.now().toISOString(),
      });
      options.log.info('email batches queued', { edition: options.edition.date, ...queued });
      outcomes.push({ channel, status: 'queued', queued });
      continue;
    }
    const common = {
      store: options.store,
      edition: options.edition,
      baseUrl: options.config.site.url,
      clock: options.clock,
      log: options.log,
      ...(options.dryRun ? { dryRun: true } : {}),
    };
    const summary =
      channel === 'email'
        ? await deliverEditionByEmail({
            ...common,
            settings: options.config.email,
            ...withProgress(options.onProgress?.(channel)),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.metrics ? { metrics: options.metrics } : {}),
            batchSize: options.config.queue.batchSize,
          })
        : await deliverEditionToTelegram({
            ...common,
            settings: options.config.telegram,
            channel: options.config.site.telegramChannel,
          });
    // Email counts each message as it goes; a Telegram post is one delivery, counted when it ends.
    if (channel === 'telegram' && options.metrics && !options.dryRun) {
      options.metrics.delivery(channel, 'sent', summary.sent);
      options.metrics.delivery(channel, 'failed', summary.failed);
    }
    outcomes.push({ channel, status: 'delivered', summary });
  }
  return outcomes;
}

const withProgress = (progress: DeliveryProgress | undefined) => (progress ? { onProgress: progress } : {});

/** The stored edition of a day, whole, or a clear error saying what to do. */
export async function loadEdition(store: Store, date: string): Promise<Edition> {
  const record = await store.getEdition(date);
  if (!record || record.text === null)
    throw new MorningPostError('NO_DATA', `There is no edition of ${date} to deliver.`, {
      hint: `Build it first: morning-post edition --date ${date} (or --offline for a past day).`,
    });
  const parsed = EditionSchema.safeParse(record);
  if (!parsed.success)
    throw new MorningPostError('STORE_FAILED', `The stored edition of ${date} cannot be read back.`, {
      hint: `Rebuild it: morning-post edition --offline --date ${date} --force.`,
    });
  return parsed.data;
}
