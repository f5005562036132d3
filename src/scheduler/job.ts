/**
 * @module scheduler/job
 * The daily job: edition (collect → plan → write → save) → publish → deliver by email → post to
 * Telegram. Each step is idempotent on its own; the job also records each finished step in the
 * store, so a restart resumes after the last one, and holds a lock in the store (holdLock: a
 * short lease renewed while it runs), so two servers on one store never run it at once.
 */
import type { Clock } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import type { JobStepOutcome, Metrics } from '../lib/metrics/metrics.js';
import type { JobLocks, JobRunLog, JobStep } from '../store/delivery-contract.js';
import { holdLock } from './lock.js';

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
/** `signal` is aborted when the job loses its lock: a step stops at its next safe point. */
export type DailySteps = Record<DailyStep, (day: string, signal: AbortSignal) => Promise<StepResult>>;

export interface DailyJobOptions {
  day: string;
  locks: JobLocks;
  runs: JobRunLog;
  steps: DailySteps;
  clock: Clock;
  log: Logger;
  /** Who holds the lock; default a new holder of this process (scheduler/lock.ts). */
  holder?: string;
  /** The lock's lease, renewed while the job runs; default LOCK_LEASE_MS. */
  leaseMs?: number;
  /** Each step's outcome and duration, and each run's outcome (inside `serve`). */
  metrics?: Metrics;
}

export type DailyJobOutcome =
  | { status: 'locked' }
  | { status: 'done'; ran: DailyStep[]; skipped: DailyStep[] }
  | { status: 'stopped'; ran: DailyStep[]; skipped: DailyStep[]; reason: string }
  | { status: 'failed'; ran: DailyStep[]; step: DailyStep; error: string }
  /** The lock was taken or broken while the job ran; it stopped at the next step boundary. */
  | { status: 'lost'; ran: DailyStep[]; reason: string };

export async function runDailyJob(options: DailyJobOptions): Promise<DailyJobOutcome> {
  const report = (outcome: DailyJobOutcome['status']) =>
    options.metrics?.jobRun({ outcome, at: options.clock.now() });
  try {
    const outcome = await runJob(options);
    report(outcome.status);
    return outcome;
  } catch (error) {
    report('failed');
    throw error;
  }
}

async function runJob(options: DailyJobOptions): Promise<DailyJobOutcome> {
  const { day, locks, runs, clock, log } = options;
  const now = () => clock.now().toISOString();
  const attempt = await holdLock({
    locks,
    name: JOB_LOCK,
    clock,
    log,
    ...(options.holder ? { holder: options.holder } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
  if (!attempt.held) {
    log.info('daily job already running elsewhere; not starting it here', {
      day,
      holder: attempt.current?.holder,
    });
    return { status: 'locked' };
  }
  const { lock } = attempt;
  const ran: DailyStep[] = [];
  const lost = () => ({ status: 'lost' as const, ran, reason: describeError(lock.signal.reason) });
  try {
    const done = new Set(await runs.doneSteps(day));
    const skipped = JOB_STEPS.filter((step) => done.has(step));
    for (const step of JOB_STEPS) {
      if (done.has(step)) continue;
      // The safe point: a job that lost its lock starts no further step.
      if (lock.signal.aborted) return lost();
      let result: StepResult;
      const started = performance.now();
      const measure = (outcome: JobStepOutcome) =>
        options.metrics?.jobStep({ step, outcome, durationMs: performance.now() - started });
      try {
        result = await options.steps[step](day, lock.signal);
      } catch (error) {
        // A step cut short because the lock went is the lock's story, not the step's.
        if (lock.signal.aborted) return lost();
        measure('failed');
        log.error('daily job step failed; the next run resumes here', {
          day,
          step,
          reason: describeError(error),
        });
        return { status: 'failed', ran, step, error: describeError(error) };
      }
      ran.push(step);
      // A step that stops the job is not done: the next run of the day tries it again.
      measure(result.stop ? 'stopped' : 'done');
      if (result.stop) {
        log.warn('daily job stopped', { day, step, reason: result.detail });
        return { status: 'stopped', ran, skipped, reason: result.detail };
      }
      // A step that finished is done, lock or no lock: every step is idempotent.
      await runs.markDone({ day, step, at: now(), detail: result.detail });
      log.info('daily job step done', { day, step, detail: result.detail });
    }
    return { status: 'done', ran, skipped };
  } finally {
    await lock.release();
  }
}
