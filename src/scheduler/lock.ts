/**
 * @module scheduler/lock
 * Holding a store lock while work runs: the daily job and `morning-post deliver` both go through
 * `holdLock`. A lock has a short lease that a timer renews while the work runs, so a holder that
 * vanished (a machine that died, a container that was killed) frees the lock within one lease, and
 * a holder on this machine whose process is gone is taken over at once. The store decides who
 * wins (store/locks.ts: one conditional statement each); this module decides what a holder
 * string means.
 *
 * A holder is `place:pid:nonce`, for example `web-1#3f9a0c1d:4242:9b1e77a0`:
 * - `place` is where a pid means something: the host name plus, on Linux, a short hash of the
 *   kernel's boot id and our pid namespace. Two containers (or two machines) that share a host
 *   name but not a pid space then never mistake each other's pids, so a live holder elsewhere is
 *   never "found dead" here; without /proc it is the host name alone.
 * - `pid` is the process, checked with `process.kill(pid, 0)` (EPERM: alive, someone else's;
 *   ESRCH: gone).
 * - `nonce` is random per hold. Its use is our own pid: a container restarted with the same pid
 *   (pid 1 after every restart) finds its predecessor's lock under its own pid, and a pid check
 *   would call that holder alive. Holds this process has now are known by their nonce, so our pid
 *   with a nonce we do not hold is a predecessor, taken over at once; and two holds in one process
 *   (a catch-up run and a scheduled run of the job) stay two holders. A recycled pid of *another*
 *   process cannot be told from the old holder by the nonce; such a lock is left to run out its
 *   lease, which is short.
 * Holders in any other shape (older versions wrote `host:pid`; tests write names) are never
 * judged dead here: their lease decides.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Clock } from '../core/clock.js';
import { describeError, MorningPostError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import type { JobLocks, LockRecord } from '../store/delivery-contract.js';

/**
 * How long a lock holds without renewal. Renewed every third of it, so two renewals can fail (a
 * slow store, a paused process) before the lease runs out; a crashed holder on another machine
 * blocks the next run for at most this long. Leases compare the holders' clocks, which are
 * assumed to agree within a few seconds (NTP).
 */
export const LOCK_LEASE_MS = 90_000;

export interface HolderId {
  place: string;
  pid: number;
  nonce: string | undefined;
}

let cachedPlace: string | undefined;

/** Where this process's pids mean something (see the module comment). */
export function thisPlace(): string {
  if (cachedPlace === undefined) {
    const host = hostname();
    try {
      const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      const pidSpace = readlinkSync('/proc/self/ns/pid');
      cachedPlace = `${host}#${createHash('sha256').update(`${boot} ${pidSpace}`).digest('hex').slice(0, 8)}`;
    } catch {
      cachedPlace = host;
    }
  }
  return cachedPlace;
}

