/**
 * @module queue/queue
 * The job queue everything that fans out goes through (an edition's email batches, confirmation
 * emails). Two engines implement it: pg-boss on Postgres (`pg-boss.ts`, durable, shared by every
 * process on the database) and an in-process queue for the SQLite default (`in-process.ts`, the
 * same enqueue → claim → complete / retry path, kept in memory: what it loses on a crash the
 * delivery log still records). The shared conformance suite is `queue.case.ts`.
 */

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'failed' | 'cancelled';
export const JOB_STATES: readonly JobState[] = [
  'created',
  'retry',
  'active',
  'completed',
  'failed',
  'cancelled',
];

/** How a queue retries and expires its jobs; set once per queue name. */
export interface QueuePolicy {
  /** Retries after the first attempt (0 = one attempt only). */
  retryLimit: number;
  /** Seconds before the first retry. */
  retryDelaySeconds: number;
  /** Doubles the delay with every retry (with jitter on pg-boss). */
  retryBackoff: boolean;
  /**
   * How long one attempt may run. A job whose worker died (SIGKILL, a lost machine) is taken up
   * again after this long; a live handler is told to stop (`signal`) at half of it.
   */
  expireInSeconds: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** Retries before this attempt (0 on the first). */
  retryCount: number;
  retryLimit: number;
}

/**
 * Handles one job. Resolving completes it; throwing fails this attempt (retried while retries are
 * left). `signal` aborts when the worker stops (SIGTERM) or half the job's expiry has passed: stop
 * taking new work, record what is in flight, and throw if work is left, so it is retried.
 */
export type JobHandler<T> = (job: Job<T>, signal: AbortSignal) => Promise<void>;

export type JobCounts = Record<JobState, number>;

export interface Queue {
  readonly engine: 'pg-boss' | 'in-process';
  /** True when jobs outlive this process and other processes can work them (pg-boss). */
  readonly durable: boolean;
  /** Creates the queue (idempotent) or updates its policy. */
  define(name: string, policy: QueuePolicy): Promise<void>;
  /** Adds a job (data must be JSON); returns its id. */
  send<T extends object>(name: string, data: T): Promise<string>;
  /** Starts `concurrency` loops that claim and handle jobs of `name` until `stop`. */
  work<T>(name: string, options: { concurrency: number }, handler: JobHandler<T>): Promise<void>;
  /**
   * Jobs by state; `match` keeps jobs whose data has these top-level string values (e.g. an
   * edition's date). Completed jobs count until the queue's retention removes them.
   */
  counts(name: string, match?: Record<string, string>): Promise<JobCounts>;
  /**
   * Stops claiming; waits up to `timeoutMs` for running handlers (their signal is aborted, so they
   * record what is in flight and return), then closes.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export const emptyCounts = (): JobCounts => ({
  created: 0,
  retry: 0,
  active: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
});

/** Jobs still to do: waiting, waiting for a retry, or running. */
export const openJobs = (counts: JobCounts): number => counts.created + counts.retry + counts.active;

/** Names the code may use in `match` (they are put in SQL as identifiers of a JSON path). */
export const MATCH_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

/** The delay before retry `retryCount` (1 = first retry), as both engines compute it (pg-boss adds jitter). */
export function retryDelayMs(policy: QueuePolicy, retryCount: number): number {
  const base = policy.retryDelaySeconds * 1000;
  return policy.retryBackoff ? base * 2 ** Math.max(0, retryCount - 1) : base;
}
