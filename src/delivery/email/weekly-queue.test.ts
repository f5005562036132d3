/**
 * The daily and the weekly edition through the queue path the workers use (issue 13): planned
 * into the delivery log on their own channels, queued as batches, worked by emailBatchHandler into
 * a real SMTP server, on SQLite with the in-process queue and on Postgres with pg-boss. Each reader
 * gets the edition of their cadence once; queueing again sends nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EmailSettingsSchema } from '../../config/schema.js';
import { fixedClock } from '../../core/clock.js';
import { silentLogger } from '../../lib/logger.js';
import { loadEdition } from '../../pipeline/deliver.js';
import { loadWeeklyEdition } from '../../pipeline/weekly.js';
import { createInProcessQueue } from '../../queue/in-process.js';
import { waitForJobs } from '../../queue/index.js';
import { EMAIL_BATCH } from '../../queue/jobs.js';
import { createPgBossQueue } from '../../queue/pg-boss.js';
import type { Queue } from '../../queue/queue.js';
import { createPostgresStore } from '../../store/postgres/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';
import { generatedEdition } from '../../testing/editions/editions.js';
import { startTestSmtpServer } from '../../testing/email/smtp-server.js';
import { scratchDatabase } from '../../testing/store/scratch-database.js';
import { emailBatchHandler, enqueueEditionEmail } from './batches.js';
import { createMailTransport } from './transport.js';

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const ENGINES = [
  {
    name: 'SQLite, in-process queue',
    skip: false,
    async open(): Promise<{ store: Store; queue: Queue }> {
      const store = createSqliteStore({ file: ':memory:' });
      cleanup.push(() => store.close());
      return { store, queue: createInProcessQueue() };
    },
  },
  {
    name: 'Postgres, pg-boss',
    skip: !postgresUrl,
    async open(): Promise<{ store: Store; queue: Queue }> {
      const db = await scratchDatabase(postgresUrl ?? '', 'weekly');
      cleanup.push(db.drop);
      const store = createPostgresStore({ connectionString: db.url, maxConnections: 4 });
      cleanup.push(() => store.close());
      const queue = await createPgBossQueue({
        connectionString: db.url,
        schema: 'mp_jobs',
        maintenanceSeconds: 30,
        retentionSeconds: 3600,
        log: silentLogger,
      });
      return { store, queue };
    },
  },
];

const WEEK = ['2026-10-06', '2026-10-08', '2026-10-12'];
const MONDAY = '2026-10-12';

describe.each(ENGINES)('the daily and the weekly edition through the queue ($name)', (engine) => {
  it.skipIf(engine.skip)(
    'sends each reader the edition of their cadence, once',
    async () => {
      const { store, queue } = await engine.open();
      await store.migrate();
      await queue.define(EMAIL_BATCH, {
        retryLimit: 2,
        retryDelaySeconds: 1,
        retryBackoff: false,
        expireInSeconds: 60,
      });
      cleanup.push(() => queue.stop({ timeoutMs: 1_000 }));
      const smtp = await startTestSmtpServer();
      cleanup.push(() => smtp.close());
      const settings = EmailSettingsSchema.parse({
        smtpUrl: smtp.url,
        from: 'The AI Morning Post <post@example.org>',
      });
      const transport = createMailTransport(settings);
      cleanup.push(async () => transport.close());

      for (const day of WEEK) {
        const edition = generatedEdition(day);
        await store.saveEdition(
          { date: day, plan: edition.plan, text: edition.text, meta: edition.meta },
          `${day}T05:00:00.000Z`,
          {
            publish: true,
          },
        );
      }
      const at = '2026-10-01T00:00:00.000Z';
      const daily = await store.subscribers.addConfirmed({
        email: 'daily@example.org',
        consentSource: 'test',
        consentAt: at,
        at,
      });
      const weekly = await store.subscribers.addConfirmed({
        email: 'weekly@example.org',
        consentSource: 'test',
        consentAt: at,
        at,
      });
      await store.subscribers.setPreferences(
        weekly.id,
        { cadence: 'weekly', topics: { domains: ['vision'], sources: [] } },
        at,
      );

      const clock = fixedClock(`${MONDAY}T06:00:00Z`);
      await queue.work(
        EMAIL_BATCH,
        { concurrency: 2 },
        emailBatchHandler({
          store,
          settings,
          baseUrl: 'https://post.example.org',
          clock,
          log: silentLogger,
          transport,
          edition: (date) => loadEdition(store, date),
          weekly: (date) => loadWeeklyEdition(store, date),
        }),
      );
      const enqueue = (channel: 'email' | 'email-weekly') =>
        enqueueEditionEmail({
          store,
          queue,
          editionDate: MONDAY,
          channel,
          batchSize: 10,
          at: clock.now().toISOString(),
        });

      expect(await enqueue('email')).toMatchObject({ batches: 1, rows: 1 });
      expect(await enqueue('email-weekly')).toMatchObject({ batches: 1, rows: 1 });
      await waitForJobs(queue, EMAIL_BATCH, { editionDate: MONDAY }, { pollMs: 50 });

      expect(smtp.received.map((mail) => [mail.envelopeTo[0], mail.messageId])).toEqual(
        expect.arrayContaining([
          ['daily@example.org', `<edition-${MONDAY}.sub-${daily.id}@post.example.org>`],
          ['weekly@example.org', `<weekly-${MONDAY}.sub-${weekly.id}@post.example.org>`],
        ]),
      );
      expect(smtp.received).toHaveLength(2);
      const weeklyMail = smtp.received.find((mail) => mail.envelopeTo[0] === 'weekly@example.org');
      expect(weeklyMail?.parsed.subject).toBe('The AI Morning Post — week of 6 October 2026');
      expect(weeklyMail?.parsed.text).toContain('Its lists carry only vision items, as you chose.');
      expect(await store.deliveries.counts(MONDAY, 'email')).toMatchObject({ sent: 1, pending: 0 });
      expect(await store.deliveries.counts(MONDAY, 'email-weekly')).toMatchObject({ sent: 1, pending: 0 });

      // Queued again (a re-run of the day): every row is sent, so no batch and no email.
      expect(await enqueue('email')).toMatchObject({ batches: 0, rows: 0 });
      expect(await enqueue('email-weekly')).toMatchObject({ batches: 0, rows: 0 });
      expect(smtp.received).toHaveLength(2);
    },
    60_000,
  );
});
