import { afterEach, describe, expect, it } from 'vitest';
import { type Clock, fixedClock } from '../core/clock.js';
import { memoryLogger } from '../lib/logger.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { type DailyStep, type DailySteps, JOB_LOCK, runDailyJob } from './job.js';
import { jobDay, missedRun, parseSchedule, startSchedule } from './schedule.js';

const DAY = '2026-11-27';
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function memoryStore(): Promise<Store> {
  const store = await openStore({ databaseUrl: 'sqlite::memory:', dataDir: '' });
  await store.migrate();
  stores.push(store);
  return store;
}

/** Steps that record their calls; `fail` makes one throw once. */
function recordingSteps(calls: string[], fail?: DailyStep): DailySteps {
  let failed = false;
  const step = (name: DailyStep) => async (day: string) => {
    calls.push(`${name}:${day}`);
    if (name === fail && !failed) {
      failed = true;
      throw new Error(`${name} broke`);
    }
    return { detail: `${name} ok` };
  };
  return {
    edition: step('edition'),
    publish: step('publish'),
    'deliver-email': step('deliver-email'),
    'deliver-telegram': step('deliver-telegram'),
  };
}

function job(store: Store, steps: DailySteps, clock: Clock = fixedClock(`${DAY}T06:00:00Z`), holder = 'a') {
  return runDailyJob({
    day: DAY,
    locks: store.locks,
    runs: store.jobRuns,
    steps,
    clock,
    log: memoryLogger(),
    holder,
  });
}

describe('the daily job', () => {
  it('runs every step in order once, and a second run of the day does nothing', async () => {
    const store = await memoryStore();
    const calls: string[] = [];
    expect(await job(store, recordingSteps(calls))).toMatchObject({ status: 'done', skipped: [] });
    expect(calls).toEqual([
      `edition:${DAY}`,
      `publish:${DAY}`,
      `deliver-email:${DAY}`,
      `deliver-telegram:${DAY}`,
    ]);
    expect(await job(store, recordingSteps(calls))).toMatchObject({ status: 'done', ran: [] });
    expect(calls).toHaveLength(4);
  });

  it('resumes at the step that failed', async () => {
    const store = await memoryStore();
    const calls: string[] = [];
    const steps = recordingSteps(calls, 'deliver-email');
    expect(await job(store, steps)).toMatchObject({
      status: 'failed',
      step: 'deliver-email',
      error: expect.stringContaining('broke'),
    });
    expect(await job(store, steps)).toMatchObject({
      status: 'done',
      ran: ['deliver-email', 'deliver-telegram'],
    });
    expect(calls.filter((c) => c.startsWith('edition'))).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('deliver-email'))).toHaveLength(2);
  });

  it('stops without the later steps when a step says so (an edition not built from live data)', async () => {
    const store = await memoryStore();
    const calls: string[] = [];
    const steps = {
      ...recordingSteps(calls),
      edition: async () => ({ detail: 'not live: not delivered', stop: true }),
    };
    expect(await job(store, steps)).toMatchObject({ status: 'stopped', ran: ['edition'] });
    expect(calls).toEqual([]);
    expect(await store.jobRuns.doneSteps(DAY)).toEqual([]);
    // Once live data is back, the next run of the day starts again from the edition.
    expect(await job(store, recordingSteps(calls))).toMatchObject({ status: 'done', skipped: [] });
    expect(calls[0]).toBe(`edition:${DAY}`);
  });

  it('never runs twice at once: a second holder is turned away while the first runs', async () => {
    const store = await memoryStore();
    const calls: string[] = [];
    let release: () => void = () => {};
    const slow = {
      ...recordingSteps(calls),
      edition: () => new Promise<{ detail: string }>((r) => (release = () => r({ detail: 'slow' }))),
    };
    const first = job(store, slow, undefined, 'server-1');
    await new Promise((r) => setTimeout(r, 20));
    expect(await job(store, recordingSteps(calls), undefined, 'server-2')).toEqual({ status: 'locked' });
    release();
    expect(await first).toMatchObject({ status: 'done' });
    expect(
      await store.locks.acquire({
        name: JOB_LOCK,
        holder: 'server-2',
        now: `${DAY}T06:01:00Z`,
        expiresAt: `${DAY}T08:00:00Z`,
      }),
    ).toBe(true);
  });

  it('takes over the lock of a holder that died, once it expires', async () => {
    const store = await memoryStore();
    await store.locks.acquire({
      name: JOB_LOCK,
      holder: 'dead',
      now: `${DAY}T04:00:00Z`,
      expiresAt: `${DAY}T05:00:00Z`,
    });
    const calls: string[] = [];
    expect(await job(store, recordingSteps(calls))).toMatchObject({ status: 'done' });
  });
});

