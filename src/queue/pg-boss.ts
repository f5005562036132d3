/**
 * @module queue/pg-boss
 * The queue on Postgres, through pg-boss 10 (docs/decisions/2026-12-07-job-queue.md): jobs are
 * rows in its own schema (`queue.schema`, `pgboss` by default) of the store's database, claimed
 * with `FOR UPDATE SKIP LOCKED`, so any number of `worker` processes on any number of machines
 * share them. A worker that dies leaves its job `active`; pg-boss's maintenance (run by every
 * instance, one at a time) moves it to `retry` once its `expireInSeconds` ran out, and another
 * worker takes it up. Finished jobs are archived after a minute and deleted after the retention,
 * so confirmation links do not linger in the database.
 */
import PgBoss from 'pg-boss';
import { MorningPostError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import {
  emptyCounts,
  type Job,
  type JobCounts,
  type JobHandler,
  type JobState,
  MATCH_KEY,
  type Queue,
} from './queue.js';

export interface PgBossQueueOptions {
  connectionString: string;
  /** pg-boss's schema; lower-case letters, digits and `_` (tests use one each). */
  schema: string;
  /** How often an instance checks for jobs whose worker died, and archives (seconds). */
  maintenanceSeconds: number;
  /** How long finished jobs stay (seconds) before they are deleted. */
  retentionSeconds: number;
  /** How often an idle worker asks for a job (seconds, at least 0.5). */
  pollingSeconds?: number;
  /** Connections this instance opens. */
  maxConnections?: number;
  log: Logger;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createPgBossQueue(options: PgBossQueueOptions): Promise<Queue> {
  const { schema, log } = options;
  if (!SCHEMA_NAME.test(schema)) {
    throw new MorningPostError('CONFIG_INVALID', `Invalid queue schema name ${JSON.stringify(schema)}.`, {
      hint: 'Set queue.schema (MORNING_POST_QUEUE_SCHEMA) to lower-case letters, digits and underscores.',
    });
  }
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema,
    max: options.maxConnections ?? 4,
    supervise: true,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceSeconds,
    // Completed jobs leave the job table after a minute (the archive is read by nobody but us) and
    // are deleted after the retention: a confirmation job carries a live link until then.
    archiveCompletedAfterSeconds: 60,
    archiveFailedAfterSeconds: Math.max(60, options.retentionSeconds),
    deleteAfterSeconds: Math.max(1, options.retentionSeconds),
  });
  boss.on('error', (error) => log.warn('job queue error', { error: error.message }));
  await boss.start();
  const stopping = new AbortController();
  const pollingIntervalSeconds = Math.max(0.5, options.pollingSeconds ?? 0.5);
  const db = boss.getDb();

  return {
    engine: 'pg-boss',
    durable: true,

    async define(name, policy) {
      const settings = {
        retryLimit: policy.retryLimit,
        retryDelay: policy.retryDelaySeconds,
        retryBackoff: policy.retryBackoff,
        expireInSeconds: policy.expireInSeconds,
      };
      await boss.createQueue(name, { name, ...settings });
      await boss.updateQueue(name, { name, ...settings });
    },

    async send(name, data) {
      const id = await boss.send(name, data);
      if (id === null) throw new Error(`pg-boss did not accept a job for ${name}`);
      return id;
    },

    async work<T>(name: string, workOptions: { concurrency: number }, handler: JobHandler<T>) {
      // pg-boss 10 runs one fetch loop per work(): one per concurrent job, each claiming one job.
      for (let i = 0; i < workOptions.concurrency; i++) {
        await boss.work<T>(
          name,
          { batchSize: 1, pollingIntervalSeconds, includeMetadata: true },
          async (jobs: PgBoss.JobWithMetadata<T>[]) => {
            for (const claimed of jobs) {
              const job: Job<T> = {
                id: claimed.id,
                name: claimed.name,
                data: claimed.data,
                retryCount: claimed.retryCount,
                retryLimit: claimed.retryLimit,
              };
              const halfway = new AbortController();
              const timer = setTimeout(
                () => halfway.abort(new Error('job time is half over')),
                (claimed.expireInSeconds * 1000) / 2,
              );
              try {
                await handler(job, AbortSignal.any([stopping.signal, halfway.signal]));
              } finally {
                clearTimeout(timer);
              }
            }
          },
        );
      }
    },

    async counts(name, match = {}) {
      const keys = Object.keys(match);
      for (const key of keys) if (!MATCH_KEY.test(key)) throw new Error(`invalid match key ${key}`);
      const filters = keys.map((key, i) => ` and data->>'${key}' = $${i + 2}`).join('');
      const { rows } = await db.executeSql(
        `select state, count(*)::int as n from ${schema}.job where name = $1${filters} group by state`,
        [name, ...keys.map((key) => match[key])],
      );
      const counts: JobCounts = emptyCounts();
      for (const row of rows as { state: JobState; n: number }[]) counts[row.state] = Number(row.n);
      return counts;
    },

    async stop(stopOptions = {}) {
      stopping.abort(new Error('the queue is stopping'));
      await boss.stop({ graceful: true, wait: true, timeout: stopOptions.timeoutMs ?? 30_000 });
    },
  };
}