/** A new holder name for one hold by this process. */
export function newHolder(): string {
  return `${thisPlace()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** The parts of a holder string, or undefined for one in another shape. */
export function parseHolder(holder: string): HolderId | undefined {
  const match = /^(.+?):(\d+)(?::([0-9a-z]+))?$/.exec(holder);
  if (!match) return undefined;
  return { place: match[1] as string, pid: Number(match[2]), nonce: match[3] };
}

/** A holder for people: `web-1 pid 4242`, or the string as it is. */
export function holderLabel(holder: string): string {
  const id = parseHolder(holder);
  return id ? `${id.place.replace(/#.*$/, '')} pid ${id.pid}` : holder;
}

/** Whether a holder string names a process of this place (alive or not). */
export function holderIsHere(holder: string): boolean {
  return parseHolder(holder)?.place === thisPlace();
}

type Kill = (pid: number, signal: number) => unknown;

/** Whether a process exists: signal 0 checks without sending; EPERM means it exists but is not ours. */
export function pidAlive(pid: number, kill: Kill = process.kill.bind(process)): boolean {
  try {
    kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The holders this process holds right now (added before the store is asked, removed on release). */
const heldHere = new Set<string>();

/** True only when the holder is a process of this place that is certainly gone. */
export function holderIsGone(holder: string, isAlive: (pid: number) => boolean = pidAlive): boolean {
  const id = parseHolder(holder);
  if (!id || id.nonce === undefined || id.place !== thisPlace()) return false;
  if (id.pid === process.pid) return !heldHere.has(holder);
  return !isAlive(id.pid);
}

export interface HoldLockOptions {
  locks: JobLocks;
  name: string;
  clock: Clock;
  log: Logger;
  /** Default LOCK_LEASE_MS. */
  leaseMs?: number;
  /** Default: a new holder of this process (newHolder). */
  holder?: string;
  /** Remove the lock first, whoever holds it (an operator's `--break-lock`); logged as a warning. */
  breakLock?: boolean;
  /** Whether a pid of this place is alive; default pidAlive. */
  isAlive?: (pid: number) => boolean;
}

export interface HeldLock {
  readonly holder: string;
  /**
   * Aborted, with a MorningPostError as its reason, when a renewal finds the lock taken or broken
   * (or could not renew before the lease ran out): the work should stop at its next safe point.
   */
  readonly signal: AbortSignal;
  /** Stops renewing and frees the lock if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

export type LockAttempt =
  | { held: true; lock: HeldLock }
  /** Someone else has it: `current` as it was read (undefined if it vanished as we looked). */
  | { held: false; current: LockRecord | undefined };

export async function holdLock(options: HoldLockOptions): Promise<LockAttempt> {
  const { locks, name, clock, log } = options;
  const leaseMs = options.leaseMs ?? LOCK_LEASE_MS;
  const holder = options.holder ?? newHolder();
  const leaseFrom = (now: Date) => new Date(now.getTime() + leaseMs).toISOString();
  if (options.breakLock) {
    const broken = await locks.breakLock(name);
    if (broken)
      log.warn('lock broken on request; its holder stops at its next renewal if it is still running', {
        lock: name,
        holder: broken.holder,
        since: broken.acquiredAt,
        leaseUntil: broken.expiresAt,
      });
    else log.info('no lock to break: nobody held it', { lock: name });
  }
  heldHere.add(holder);
  try {
    let current: LockRecord | undefined;
    // Each round is acquire → read → compare-and-swap; a round only repeats when the lock changed
    // hands between two of those statements, so three are plenty.
    for (let round = 0; round < 3; round++) {
      const now = clock.now();
      if (await locks.acquire({ name, holder, now: now.toISOString(), expiresAt: leaseFrom(now) }))
        return { held: true, lock: renewing(options, holder, leaseMs, leaseFrom(now)) };
      current = await locks.holder(name);
      if (!current) continue;
      if (!holderIsGone(current.holder, options.isAlive)) break;
      const from = current.holder;
      if (
        await locks.takeOver({ name, from, to: holder, now: now.toISOString(), expiresAt: leaseFrom(now) })
      ) {
        log.warn('took over a lock whose holder process is gone', {
          lock: name,
          from,
          since: current.acquiredAt,
          leaseUntil: current.expiresAt,
        });
        return { held: true, lock: renewing(options, holder, leaseMs, leaseFrom(now)) };
      }
    }
    heldHere.delete(holder);
    return { held: false, current };
  } catch (error) {
    heldHere.delete(holder);
    throw error;
  }
}

/** Starts renewing a lock just taken; see HeldLock. */
function renewing(options: HoldLockOptions, holder: string, leaseMs: number, firstLease: string): HeldLock {
  const { locks, name, clock, log } = options;
  const controller = new AbortController();
  let leaseEnds = Date.parse(firstLease);
  let inFlight: Promise<void> | undefined;
  let released = false;

  const lose = (message: string, fields: Record<string, unknown>) => {
    log.error('lost the lock; stopping at the next safe point', { lock: name, holder, ...fields });
    clearInterval(timer);
    heldHere.delete(holder);
    controller.abort(
      new MorningPostError('STORE_FAILED', message, {
        hint: 'Another run may have taken over; run again to finish what is left (nothing sent is sent twice).',
      }),
    );
  };

  const renew = async () => {
    const now = clock.now().getTime();
    try {
      if (await locks.renew({ name, holder, expiresAt: new Date(now + leaseMs).toISOString() })) {
        leaseEnds = now + leaseMs;
        return;
      }
      const current = await locks.holder(name);
      lose(
        `Lost the ${name} lock: ${current ? `${holderLabel(current.holder)} holds it now` : 'it was broken'}.`,
        {
          nowHeldBy: current?.holder ?? 'nobody',
        },
      );
    } catch (error) {
      if (clock.now().getTime() >= leaseEnds)
        lose(`Could not renew the ${name} lock before its lease ran out.`, { reason: describeError(error) });
      else log.warn('could not renew the lock; trying again', { lock: name, reason: describeError(error) });
    }
  };

  const timer = setInterval(
    () => {
      if (inFlight || controller.signal.aborted) return;
      inFlight = renew().finally(() => {
        inFlight = undefined;
      });
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  // A renewal timer never keeps the process alive on its own.
  timer.unref();

  return {
    holder,
    signal: controller.signal,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await inFlight;
      heldHere.delete(holder);
      await locks.release({ name, holder });
    },
  };
}
