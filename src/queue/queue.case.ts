/**
 * @module queue/queue.case
 * Conformance cases every queue engine passes (in-process and pg-boss; run by queue.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { type Job, openJobs, type Queue, type QueuePolicy } from './queue.js';

const FAST: QueuePolicy = { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 30 };

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function queueCases(
  name: string,
  open: () => Promise<{ queue: Queue; close: () => Promise<void> }>,
): void {
  describe(`queue conformance: ${name}`, () => {
    it('hands each job to one handler once, completes it, and counts by state and data', async () => {
      const { queue, close } = await open();
      try {
        await queue.define('work', FAST);
        for (let i = 0; i < 6; i++) await queue.send('work', { day: i < 4 ? 'a' : 'b', n: i });
        expect(await queue.counts('work', { day: 'a' })).toMatchObject({ created: 4, active: 0 });
        const seen: number[] = [];
        await queue.work<{ n: number }>('work', { concurrency: 3 }, async (job) => {
          seen.push(job.data.n);
        });
        await until(async () => openJobs(await queue.counts('work')) === 0);
        expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5]);
        expect((await queue.counts('work', { day: 'b' })).completed).toBe(2);
      } finally {
        await close();
      }
    }, 60_000);

    it('retries a failing job with its retry count, then marks it failed when retries are spent', async () => {
      const { queue, close } = await open();
      try {
        await queue.define('flaky', FAST);
        await queue.define('doomed', { ...FAST, retryLimit: 1 });
        await queue.send('flaky', { id: 'f' });
        await queue.send('doomed', { id: 'd' });
        const tries: Array<[string, number, number]> = [];
        const handler = async (job: Job<{ id: string }>) => {
          tries.push([job.data.id, job.retryCount, job.retryLimit]);
          if (job.data.id === 'd' || job.retryCount < 1) throw new Error('not yet');
        };
        await queue.work('flaky', { concurrency: 1 }, handler);
        await queue.work('doomed', { concurrency: 1 }, handler);
        await until(
          async () =>
            (await queue.counts('flaky')).completed === 1 && (await queue.counts('doomed')).failed === 1,
        );
        expect(tries.filter(([id]) => id === 'f')).toEqual([
          ['f', 0, 2],
          ['f', 1, 2],
        ]);
        expect(tries.filter(([id]) => id === 'd')).toEqual([
          ['d', 0, 1],
          ['d', 1, 1],
        ]);
      } finally {
        await close();
      }
    }, 60_000);

    it('aborts a running handler’s signal on stop and waits for it to record its work', async () => {
      const { queue, close } = await open();
      let recorded = false;
      let started = false;
      await queue.define('long', FAST);
      await queue.send('long', { id: 'l' });
      await queue.work('long', { concurrency: 1 }, async (_job, signal) => {
        started = true;
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        await new Promise((resolve) => setTimeout(resolve, 200));
        recorded = true;
        throw new Error('stopped with work left');
      });
      await until(async () => started);
      await queue.stop({ timeoutMs: 10_000 });
      expect(recorded).toBe(true);
      await close();
    }, 60_000);
  });
}
