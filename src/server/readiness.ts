/**
 * @module server/readiness
 * What `GET /readyz` checks inside `serve`: the store answers (three small reads of the daily
 * job's own tables, so the check costs nothing a poller would notice), and what the daily job has
 * done: the last day it ran to the end, the steps done today, and whether its lock is held now.
 * 503 only when the store fails or does not answer in time; a job that failed today is reported,
 * not a reason to take the server out of rotation.
 */
import { type Clock, dayIn } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import { JOB_LOCK } from '../scheduler/job.js';
import type { JobLocks, JobRunLog } from '../store/delivery-contract.js';
import type { HealthProbe, HealthReport } from './health.js';

export interface ReadinessOptions {
  store: { locks: JobLocks; jobRuns: JobRunLog };
  clock: Clock;
  /** The edition's time zone: "today" is the job's day (MORNING_POST_TZ). */
  timeZone: string;
  log: Logger;
  /** How long the store may take; 2 s by default. */
  timeoutMs?: number;
}

export function storeReadiness(options: ReadinessOptions): HealthProbe {
  const timeoutMs = options.timeoutMs ?? 2000;
  return async (): Promise<HealthReport> => {
    const now = options.clock.now();
    const today = dayIn(now, options.timeZone);
    const { locks, jobRuns } = options.store;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the store did not answer in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const [lastCompletedDay, stepsDoneToday, lock] = await Promise.race([
        Promise.all([jobRuns.lastCompletedDay(), jobRuns.doneSteps(today), locks.holder(JOB_LOCK)]),
        late,
      ]);
      const held = lock !== undefined && Date.parse(lock.expiresAt) > now.getTime();
      return {
        status: 'ok',
        checks: { store: { ok: true } },
        job: {
          today,
          stepsDoneToday,
          lastCompletedDay: lastCompletedDay ?? null,
          lock: held ? { held, since: lock.acquiredAt, expiresAt: lock.expiresAt } : { held },
        },
      };
    } catch (error) {
      // The reason goes to the log, not to whoever polls the endpoint.
      options.log.warn('readiness: the store failed', { error: describeError(error) });
      return { status: 'degraded', checks: { store: { ok: false, detail: 'the store did not answer' } } };
    } finally {
      clearTimeout(timer);
    }
  };
}
