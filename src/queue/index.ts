/**
 * @module queue
 * Opening the configured queue: pg-boss in the store's Postgres database, or the in-process queue
 * beside a SQLite store. Importing this module starts nothing; pg-boss is loaded only when used.
 */
import type { QueueSettings } from '../config/schema.js';
import type { Logger } from '../lib/logger.js';
import { storeTarget } from '../store/index.js';
import { createInProcessQueue } from './in-process.js';
import { batchPolicy, CONFIRMATION_EMAIL, CONFIRMATION_POLICY, EMAIL_BATCH } from './jobs.js';

import { openJobs, type Queue } from './queue.js';

export type { Job, JobCounts, JobHandler, JobState, Queue, QueuePolicy } from './queue.js';
export { openJobs } from './queue.js';

export interface OpenQueueConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
  queue: QueueSettings;
}

/** The queue for this store, with the Post's queues defined. */
export async function openQueue(config: OpenQueueConfig, log: Logger): Promise<Queue> {
  const target = storeTarget(config);
  let queue: Queue;
  if (target.dialect === 'postgres') {
    const { createPgBossQueue } = await import('./pg-boss.js');
    queue = await createPgBossQueue({
      connectionString: target.connectionString,
      schema: config.queue.schema,
      // A dead worker's batch is noticed within a fifth of its timeout (at most every 2 minutes).
      maintenanceSeconds: Math.max(1, Math.min(120, Math.floor(config.queue.batchTimeoutSeconds / 5))),
      retentionSeconds: config.queue.retentionMinutes * 60,
      log,
    });
  } else {
    queue = createInProcessQueue({ retentionMs: config.queue.retentionMinutes * 60_000 });
  }
  await queue.define(EMAIL_BATCH, batchPolicy(config.queue));
  await queue.define(CONFIRMATION_EMAIL, CONFIRMATION_POLICY);
  return queue;
}

/** Resolves once no job of `name` matching `match` is waiting or running (polling `counts`). */
export async function waitForJobs(
  queue: Queue,
  name: string,
  match: Record<string, string>,
  options: { pollMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const pollMs = options.pollMs ?? (queue.durable ? 500 : 10);
  for (;;) {
    if (openJobs(await queue.counts(name, match)) === 0) return;
    if (options.signal?.aborted) throw options.signal.reason;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
