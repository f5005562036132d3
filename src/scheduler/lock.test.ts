import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { memoryLogger } from '../lib/logger.js';
import type { JobLocks } from '../store/delivery-contract.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { type DailySteps, JOB_LOCK, runDailyJob } from './job.js';
import {
  holderIsGone,
  holderLabel,
  holdLock,
  LOCK_LEASE_MS,
  newHolder,
  parseHolder,
  pidAlive,
  thisPlace,
} from './lock.js';

const T0 = '2026-12-01T06:00:00.000Z';
const ELSEWHERE = 'other-machine#00000000:4242:abcdef01';
const stores: Store[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const store of stores.splice(0)) await store.close();
});

async function memoryStore(): Promise<Store> {
  const store = await openStore({ databaseUrl: 'sqlite::memory:', dataDir: '' });
  await store.migrate();
  stores.push(store);
  return store;
}

/** The pid of a process of this machine that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('the child process did not start');
  return child.pid;
}

const put = (store: Store, holder: string, expiresAt: string, now = T0) =>
  store.locks.acquire({ name: JOB_LOCK, holder, now, expiresAt });
const inMs = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/** Renewal timers are faked (setInterval only); the clock moves with them. */
function fakeTime(start = T0) {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  const clock = fixedClock(start);
  return {
    clock,
    async pass(ms: number) {
      for (let left = ms; left > 0; left -= 1_000) {
        await clock.sleep(Math.min(1_000, left));
        await vi.advanceTimersByTimeAsync(Math.min(1_000, left));
      }
      // Let a renewal the timers started reach the store and come back.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('lock holders', () => {
  it('name this place, this process and a nonce per hold, and parse back', () => {
    const a = newHolder();
    const b = newHolder();
    expect(a).not.toBe(b);
    expect(parseHolder(a)).toEqual({ place: thisPlace(), pid: process.pid, nonce: expect.any(String) });
    expect(thisPlace().startsWith(hostname())).toBe(true);
    expect(holderLabel(a)).toBe(`${hostname()} pid ${process.pid}`);
    // What older versions wrote, and what tests write.
    expect(parseHolder('web-1:4242')).toEqual({ place: 'web-1', pid: 4242, nonce: undefined });
    expect(parseHolder('server-1')).toBeUndefined();
    expect(holderLabel('server-1')).toBe('server-1');
  });

  it('check a pid with signal 0: EPERM is a live process of someone else, ESRCH a gone one', async () => {
    const failing = (code: string) => () => {
      throw Object.assign(new Error(code), { code });
    };
    expect(pidAlive(4242, failing('EPERM'))).toBe(true);
    expect(pidAlive(4242, failing('ESRCH'))).toBe(false);
    expect(pidAlive(4242, () => true)).toBe(true);
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(await deadPid())).toBe(false);
  });

  it('are judged gone only when of this place, with a nonce, and their process is gone', async () => {
    const dead = await deadPid();
    expect(holderIsGone(`${thisPlace()}:${dead}:abc123`)).toBe(true);
    expect(holderIsGone(`${thisPlace()}:${process.ppid}:abc123`)).toBe(false);
    // Another machine's pids mean nothing here; older and foreign shapes are left to the lease.
    expect(holderIsGone(`other-machine#00000000:${dead}:abc123`)).toBe(false);
    expect(holderIsGone(`${thisPlace()}:${dead}`)).toBe(false);
    expect(holderIsGone('server-1')).toBe(false);
    // Our own pid under a nonce we do not hold: a predecessor that had our pid (a restarted container).
    expect(holderIsGone(`${thisPlace()}:${process.pid}:abc123`)).toBe(true);
  });
});

