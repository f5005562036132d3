/**
 * @module scheduler/schedule
 * Runs the daily job at the configured cron time in the edition's time zone, and once at start
 * when the last scheduled run was missed (the server was down at six).
 */
import { Cron } from 'croner';
import { type Clock, dayIn } from '../core/clock.js';
import { describeError, MorningPostError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import type { JobRunLog } from '../store/delivery-contract.js';

export interface ScheduleOptions {
  cron: string;
  timeZone: string;
  clock: Clock;
  log: Logger;
  runs: JobRunLog;
  /** Runs the job for a day; resolves when it is finished or has given up. */
  run: (day: string) => Promise<unknown>;
}

export interface RunningSchedule {
  /** The next scheduled time, or null when stopped. */
  next(): Date | null;
  /** The catch-up run started at start, if one was due (tests await it). */
  catchUp: Promise<unknown> | undefined;
  /** Stops the timer and resolves once a job that is running has finished. */
  stop(): Promise<void>;
}

export function parseSchedule(cron: string, timeZone: string): Cron {
  try {
    return new Cron(cron, { timezone: timeZone, paused: true });
  } catch (error) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `MORNING_POST_SCHEDULE "${cron}" is not a cron expression: ${describeError(error)}`,
      {
        hint: 'Use five fields, e.g. "0 6 * * *" for six every morning, or "off".',
      },
    );
  }
}

/**
 * The day a run at `at` works on: the calendar day in the edition's time zone, so a 06:00 Tokyo
 * run (21:00 UTC the evening before) makes that Tokyo morning's paper.
 */
export const jobDay = (at: Date, timeZone: string): string => dayIn(at, timeZone);

/**
 * The last scheduled time at or before now, when its day's job has not finished: the run the
 * server missed. Only the newest missed run is caught up, once.
 */
export async function missedRun(
  pattern: Cron,
  clock: Clock,
  runs: JobRunLog,
  timeZone: string,
): Promise<Date | undefined> {
  const [previous] = pattern.previousRuns(1, clock.now());
  if (!previous) return undefined;
  const done = await runs.doneSteps(jobDay(previous, timeZone));
  return done.includes('deliver-telegram') ? undefined : previous;
}

export async function startSchedule(options: ScheduleOptions): Promise<RunningSchedule | undefined> {
  if (options.cron.trim() === 'off') {
    options.log.info('schedule off: the daily job runs only when started by hand');
    return undefined;
  }
  const pattern = parseSchedule(options.cron, options.timeZone);
  let running: Promise<unknown> | undefined;
  const runOnce = (at: Date, why: string) => {
    if (running) {
      options.log.warn('daily job still running; this run is skipped', { why });
      return running;
    }
    const day = jobDay(at, options.timeZone);
    options.log.info('daily job starting', { day, why });
    running = options
      .run(day)
      .catch((error: unknown) => options.log.error('daily job failed', { day, reason: describeError(error) }))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const missed = await missedRun(pattern, options.clock, options.runs, options.timeZone);
  const catchUp = missed
    ? runOnce(options.clock.now(), `catching up the run of ${missed.toISOString()}`)
    : undefined;
  const job = new Cron(options.cron, { timezone: options.timeZone, protect: true }, () => {
    void runOnce(options.clock.now(), 'scheduled');
  });
  options.log.info('daily job scheduled', {
    cron: options.cron,
    timeZone: options.timeZone,
    next: job.nextRun()?.toISOString(),
  });
  return {
    next: () => job.nextRun(),
    catchUp,
    stop: async () => {
      job.stop();
      await running;
    },
  };
}
