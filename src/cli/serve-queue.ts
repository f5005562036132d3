/**
 * @module cli/serve-queue
 * The queue as `serve` uses it: subscribe requests enqueue their confirmation email and answer at
 * once; this process works the confirmation jobs (always with SQLite, whose queue is in-process;
 * with Postgres unless queue.workInServe is off because dedicated `worker` processes run), and with
 * Postgres also the edition's email batches the daily job queues.
 */
import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { emailBatchHandler } from '../delivery/email/batches.js';
import { confirmationHandler, queuedConfirmations } from '../delivery/email/confirm-job.js';
import { domainPacer } from '../delivery/email/pacing.js';
import { createMailTransport } from '../delivery/email/transport.js';
import type { Logger } from '../lib/logger.js';
import { loadEdition } from '../pipeline/deliver.js';
import { loadWeeklyEdition } from '../pipeline/weekly.js';
import { openQueue } from '../queue/index.js';
import { CONFIRMATION_EMAIL, EMAIL_BATCH } from '../queue/jobs.js';
import type { Queue } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import type { ConfirmationMessage } from '../subscriptions/service.js';

export interface ServeQueue {
  sendConfirmation(message: ConfirmationMessage): Promise<void>;
  /** The shared queue (Postgres) the daily job queues email batches on; undefined with SQLite. */
  shared: Queue | undefined;
  /** Stops claiming, lets sends in flight finish (or hands them back), closes the connections. */
  close(): Promise<void>;
}

export async function serveQueue(
  config: Config,
  store: Store,
  context: { log: Logger; clock: Clock; signal: AbortSignal },
): Promise<ServeQueue> {
  const { log, clock } = context;
  if (!config.email.smtpUrl) {
    return {
      sendConfirmation: async (message) => {
        log.warn('email is off (SMTP_URL unset): no confirmation email sent', {
          subscriber: message.subscriberId,
        });
      },
      shared: undefined,
      close: async () => {},
    };
  }
  // One pooled connection set for the server's lifetime, rather than a new one per subscriber.
  const transport = createMailTransport(config.email);
  const queue = await openQueue(config, log);
  const common = { store, settings: config.email, baseUrl: config.site.url, clock, log, transport };
  if (!queue.durable || config.queue.workInServe) {
    await queue.work(
      CONFIRMATION_EMAIL,
      { concurrency: config.queue.concurrency },
      confirmationHandler(common),
    );
    if (queue.durable) {
      await queue.work(
        EMAIL_BATCH,
        { concurrency: config.queue.concurrency },
        emailBatchHandler({
          ...common,
          edition: (date) => loadEdition(store, date),
          weekly: (date) => loadWeeklyEdition(store, date),
          pace: domainPacer(config.email.perDomainRate, clock),
          signal: context.signal,
        }),
      );
    }
  }
  return {
    sendConfirmation: queuedConfirmations({ queue, store, clock }),
    shared: queue.durable ? queue : undefined,
    close: async () => {
      await queue.stop({ timeoutMs: 30_000 });
      transport.close();
    },
  };
}