describe('holdLock', () => {
  it('takes a lock whose holder on this machine is gone at once, and says whose it was', async () => {
    const store = await memoryStore();
    const dead = `${thisPlace()}:${await deadPid()}:0badc0de`;
    await put(store, dead, inMs(T0, 3_600_000));
    const log = memoryLogger();
    const attempt = await holdLock({ locks: store.locks, name: JOB_LOCK, clock: fixedClock(T0), log });
    expect(attempt.held).toBe(true);
    if (!attempt.held) return;
    expect(await store.locks.holder(JOB_LOCK)).toMatchObject({
      holder: attempt.lock.holder,
      acquiredAt: T0,
      expiresAt: inMs(T0, LOCK_LEASE_MS),
    });
    expect(log.records).toContainEqual({
      level: 'warn',
      message: 'took over a lock whose holder process is gone',
      fields: { lock: JOB_LOCK, from: dead, since: T0, leaseUntil: inMs(T0, 3_600_000) },
    });
    await attempt.lock.release();
    expect(await store.locks.holder(JOB_LOCK)).toBeUndefined();
  });

  it('leaves the lock of a live process of this machine alone, lease or not', async () => {
    const store = await memoryStore();
    // The test runner's parent process: alive, on this machine, and not this process.
    const live = `${thisPlace()}:${process.ppid}:0badc0de`;
    await put(store, live, inMs(T0, 60_000));
    const log = memoryLogger();
    const attempt = await holdLock({ locks: store.locks, name: JOB_LOCK, clock: fixedClock(T0), log });
    expect(attempt).toEqual({
      held: false,
      current: { name: JOB_LOCK, holder: live, acquiredAt: T0, expiresAt: inMs(T0, 60_000) },
    });
    expect(log.records.filter((r) => r.level !== 'debug')).toEqual([]);
    expect((await store.locks.holder(JOB_LOCK))?.holder).toBe(live);
  });

  it('keeps two holds of one process apart, and takes over from a predecessor with our pid', async () => {
    const store = await memoryStore();
    const clock = fixedClock(T0);
    const first = await holdLock({ locks: store.locks, name: JOB_LOCK, clock, log: memoryLogger() });
    expect(first.held).toBe(true);
    const second = await holdLock({ locks: store.locks, name: JOB_LOCK, clock, log: memoryLogger() });
    expect(second.held).toBe(false);
    if (first.held) await first.lock.release();

    const predecessor = `${thisPlace()}:${process.pid}:0badc0de`;
    await put(store, predecessor, inMs(T0, 3_600_000));
    const log = memoryLogger();
    const taken = await holdLock({ locks: store.locks, name: JOB_LOCK, clock, log });
    expect(taken.held).toBe(true);
    expect(log.records.map((r) => r.fields?.from)).toContain(predecessor);
    if (taken.held) await taken.lock.release();
  });

  it('takes another machine’s lock when its lease lapses, not a millisecond before', async () => {
    const store = await memoryStore();
    await put(store, ELSEWHERE, inMs(T0, LOCK_LEASE_MS));
    const before = fixedClock(inMs(T0, LOCK_LEASE_MS - 1));
    const early = await holdLock({ locks: store.locks, name: JOB_LOCK, clock: before, log: memoryLogger() });
    expect(early).toMatchObject({ held: false, current: { holder: ELSEWHERE } });

    const at = fixedClock(inMs(T0, LOCK_LEASE_MS));
    const onTime = await holdLock({ locks: store.locks, name: JOB_LOCK, clock: at, log: memoryLogger() });
    expect(onTime.held).toBe(true);
    if (onTime.held) await onTime.lock.release();
  });

  it('leaves a lock in an older shape to its lease, even when its pid is gone', async () => {
    const store = await memoryStore();
    const legacy = `${hostname()}:${await deadPid()}`;
    await put(store, legacy, inMs(T0, 2 * 3_600_000));
    const attempt = await holdLock({
      locks: store.locks,
      name: JOB_LOCK,
      clock: fixedClock(inMs(T0, 3_600_000)),
      log: memoryLogger(),
    });
    expect(attempt).toMatchObject({ held: false, current: { holder: legacy } });
  });

  it('breaks a live lock on request, logging who held it and since when', async () => {
    const store = await memoryStore();
    await put(store, ELSEWHERE, inMs(T0, LOCK_LEASE_MS), '2026-12-01T05:59:00.000Z');
    const log = memoryLogger();
    const attempt = await holdLock({
      locks: store.locks,
      name: JOB_LOCK,
      clock: fixedClock(T0),
      log,
      breakLock: true,
    });
    expect(attempt.held).toBe(true);
    expect(log.records).toContainEqual({
      level: 'warn',
      message: 'lock broken on request; its holder stops at its next renewal if it is still running',
      fields: {
        lock: JOB_LOCK,
        holder: ELSEWHERE,
        since: '2026-12-01T05:59:00.000Z',
        leaseUntil: inMs(T0, LOCK_LEASE_MS),
      },
    });
    if (attempt.held) await attempt.lock.release();
    // Nothing to break is said too, and the lock is taken all the same.
    const calm = memoryLogger();
    const again = await holdLock({
      locks: store.locks,
      name: JOB_LOCK,
      clock: fixedClock(T0),
      log: calm,
      breakLock: true,
    });
    expect(again.held).toBe(true);
    expect(calm.records.map((r) => r.message)).toEqual(['no lock to break: nobody held it']);
    if (again.held) await again.lock.release();
  });

  it('renews its lease while the work runs, so a long hold is never taken, and stops renewing on release', async () => {
    const store = await memoryStore();
    const { clock, pass } = fakeTime();
    const attempt = await holdLock({ locks: store.locks, name: JOB_LOCK, clock, log: memoryLogger() });
    if (!attempt.held) throw new Error('not held');
    // Ten minutes of work, six and a half leases: checked by another machine every 15 s.
    for (let s = 0; s < 600; s += 15) {
      await pass(15_000);
      const now = clock.now().toISOString();
      expect(await store.locks.acquire({ name: JOB_LOCK, holder: ELSEWHERE, now, expiresAt: now })).toBe(
        false,
      );
      expect(Date.parse((await store.locks.holder(JOB_LOCK))?.expiresAt ?? '')).toBeGreaterThan(
        clock.now().getTime() + LOCK_LEASE_MS / 2,
      );
    }
    expect(attempt.lock.signal.aborted).toBe(false);
    await attempt.lock.release();
    expect(vi.getTimerCount()).toBe(0);
    expect(await store.locks.holder(JOB_LOCK)).toBeUndefined();
  });

  it('without renewal the same lease lapses: the check above can fail', async () => {
    const store = await memoryStore();
    const { clock, pass } = fakeTime();
    const now = clock.now().toISOString();
    // Taken as holdLock takes it, but with nobody renewing it.
    await put(store, 'silent', inMs(now, LOCK_LEASE_MS), now);
    await pass(LOCK_LEASE_MS);
    const later = clock.now().toISOString();
    expect(
      await store.locks.acquire({ name: JOB_LOCK, holder: ELSEWHERE, now: later, expiresAt: later }),
    ).toBe(true);
  });

  it('reports a lock lost to someone else at the next renewal, and leaves their lock alone', async () => {
    const store = await memoryStore();
    const { clock, pass } = fakeTime();
    const log = memoryLogger();
    const attempt = await holdLock({ locks: store.locks, name: JOB_LOCK, clock, log });
    if (!attempt.held) throw new Error('not held');
    await store.locks.breakLock(JOB_LOCK);
    await put(store, ELSEWHERE, inMs(T0, LOCK_LEASE_MS));
    await pass(LOCK_LEASE_MS / 3);
    expect(attempt.lock.signal.aborted).toBe(true);
    expect(String(attempt.lock.signal.reason)).toContain('other-machine pid 4242 holds it now');
    expect(log.records).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'lost the lock; stopping at the next safe point',
        fields: expect.objectContaining({ nowHeldBy: ELSEWHERE }),
      }),
    );
    expect(vi.getTimerCount()).toBe(0);
    await attempt.lock.release();
    expect((await store.locks.holder(JOB_LOCK))?.holder).toBe(ELSEWHERE);
  });

  it('rides out a failing renewal while the lease lasts, and gives up once it has run out', async () => {
    const store = await memoryStore();
    let failing = false;
    const locks: JobLocks = {
      ...store.locks,
      renew: (input) => (failing ? Promise.reject(new Error('store unreachable')) : store.locks.renew(input)),
    };
    const { clock, pass } = fakeTime();
    const log = memoryLogger();
    const attempt = await holdLock({ locks, name: JOB_LOCK, clock, log });
    if (!attempt.held) throw new Error('not held');
    failing = true;
    await pass((2 * LOCK_LEASE_MS) / 3);
    expect(attempt.lock.signal.aborted).toBe(false);
    expect(log.records.filter((r) => r.message === 'could not renew the lock; trying again')).toHaveLength(2);
    await pass(LOCK_LEASE_MS / 3);
    expect(attempt.lock.signal.aborted).toBe(true);
    expect(String(attempt.lock.signal.reason)).toContain('before its lease ran out');
    await attempt.lock.release();
  });
});

