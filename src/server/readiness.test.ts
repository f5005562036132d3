import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { memoryLogger } from '../lib/logger.js';
import { JOB_LOCK } from '../scheduler/job.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import { makeSite, raw, serve } from '../testing/server/site.js';
import { storeReadiness } from './readiness.js';

const site = makeSite();
afterAll(() => site.remove());
const NOW = '2026-08-23T07:30:00Z';

async function readyz(store: ReturnType<typeof createSqliteStore>, log = memoryLogger()) {
  const clock = fixedClock(NOW);
  const server = await serve({
    siteDir: site.siteDir,
    publicUrl: 'https://post.example',
    log,
    readiness: storeReadiness({ store, clock, timeZone: 'Europe/Berlin', log }),
  });
  try {
    const response = await raw(server.base, '/readyz');
    return { status: response.status, headers: response.headers, json: JSON.parse(response.body.toString()) };
  } finally {
    await server.close();
  }
}

describe('/readyz', () => {
  it("is 200 with the daily job's state when the store answers", async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    try {
      await store.jobRuns.markDone({ day: '2026-08-22', step: 'edition', at: '2026-08-22T04:10:00Z' });
      await store.jobRuns.markDone({ day: '2026-08-22', step: 'deliver-email', at: '2026-08-22T04:20:00Z' });
      await store.jobRuns.markDone({ day: '2026-08-23', step: 'edition', at: '2026-08-23T04:10:00Z' });
      await store.locks.acquire({
        name: JOB_LOCK,
        holder: 'host:1',
        now: '2026-08-23T07:00:00Z',
        expiresAt: '2026-08-23T08:00:00Z',
      });
      const response = await readyz(store);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json).toEqual({
        status: 'ok',
        checks: { store: { ok: true } },
        job: {
          today: '2026-08-23',
          stepsDoneToday: ['edition'],
          lastCompletedDay: '2026-08-22',
          lock: { held: true, since: '2026-08-23T07:00:00Z', expiresAt: '2026-08-23T08:00:00Z' },
        },
      });
    } finally {
      await store.close();
    }
  });

  it('says the lock is free when its lease has run out, and no day has completed yet', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    try {
      await store.locks.acquire({
        name: JOB_LOCK,
        holder: 'host:1',
        now: '2026-08-23T05:00:00Z',
        expiresAt: '2026-08-23T06:00:00Z',
      });
      const response = await readyz(store);
      expect(response.status).toBe(200);
      expect(response.json.job).toEqual({
        today: '2026-08-23',
        stepsDoneToday: [],
        lastCompletedDay: null,
        lock: { held: false },
      });
    } finally {
      await store.close();
    }
  });

  it('is 503 when the store is closed, with the reason in the log only', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    await store.close();
    const log = memoryLogger();
    const response = await readyz(store, log);
    expect(response.status).toBe(503);
    expect(response.json).toEqual({
      status: 'degraded',
      checks: { store: { ok: false, detail: 'the store did not answer' } },
    });
    expect(log.records.find((record) => record.message === 'readiness: the store failed')?.level).toBe(
      'warn',
    );
  });

  it('falls back to the health probe when no readiness probe is given', async () => {
    const server = await serve({ siteDir: site.siteDir, publicUrl: 'https://post.example' });
    try {
      const response = await raw(server.base, '/readyz');
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body.toString())).toEqual({ status: 'ok', checks: { site: { ok: true } } });
    } finally {
      await server.close();
    }
  });
});