describe('the job day is the calendar day in the edition’s time zone', () => {
  it('a 06:00 Tokyo run (21:00 UTC the evening before) makes that Tokyo morning’s paper', () => {
    expect(jobDay(new Date('2026-12-06T21:00:00Z'), 'Asia/Tokyo')).toBe('2026-12-07');
    expect(jobDay(new Date('2026-12-06T21:00:00Z'), 'UTC')).toBe('2026-12-06');
  });

  it('a 06:00 Los Angeles run (14:00 UTC) is that Los Angeles day, and a late one stays on it', () => {
    expect(jobDay(new Date('2026-12-06T14:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-06');
    // 23:30 in Los Angeles is already the next day in UTC.
    expect(jobDay(new Date('2026-12-07T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-06');
  });

  it('across a DST change the same 06:00 local run is dated its own local day', async () => {
    // Europe/Berlin leaves summer time on Sunday 25 October 2026: 06:00 is 04:00 UTC on the
    // Saturday and 05:00 UTC on the Sunday.
    const pattern = parseSchedule('0 6 * * *', 'Europe/Berlin');
    const [saturday] = pattern.nextRuns(1, new Date('2026-10-24T00:00:00Z'));
    const [sunday] = pattern.nextRuns(1, new Date('2026-10-25T00:00:00Z'));
    expect(saturday?.toISOString()).toBe('2026-10-24T04:00:00.000Z');
    expect(sunday?.toISOString()).toBe('2026-10-25T05:00:00.000Z');
    expect(jobDay(saturday as Date, 'Europe/Berlin')).toBe('2026-10-24');
    expect(jobDay(sunday as Date, 'Europe/Berlin')).toBe('2026-10-25');
  });

  it('the missed run of a Tokyo morning is looked up under the Tokyo day', async () => {
    const store = await memoryStore();
    const clock = fixedClock('2026-12-06T22:00:00Z'); // 07:00 on 7 December in Tokyo
    const pattern = parseSchedule('0 6 * * *', 'Asia/Tokyo');
    expect((await missedRun(pattern, clock, store.jobRuns, 'Asia/Tokyo'))?.toISOString()).toBe(
      '2026-12-06T21:00:00.000Z',
    );
    await store.jobRuns.markDone({
      day: '2026-12-07',
      step: 'deliver-telegram',
      at: clock.now().toISOString(),
    });
    expect(await missedRun(pattern, clock, store.jobRuns, 'Asia/Tokyo')).toBeUndefined();
  });
});

describe('the schedule', () => {
  it('refuses a bad cron expression, naming the setting', () => {
    expect(() => parseSchedule('every morning', 'UTC')).toThrow(/MORNING_POST_SCHEDULE/);
  });

  it('finds the run missed while the server was down, and none once that day is done', async () => {
    const store = await memoryStore();
    const clock = fixedClock(`${DAY}T09:30:00Z`);
    const missed = await missedRun(
      parseSchedule('0 6 * * *', 'Europe/Berlin'),
      clock,
      store.jobRuns,
      'Europe/Berlin',
    );
    expect(missed?.toISOString()).toBe(`${DAY}T05:00:00.000Z`);
    await store.jobRuns.markDone({ day: DAY, step: 'deliver-telegram', at: clock.now().toISOString() });
    expect(
      await missedRun(parseSchedule('0 6 * * *', 'Europe/Berlin'), clock, store.jobRuns, 'Europe/Berlin'),
    ).toBeUndefined();
  });

  it('catches up once at start, then waits for the next scheduled time', async () => {
    const store = await memoryStore();
    const days: string[] = [];
    const schedule = await startSchedule({
      cron: '0 6 * * *',
      timeZone: 'UTC',
      clock: fixedClock(`${DAY}T09:30:00Z`),
      log: memoryLogger(),
      runs: store.jobRuns,
      run: async (day) => {
        days.push(day);
      },
    });
    await schedule?.catchUp;
    expect(days).toEqual([DAY]);
    expect(schedule?.next()?.getUTCHours()).toBe(6);
    schedule?.stop();
  });

  it('is off when told so', async () => {
    const store = await memoryStore();
    const off = await startSchedule({
      cron: 'off',
      timeZone: 'UTC',
      clock: fixedClock(`${DAY}T09:30:00Z`),
      log: memoryLogger(),
      runs: store.jobRuns,
      run: async () => {},
    });
    expect(off).toBeUndefined();
  });
});
