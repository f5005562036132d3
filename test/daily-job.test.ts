/**
 * The daily job as `morning-post serve` runs it, with real parts: the deterministic fake source
 * collected into SQLite, the site published to a folder, email through a real SMTP server and a
 * post through the strict fake Bot API. Then a second run the same day sends nothing again, and a
 * day whose collection fails publishes its fallback but sends nothing.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/schema.js';
import { fixedClock } from '../src/core/clock.js';
import { memoryLogger } from '../src/lib/logger.js';
import { runDailyJob } from '../src/scheduler/job.js';
import { dailySteps } from '../src/scheduler/steps.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/store.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/email/smtp-server.js';
import { type FakeTelegramApi, startFakeTelegramApi } from '../src/testing/telegram/bot-api.js';
import { newsroomWriter } from '../src/writers/newsroom/index.js';

const DAY = '2026-11-27';

describe('the daily job end to end', () => {
  let smtp: TestSmtpServer;
  let telegram: FakeTelegramApi;
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'mp-daily-'));
  const log = memoryLogger();

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    telegram = await startFakeTelegramApi();
    store = await openStore({ databaseUrl: undefined, dataDir: join(dir, 'data') });
    await store.migrate();
    // One address the server refuses for good: an ordinary bounce must not hold up the rest.
    smtp.onRcpt = (address) =>
      address === 'gone@example.org' ? { code: 550, message: 'No such user' } : undefined;
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org', 'gone@example.org'])
      await store.subscribers.addConfirmed({
        email,
        consentSource: 'test',
        consentAt: `${DAY}T00:00:00Z`,
        at: `${DAY}T00:00:00Z`,
      });
    await store.subscribers.upsertPending({
      email: 'pending@example.org',
      consentSource: 'web-form',
      at: `${DAY}T00:00:00Z`,
    });
  });
  afterAll(async () => {
    await store?.close();
    await smtp?.close();
    await telegram?.close();
  });

  const config = (sources: string[]) =>
    ConfigSchema.parse({
      dataDir: join(dir, 'data'),
      sources,
      site: { dir: join(dir, 'site'), url: 'https://post.example.org', telegramChannel: '@morningpost' },
      email: { smtpUrl: smtp.url, from: 'The AI Morning Post <post@example.org>' },
      telegram: { botToken: telegram.token, apiUrl: telegram.url },
      // A name that never resolves: the failing day fails fast and never leaves the machine.
      endpoints: { huggingface: 'https://huggingface.invalid' },
      http: { retries: 0 },
    });

  const run = (day: string, sources: string[]) =>
    runDailyJob({
      day,
      locks: store.locks,
      runs: store.jobRuns,
      steps: dailySteps({
        store,
        config: config(sources),
        clock: fixedClock(`${day}T06:00:00Z`),
        log,
        writer: newsroomWriter,
      }),
      clock: fixedClock(`${day}T06:00:00Z`),
      log,
    });

  it('collects, builds, publishes, emails the confirmed subscribers and posts to the channel', async () => {
    const outcome = await run(DAY, ['fake']);
    expect(outcome, JSON.stringify(log.records.filter((r) => r.level === 'error'))).toMatchObject({
      status: 'done',
      ran: ['edition', 'publish', 'deliver-email', 'deliver-telegram'],
    });
    expect(existsSync(join(dir, 'site', 'editions', DAY, 'index.html'))).toBe(true);
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'a@example.org',
      'b@example.org',
      'c@example.org',
    ]);
    expect(telegram.messages.length).toBeGreaterThan(0);
    expect((await store.getEdition(DAY))?.status).toBe('published');
    expect(await store.deliveries.counts(DAY, 'email')).toMatchObject({ sent: 3, failed: 1, pending: 0 });
    expect((await store.subscribers.findByEmail('gone@example.org'))?.bounceCount).toBe(1);
  });

  it('sends nothing again when the job runs a second time the same day', async () => {
    const mails = smtp.received.length;
    const posts = telegram.messages.length;
    expect(await run(DAY, ['fake'])).toMatchObject({ status: 'done', ran: [] });
    expect(smtp.received.length).toBe(mails);
    expect(telegram.messages.length).toBe(posts);
  });

  it('publishes a day whose collection failed with its banner, and sends nothing', async () => {
    const mails = smtp.received.length;
    const outcome = await run('2026-11-28', ['hf-papers']);
    expect(outcome).toMatchObject({ status: 'stopped', ran: ['edition'] });
    expect(outcome.status === 'stopped' && outcome.reason).toMatch(/of 2026-11-27 .*not delivered/);
    expect(smtp.received.length).toBe(mails);
  });
});