describe('the daily job’s lock', () => {
  const steps = (calls: string[], long?: (signal: AbortSignal) => Promise<void>): DailySteps => {
    const step = (name: string) => async (_day: string, signal: AbortSignal) => {
      calls.push(name);
      if (name === 'publish' && long) await long(signal);
      return { detail: `${name} ok` };
    };
    return {
      edition: step('edition'),
      publish: step('publish'),
      'deliver-email': step('deliver-email'),
      'deliver-telegram': step('deliver-telegram'),
    };
  };

  it('holds through a step far longer than the lease: a second server is turned away all along', async () => {
    const store = await memoryStore();
    const { clock, pass } = fakeTime();
    const calls: string[] = [];
    const turnedAway: string[] = [];
    // A second server, asking at moments that fall between two renewals.
    const other = () =>
      runDailyJob({
        day: '2026-12-01',
        locks: store.locks,
        runs: store.jobRuns,
        steps: steps([]),
        clock,
        log: memoryLogger(),
        holder: ELSEWHERE,
      });
    const outcome = await runDailyJob({
      day: '2026-12-01',
      locks: store.locks,
      runs: store.jobRuns,
      steps: steps(calls, async () => {
        for (let i = 0; i < 10; i++) {
          await pass(45_000);
          turnedAway.push((await other()).status);
        }
      }),
      clock,
      log: memoryLogger(),
    });
    expect(outcome).toMatchObject({ status: 'done' });
    expect(turnedAway).toEqual(Array(10).fill('locked'));
    expect(calls).toEqual(['edition', 'publish', 'deliver-email', 'deliver-telegram']);
    expect(await store.locks.holder(JOB_LOCK)).toBeUndefined();
  });

  it('stops at the next step once its lock was broken and taken, and reports it', async () => {
    const store = await memoryStore();
    const { clock, pass } = fakeTime();
    const calls: string[] = [];
    let sawAbort = false;
    const outcome = await runDailyJob({
      day: '2026-12-01',
      locks: store.locks,
      runs: store.jobRuns,
      steps: steps(calls, async (signal) => {
        await store.locks.breakLock(JOB_LOCK);
        const now = clock.now().toISOString();
        await put(store, ELSEWHERE, inMs(now, LOCK_LEASE_MS), now);
        await pass(LOCK_LEASE_MS / 3);
        sawAbort = signal.aborted;
      }),
      clock,
      log: memoryLogger(),
    });
    expect(sawAbort).toBe(true);
    expect(outcome).toMatchObject({ status: 'lost', ran: ['edition', 'publish'] });
    expect(outcome.status === 'lost' && outcome.reason).toContain('holds it now');
    expect(calls).toEqual(['edition', 'publish']);
    // The step that finished is recorded; the new holder's lock is untouched.
    expect(await store.jobRuns.doneSteps('2026-12-01')).toEqual(['edition', 'publish']);
    expect((await store.locks.holder(JOB_LOCK))?.holder).toBe(ELSEWHERE);
  });
});
