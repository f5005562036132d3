/**
 * @module store/locks.case
 * Conformance cases for job locks and the job run log; run by delivery.case.ts on every dialect.
 */
import { describe, expect, it } from 'vitest';
import type { DeliveryCaseContext } from './delivery.case.js';

const T0 = '2026-12-01T06:00:00.000Z';
const T1 = '2026-12-01T06:05:00.000Z';
const T2 = '2026-12-01T06:10:00.000Z';
const T3 = '2026-12-01T06:15:00.000Z';

export function lockCases({ current, withPair }: DeliveryCaseContext): void {
  describe('job locks', () => {
    const acquire = (holder: string, now: string, expiresAt: string, name = 'daily') =>
      current().locks.acquire({ name, holder, now, expiresAt });
    const lockRow = (name = 'daily') =>
      current().db.selectFrom('job_locks').selectAll().where('name', '=', name).executeTakeFirst();

    it('gives a free lock to one holder until it expires or is released', async () => {
      expect(await acquire('a', T0, T2)).toBe(true);
      expect(await acquire('b', T1, T3)).toBe(false);
      expect(await acquire('b', T1, T3, 'other')).toBe(true);
      expect(await lockRow()).toEqual({ name: 'daily', holder: 'a', expires_at: T2, acquired_at: T0 });

      // Someone else's release changes nothing.
      await current().locks.release({ name: 'daily', holder: 'b' });
      expect(await acquire('b', T1, T3)).toBe(false);

      await current().locks.release({ name: 'daily', holder: 'a' });
      expect(await lockRow()).toBeUndefined();
      expect(await acquire('b', T1, T3)).toBe(true);
      expect(await acquire('a', T1, T3)).toBe(false);
    });

    it('lets the holder extend its lock, keeping when it first took it', async () => {
      expect(await acquire('a', T0, T1)).toBe(true);
      expect(await acquire('a', T1, T3)).toBe(true);
      expect(await lockRow()).toEqual({ name: 'daily', holder: 'a', expires_at: T3, acquired_at: T0 });
      expect(await acquire('b', T2, T3)).toBe(false);
    });

    it('lets another holder take an expired lock, at the moment it expires', async () => {
      expect(await acquire('a', T0, T1)).toBe(true);
      expect(await acquire('b', '2026-12-01T06:04:59.999Z', T3)).toBe(false);
      expect(await acquire('b', T1, T3)).toBe(true);
      expect(await lockRow()).toEqual({ name: 'daily', holder: 'b', expires_at: T3, acquired_at: T1 });
      expect(await acquire('a', T2, T3)).toBe(false);
    });

    it('gives a contested lock to exactly one of several racing holders', async () => {
      for (const round of [1, 2, 3]) {
        const name = `race-${round}`;
        const results = await withPair((a, b) =>
          Promise.all(
            ['h1', 'h2', 'h3', 'h4'].map((holder, i) =>
              (i % 2 ? b : a).locks.acquire({ name, holder, now: T0, expiresAt: T2 }),
            ),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = ['h1', 'h2', 'h3', 'h4'][results.indexOf(true)];
        expect((await lockRow(name))?.holder).toBe(winner);
      }
      // An expired lock raced for: again exactly one winner.
      const results = await withPair((a, b) =>
        Promise.all(
          ['x', 'y'].map((holder, i) =>
            (i ? b : a).locks.acquire({
              name: 'race-1',
              holder,
              now: T3,
              expiresAt: '2026-12-01T07:00:00.000Z',
            }),
          ),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('job lock leases, takeover and breaking', () => {
    const locks = () => current().locks;
    const T4 = '2026-12-01T06:20:00.000Z';

    it('reads who holds a lock, expired or not, and nothing once it is released', async () => {
      expect(await locks().holder('daily')).toBeUndefined();
      await locks().acquire({ name: 'daily', holder: 'a', now: T0, expiresAt: T1 });
      const held = { name: 'daily', holder: 'a', acquiredAt: T0, expiresAt: T1 };
      expect(await locks().holder('daily')).toEqual(held);
      // Past its lease the row is still there to read (the takeover logs whose it was).
      await locks().acquire({ name: 'other', holder: 'b', now: T2, expiresAt: T3 });
      expect(await locks().holder('daily')).toEqual(held);
      await locks().release({ name: 'daily', holder: 'a' });
      expect(await locks().holder('daily')).toBeUndefined();
      expect(await locks().holder('other')).toMatchObject({ holder: 'b' });
    });

    it('renews only the holder’s own lease, keeping when it was taken', async () => {
      await locks().acquire({ name: 'daily', holder: 'a', now: T0, expiresAt: T1 });
      expect(await locks().renew({ name: 'daily', holder: 'b', expiresAt: T4 })).toBe(false);
      expect(await locks().renew({ name: 'daily', holder: 'a', expiresAt: T2 })).toBe(true);
      expect(await locks().holder('daily')).toEqual({
        name: 'daily',
        holder: 'a',
        acquiredAt: T0,
        expiresAt: T2,
      });
      // Renewed, the lease holds another holder off past the first expiry.
      expect(await locks().acquire({ name: 'daily', holder: 'b', now: T1, expiresAt: T4 })).toBe(false);
      // A lapsed lease nobody took is still the holder's to renew ...
      expect(await locks().renew({ name: 'daily', holder: 'a', expiresAt: T4 })).toBe(true);
      // ... but once another holder took the lapsed lock, renewal reports the loss.
      expect(await locks().acquire({ name: 'daily', holder: 'b', now: T4, expiresAt: T4 })).toBe(true);
      expect(await locks().renew({ name: 'daily', holder: 'a', expiresAt: T4 })).toBe(false);
      await locks().release({ name: 'daily', holder: 'b' });
      expect(await locks().renew({ name: 'daily', holder: 'b', expiresAt: T4 })).toBe(false);
      expect(await locks().holder('daily')).toBeUndefined();
    });

    it('takes over from the expected holder only, lease or no lease', async () => {
      expect(await locks().takeOver({ name: 'daily', from: 'a', to: 'b', now: T0, expiresAt: T2 })).toBe(
        false,
      );
      expect(await locks().holder('daily')).toBeUndefined();
      await locks().acquire({ name: 'daily', holder: 'a', now: T0, expiresAt: T3 });
      // The holder is not the one the caller found dead: nothing changes.
      expect(await locks().takeOver({ name: 'daily', from: 'x', to: 'b', now: T1, expiresAt: T2 })).toBe(
        false,
      );
      expect(await locks().holder('daily')).toMatchObject({ holder: 'a', expiresAt: T3 });
      // The lease has not run out, yet the swap applies: the caller decided the holder is gone.
      expect(await locks().takeOver({ name: 'daily', from: 'a', to: 'b', now: T1, expiresAt: T2 })).toBe(
        true,
      );
      expect(await locks().holder('daily')).toEqual({
        name: 'daily',
        holder: 'b',
        acquiredAt: T1,
        expiresAt: T2,
      });
      expect(await locks().renew({ name: 'daily', holder: 'a', expiresAt: T4 })).toBe(false);
      expect(await locks().takeOver({ name: 'daily', from: 'a', to: 'c', now: T1, expiresAt: T2 })).toBe(
        false,
      );
    });

    it('lets exactly one of several processes that found the same dead holder take over', async () => {
      for (const round of [1, 2, 3]) {
        const name = `dead-${round}`;
        await locks().acquire({ name, holder: 'dead', now: T0, expiresAt: T4 });
        const takers = ['t1', 't2', 't3', 't4'];
        const results = await withPair((a, b) =>
          Promise.all(
            takers.map((to, i) =>
              (i % 2 ? b : a).locks.takeOver({ name, from: 'dead', to, now: T1, expiresAt: T2 }),
            ),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await locks().holder(name))?.holder).toBe(takers[results.indexOf(true)]);
      }
    });

    it('breaks a lock whoever holds it and says what it was', async () => {
      expect(await locks().breakLock('daily')).toBeUndefined();
      await locks().acquire({ name: 'daily', holder: 'a', now: T0, expiresAt: T4 });
      await locks().acquire({ name: 'other', holder: 'a', now: T0, expiresAt: T4 });
      expect(await locks().breakLock('daily')).toEqual({
        name: 'daily',
        holder: 'a',
        acquiredAt: T0,
        expiresAt: T4,
      });
      expect(await locks().holder('daily')).toBeUndefined();
      expect(await locks().holder('other')).toMatchObject({ holder: 'a' });
      // Free again, before the broken lease would have run out; the old holder's renewal fails.
      expect(await locks().acquire({ name: 'daily', holder: 'b', now: T1, expiresAt: T2 })).toBe(true);
      expect(await locks().renew({ name: 'daily', holder: 'a', expiresAt: T4 })).toBe(false);
    });
  });

  describe('job runs', () => {
    it('records steps idempotently and returns them in the order they run', async () => {
      const { jobRuns, db } = current();
      expect(await jobRuns.doneSteps('2026-12-01')).toEqual([]);
      await jobRuns.markDone({ day: '2026-12-01', step: 'publish', at: T2 });
      await jobRuns.markDone({ day: '2026-12-01', step: 'collect', at: T0, detail: '6 sources' });
      await jobRuns.markDone({ day: '2026-12-01', step: 'edition', at: T1 });
      await jobRuns.markDone({ day: '2026-12-01', step: 'publish', at: T3, detail: 'again' });
      await jobRuns.markDone({ day: '2026-12-02', step: 'collect', at: T3 });
      expect(await jobRuns.doneSteps('2026-12-01')).toEqual(['collect', 'edition', 'publish']);
      expect(await jobRuns.doneSteps('2026-12-02')).toEqual(['collect']);
      const rows = await db.selectFrom('job_runs').selectAll().where('step', '=', 'publish').execute();
      expect(rows).toEqual([{ day: '2026-12-01', step: 'publish', done_at: T3, detail: 'again' }]);
    });

    it('ignores steps it does not know (written by a newer version)', async () => {
      const { jobRuns, db } = current();
      await jobRuns.markDone({ day: '2026-12-01', step: 'collect', at: T0 });
      await db
        .insertInto('job_runs')
        .values({ day: '2026-12-01', step: 'archive' as never, done_at: T1, detail: null })
        .execute();
      expect(await jobRuns.doneSteps('2026-12-01')).toEqual(['collect']);
    });

    it('reports the newest day whose email delivery finished', async () => {
      const { jobRuns } = current();
      expect(await jobRuns.lastCompletedDay()).toBeUndefined();
      await jobRuns.markDone({ day: '2026-11-29', step: 'deliver-email', at: T0 });
      await jobRuns.markDone({ day: '2026-12-01', step: 'deliver-email', at: T0 });
      await jobRuns.markDone({ day: '2026-11-30', step: 'deliver-email', at: T1 });
      // A later day that stopped before email, or only reached Telegram, is not complete.
      await jobRuns.markDone({ day: '2026-12-02', step: 'publish', at: T2 });
      await jobRuns.markDone({ day: '2026-12-03', step: 'deliver-telegram', at: T2 });
      expect(await jobRuns.lastCompletedDay()).toBe('2026-12-01');
      await jobRuns.markDone({ day: '2026-12-02', step: 'deliver-email', at: T3 });
      expect(await jobRuns.lastCompletedDay()).toBe('2026-12-02');
    });
  });
}
