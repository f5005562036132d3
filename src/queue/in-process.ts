/**
 * @module queue/in-process
 * The queue for the SQLite default: jobs in this process's memory, claimed by `work` loops in
 * the same process, through the same contract as pg-boss (send → claim → complete, or fail and
 * retry after a delay with backoff, until the retries are spent). Nothing survives the process:
 * the work it stands for does (the delivery log keeps every row `pending` or `sending` until sent,
 * and a confirmation still `queued` shows in `subscribers list`).
 */
import { randomUUID } from 'node:crypto';
import {
  emptyCounts,
  type Job,
  type JobCounts,
  type JobHandler,
  type JobState,
  type Queue,
  type QueuePolicy,
  retryDelayMs,
} from './queue.js';

interface Entry {
  job: Job<object>;
  state: JobState;
  /** When a finished job is dropped (retention). */
  dropAt?: number;
}

export interface InProcessQueueOptions {
  /** How long finished jobs are kept for `counts` (ms); 60 s by default. */
  retentionMs?: number;
  now?: () => number;
}

const DEFAULT_POLICY: QueuePolicy = {
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryBackoff: true,
  expireInSeconds: 900,
};

export function createInProcessQueue(options: InProcessQueueOptions = {}): Queue {
  const retentionMs = options.retentionMs ?? 60_000;
  const now = options.now ?? Date.now;
  const policies = new Map<string, QueuePolicy>();
  const entries = new Map<string, Map<string, Entry>>();
  const ready = new Map<string, Entry[]>();
  const wakers = new Map<string, Set<() => void>>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const stopping = new AbortController();

  const of = <V>(map: Map<string, V>, name: string, make: () => V): V => {
    let value = map.get(name);
    if (!value) {
      value = make();
      map.set(name, value);
    }
    return value;
  };
  const wake = (name: string) => {
    for (const waker of wakers.get(name) ?? []) waker();
  };
  const enqueue = (entry: Entry) => {
    of(ready, entry.job.name, () => []).push(entry);
    wake(entry.job.name);
  };
  const prune = (name: string) => {
    const byId = entries.get(name);
    if (!byId) return;
    const at = now();
    for (const [id, entry] of byId) if (entry.dropAt !== undefined && entry.dropAt <= at) byId.delete(id);
  };
  const finish = (entry: Entry, state: 'completed' | 'failed') => {
    entry.state = state;
    entry.dropAt = now() + retentionMs;
  };

  async function runOne(entry: Entry, handler: JobHandler<object>): Promise<void> {
    const policy = policies.get(entry.job.name) ?? DEFAULT_POLICY;
    entry.state = 'active';
    const halfway = new AbortController();
    const timer = setTimeout(
      () => halfway.abort(new Error('job time is half over')),
      (policy.expireInSeconds * 1000) / 2,
    );
    try {
      await handler(entry.job, AbortSignal.any([stopping.signal, halfway.signal]));
      finish(entry, 'completed');
    } catch {
      if (entry.job.retryCount >= policy.retryLimit) return finish(entry, 'failed');
      entry.job.retryCount += 1;
      entry.state = 'retry';
      if (stopping.signal.aborted) return;
      const retry = setTimeout(
        () => {
          timers.delete(retry);
          enqueue(entry);
        },
        retryDelayMs(policy, entry.job.retryCount),
      );
      timers.add(retry);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    engine: 'in-process',
    durable: false,

    async define(name, policy) {
      policies.set(name, policy);
    },

    async send(name, data) {
      const byId = of(entries, name, () => new Map());
      prune(name);
      const policy = policies.get(name) ?? DEFAULT_POLICY;
      const id = randomUUID();
      // A copy, as a database would keep it: the caller may reuse its object.
      const job: Job<object> = {
        id,
        name,
        data: structuredClone(data),
        retryCount: 0,
        retryLimit: policy.retryLimit,
      };
      const entry: Entry = { job, state: 'created' };
      byId.set(id, entry);
      enqueue(entry);
      return id;
    },

    async work(name, workOptions, handler) {
      const loop = async () => {
        while (!stopping.signal.aborted) {
          const entry = ready.get(name)?.shift();
          if (entry) {
            await runOne(entry, handler as JobHandler<object>);
            continue;
          }
          await new Promise<void>((resolve) => {
            const waker = () => {
              wakers.get(name)?.delete(waker);
              stopping.signal.removeEventListener('abort', waker);
              resolve();
            };
            of(wakers, name, () => new Set()).add(waker);
            stopping.signal.addEventListener('abort', waker, { once: true });
          });
        }
      };
      for (let i = 0; i < workOptions.concurrency; i++) {
        const running$ = loop();
        running.add(running$);
        void running$.finally(() => running.delete(running$));
      }
    },

    async counts(name, match) {
      prune(name);
      const counts: JobCounts = emptyCounts();
      for (const entry of entries.get(name)?.values() ?? []) {
        if (match && !matches(entry.job.data, match)) continue;
        counts[entry.state] += 1;
      }
      return counts;
    },

    async stop(stopOptions = {}) {
      stopping.abort(new Error('the queue is stopping'));
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const all = Promise.all([...running]);
      const timeoutMs = stopOptions.timeoutMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    },
  };
}

function matches(data: object, match: Record<string, string>): boolean {
  const record = data as Record<string, unknown>;
  return Object.entries(match).every(([key, value]) => record[key] === value);
}
