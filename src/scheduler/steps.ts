/**
 * @module scheduler/steps
 * The daily job's steps, made from the same stages the CLI runs: `edition` collects and builds the
 * day (a fallback to stored or sample data stops the job: old numbers are not mailed as today's),
 * `publish` writes the site, and each delivery step sends the day's edition on its channel.
 */
import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics/metrics.js';
import { dayCollector } from '../pipeline/collect.js';
import { type Channel, deliverEdition, loadEdition } from '../pipeline/deliver.js';
import { loadEditions, runEdition } from '../pipeline/edition.js';
import { publishSite } from '../pipeline/publish.js';
import { readSampleDay } from '../pipeline/sample.js';
import { deliverWeekly, isWeeklyDay } from '../pipeline/weekly.js';
import type { Queue } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import type { Writer } from '../writers/writer.js';
import type { DailySteps, StepResult } from './job.js';

export interface StepDeps {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  writer: Writer;
  /**
   * Aborted when the server shuts down: delivery stops taking new messages and records the rest.
   * (Each delivery step also stops when the job loses its lock: the signal the job passes it.)
   */
  signal?: AbortSignal;
  /**
   * A collection this process has just run (`start` collects before it serves): the day's job
   * builds from what it stored instead of asking every source again minutes later.
   */
  collected?: { day: string; at: Date };
  /** Collection, edition and delivery metrics (inside `serve`). */
  metrics?: Metrics;
  /** The shared queue (Postgres): the email step queues the edition's batches for the workers. */
  queue?: Queue;
}

/** How long a collection counts as just run. */
export const FRESH_COLLECTION_MS = 30 * 60 * 1000;

export function dailySteps(deps: StepDeps): DailySteps {
  const { store, config, clock, log } = deps;
  const metrics = deps.metrics ? { metrics: deps.metrics } : {};
  const deliver =
    (channel: Channel) =>
    async (day: string, lockLost: AbortSignal): Promise<StepResult> => {
      const [outcome] = await deliverEdition({
        store,
        config,
        clock,
        log,
        edition: await loadEdition(store, day),
        channels: [channel],
        // Stops taking new messages on shutdown or when the job's lock is lost.
        signal: deps.signal ? AbortSignal.any([deps.signal, lockLost]) : lockLost,
        ...metrics,
        ...(deps.queue ? { queue: deps.queue } : {}),
      });
      if (!outcome) return { detail: 'nothing to do' };
      if (outcome.status === 'not-configured') return { detail: outcome.reason };
      if (outcome.status === 'queued') {
        const { batches, rows, alreadyQueued, counts } = outcome.queued;
        // The workers send them; `morning-post deliver --status` shows how far they are.
        return {
          detail:
            alreadyQueued > 0
              ? `${alreadyQueued} batches still queued from before; already sent ${counts.sent}`
              : `queued ${batches} batches (${rows} messages) for the workers; already sent ${counts.sent}`,
        };
      }
      const { sent, alreadySent, failed, skipped } = outcome.summary;
      // Permanent failures (a bounced address) are final; only rows still to send fail the step.
      const counts = await store.deliveries.counts(day, channel);
      const left = counts.pending + counts.sending;
      if (left > 0)
        throw new Error(
          `${left} ${channel} deliveries still to send (sent ${sent}, failed ${failed}); the next run sends them`,
        );
      return {
        detail: `sent ${sent}, already sent ${alreadySent}, skipped ${skipped}, failed for good ${failed}`,
      };
    };
  /**
   * The weekly edition, on its weekday, after the day's edition went to daily readers: part of the
   * email step, so a failure retries it with the rest and the catch-up covers it. Its own rows in
   * the delivery log (channel `email-weekly`) make a re-run send nothing twice.
   */
  const weekly = async (day: string, lockLost: AbortSignal): Promise<string> => {
    const weekday = config.email.weeklyDay;
    if (!isWeeklyDay(day, weekday)) return `the weekly edition goes out on ${weekday}s`;
    const outcome = await deliverWeekly({
      store,
      config,
      clock,
      log,
      day,
      signal: deps.signal ? AbortSignal.any([deps.signal, lockLost]) : lockLost,
      ...metrics,
      ...(deps.queue ? { queue: deps.queue } : {}),
    });
    if (outcome.status === 'not-configured') return outcome.reason;
    if (outcome.status === 'queued') {
      const { batches, rows, counts } = outcome.queued;
      return `queued ${batches} batches (${rows} messages); already sent ${counts.sent}`;
    }
    const { sent, alreadySent, failed, skipped } = outcome.summary;
    const counts = await store.deliveries.counts(day, 'email-weekly');
    const left = counts.pending + counts.sending;
    if (left > 0)
      throw new Error(`${left} weekly emails still to send (sent ${sent}); the next run sends them`);
    return `sent ${sent}, already sent ${alreadySent}, skipped ${skipped}, failed for good ${failed}`;
  };
  const publish = async () => {
    const published = await publishSite(await loadEditions(store, log), config.site, { store });
    const bucket = published.bucket
      ? `; ${published.bucket.uploaded.length} uploaded to ${published.bucket.target}`
      : '';
    const subjects = published.subjects
      ? `, ${published.subjects.written} of ${published.subjects.pages} subject pages written`
      : '';
    return `${published.files} files, ${published.editions} editions${subjects}${bucket}`;
  };
  return {
    edition: async (day) => {
      const collected = deps.collected;
      const fresh =
        collected?.day === day && clock.now().getTime() - collected.at.getTime() < FRESH_COLLECTION_MS;
      if (fresh) log.info('daily job uses the collection just made', { day, at: collected.at.toISOString() });
      const result = await runEdition({
        store,
        config,
        clock,
        log,
        writer: deps.writer,
        ...(fresh ? {} : { collect: dayCollector({ store, runtime: { config, clock, log, ...metrics } }) }),
        sample: () => readSampleDay(),
        ...metrics,
      });
      const { edition } = result;
      const detail = `No. ${edition.number} of ${edition.date} (${result.dataMode}${result.built ? '' : ', kept'})`;
      // Only today's live edition goes out; a fallback is published on the site with its banner.
      const stop = result.dataMode !== 'live' || edition.date !== day || edition.status !== 'published';
      if (!stop) return { detail };
      await publish();
      return { detail: `${detail}: published on the site, not delivered`, stop: true };
    },
    publish: async () => ({ detail: await publish() }),
    'deliver-email': async (day, lockLost) => {
      const daily = await deliver('email')(day, lockLost);
      return { detail: `${daily.detail}; weekly edition: ${await weekly(day, lockLost)}` };
    },
    'deliver-telegram': deliver('telegram'),
  };
}
