/**
 * @module scheduler/job
 * The daily job: edition (collect → plan → write → save) → publish → deliver by email → post to
 * Telegram. Each step is idempotent on its own; the job also records each finished step in the
 * store, so a restart resumes after the last one, and holds a lock in the store, so two servers
 * on one store never run it at once.
 */
import { hostname } from 'node:os';
import type { Clock } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import type { JobLocks, JobRunLog, JobStep } from '../store/delivery-contract.js';

export const JOB_LOCK = 'daily-job';
export const JOB_STEPS = [
  'edition',
  'publish',
  'deliver-email',
  'deliver-telegram',
] as const satisfies readonly JobStep[];
export type DailyStep = (typeof JOB_STEPS)[number];

/** What a step did, in a few words for the log and the job_runs row. */
export type StepResult = { detail: string; stop?: boolean };
export type DailySteps = Record<DailyStep, (day: string) => Promise<StepResult>>;

export interface DailyJobOptions {
  day: string;
  locks: JobLocks;
  runs: JobRunLog;
  steps: DailySteps;
  clock: Clock;
  log: Logger;
  /** Who holds the lock: one name per process. */
  holder?: string;
  /** How long the lock holds without renewal; a crashed holder's lock frees itself after this. */
  lockMs?: number;
}

export type DailyJobOutcome =
  | { status: 'locked' }
  | { status: 'done'; ran: DailyStep[]; skipped: DailyStep[] }
  | { status: 'stopped'; ran: DailyStep[]; skipped: DailyStep[]; reason: string }
  | { status: 'failed'; ran: DailyStep[]; step: DailyStep; error: string };

export const processHolder = (): string => `${hostname()}:${process.pid}`;

export async function runDailyJob(options: DailyJobOptions): Promise<DailyJobOutcome> {
  const { day, locks, runs, clock, log } = options;
  const holder = options.holder ?? processHolder();
  const lockMs = options.lockMs ?? 2 * 60 * 60 * 1000;
  const expiresAt = () => new Date(clock.now().getTime() + lockMs).toISOString();
  const now = () => clock.now().toISOString();
  if (!(await locks.acquire({ name: JOB_LOCK, holder, now: now(), expiresAt: expiresAt() }))) {
    log.info('daily job already running elsewhere; not starting it here', { day });
    return { status: 'locked' };
  }
  const ran: DailyStep[] = [];
  const done = new Set(await runs.doneSteps(day));
  const skipped = JOB_STEPS.filter((step) => done.has(step));
  try {
    for (const step of JOB_STEPS) {
      if (done.has(step)) continue;
      // Renewing before each step keeps a long job's lock from lapsing under a second server.
      await locks.acquire({ name: JOB_LOCK, holder, now: now(), expiresAt: expiresAt() });
      let result: StepResult;
      try {
        result = await options.steps[step](day);
      } catch (error) {
        log.error('daily job step failed; the next run resumes here', {
          day,
          step,
          reason: describeError(error),
        });
        return { status: 'failed', ran, step, error: describeError(error) };
      }
      ran.push(step);
      // A step that stops the job is not done: the next run of the day tries it again.
      if (result.stop) {
        log.warn('daily job stopped', { day, step, reason: result.detail });
        return { status: 'stopped', ran, skipped, reason: result.detail };
      }
      await runs.markDone({ day, step, at: now(), detail: result.detail });
      log.info('daily job step done', { day, step, detail: result.detail });
    }
    return { status: 'done', ran, skipped };
  } finally {
    await locks.release({ name: JOB_LOCK, holder });
  }
}
