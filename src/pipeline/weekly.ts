/**
 * @module pipeline/weekly
 * The weekly edition of a delivery day, read from the store (the week's stored editions, assembled
 * by core/weekly), and its delivery to weekly readers: through the shared queue for the workers
 * (Postgres), or sent here through the in-process queue (SQLite), like the daily edition's email.
 * Every worker that sends a weekly batch assembles the same week from the same rows.
 */
import { type Config, WEEKDAY_NAMES, type WeekdayName } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { EditionSchema } from '../core/edition.js';
import { MorningPostError } from '../core/errors.js';
import { addDays } from '../core/history.js';
import { assembleWeekly, WEEK_DAYS, type WeeklyEdition } from '../core/weekly.js';
import type { DeliverySummary } from '../delivery/channel.js';
import { type EnqueueResult, enqueueEditionEmail } from '../delivery/email/batches.js';
import { deliverWeeklyByEmail } from '../delivery/email/deliver.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics/metrics.js';
import type { Queue } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import { channelGap } from './deliver.js';

/** True when `day` (YYYY-MM-DD, the edition's day) falls on the weekly edition's weekday. */
export function isWeeklyDay(day: string, weekday: WeekdayName): boolean {
  return WEEKDAY_NAMES[new Date(`${day}T00:00:00Z`).getUTCDay()] === weekday;
}

export async function loadWeeklyEdition(
  store: Pick<Store, 'listEditions'>,
  day: string,
): Promise<WeeklyEdition> {
  const records = await store.listEditions({ before: addDays(day, 1), limit: WEEK_DAYS });
  const editions = records.flatMap((record) => {
    const parsed = EditionSchema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  });
  const weekly = assembleWeekly(day, editions);
  if (!weekly)
    throw new MorningPostError('NO_DATA', `There is no published edition in the week ending ${day}.`, {
      hint: 'The weekly edition is assembled from the daily editions of its seven days; build them first.',
    });
  return weekly;
}

export type WeeklyOutcome =
  | { status: 'not-configured'; reason: string }
  | { status: 'delivered'; summary: DeliverySummary }
  | { status: 'queued'; queued: EnqueueResult };

export interface DeliverWeeklyOptions {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  /** The delivery day: the week sent is the seven days ending on it. */
  day: string;
  signal?: AbortSignal;
  metrics?: Metrics;
  /** A shared queue (pg-boss): the batches are queued for the workers instead of sent here. */
  queue?: Queue;
  dryRun?: boolean;
}

/** Sends (or queues) the weekly edition of the week ending `day` to weekly readers. */
export async function deliverWeekly(options: DeliverWeeklyOptions): Promise<WeeklyOutcome> {
  const { store, config, clock, log, day } = options;
  const gap = options.dryRun ? undefined : channelGap(config, 'email');
  if (gap) return { status: 'not-configured', reason: gap };
  // Assembled first, so a week with no edition fails before anything is planned.
  const weekly = await loadWeeklyEdition(store, day);
  if (options.queue?.durable && !options.dryRun) {
    const queued = await enqueueEditionEmail({
      store,
      queue: options.queue,
      editionDate: day,
      channel: 'email-weekly',
      batchSize: config.queue.batchSize,
      at: clock.now().toISOString(),
    });
    log.info('weekly email batches queued', { week: day, ...queued });
    return { status: 'queued', queued };
  }
  const summary = await deliverWeeklyByEmail({
    store,
    weekly,
    settings: config.email,
    baseUrl: config.site.url,
    clock,
    log,
    batchSize: config.queue.batchSize,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return { status: 'delivered', summary };
}
