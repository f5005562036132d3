/**
 * Issue 12, "Done when": subscriptions while the SMTP server hangs. 300 subscribes go through the
 * subscription service with the queue `serve` uses (the in-process queue beside SQLite, worked by
 * confirmationHandler at the queue's concurrency, sending through one pooled transport) towards a
 * server that accepts TCP connections and never says a word. Only `concurrency` sends are in flight
 * (open sockets at the silent server, the queue's `active` count); the rest wait as queued jobs,
 * not as promises of the process. Then the silent server starts relaying every held and new
 * connection to a real SMTP server, and every confirmation arrives exactly once.
 */

import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EmailSettingsSchema } from '../../config/schema.js';
import { systemClock } from '../../core/clock.js';
import { silentLogger } from '../../lib/logger.js';
import { createInProcessQueue } from '../../queue/in-process.js';
import { CONFIRMATION_EMAIL, CONFIRMATION_POLICY } from '../../queue/jobs.js';
import { createPgBossQueue } from '../../queue/pg-boss.js';
import { openJobs, type Queue } from '../../queue/queue.js';
import { createPostgresStore } from '../../store/postgres/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';
import { subscribe } from '../../subscriptions/service.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/email/smtp-server.js';
import { scratchDatabase } from '../../testing/store/scratch-database.js';
import { confirmationHandler, queuedConfirmations } from './confirm-job.js';
import { createMailTransport, type MailTransport } from './transport.js';

const SUBSCRIBERS = 300;
const CONCURRENCY = 4;
const BASE_URL = 'https://post.example.org';

/** Accepts connections and says nothing until `relayTo`: then held and new sockets are piped to `port`. */
async function silentServer() {
  const held = new Set<Socket>();
  const all = new Set<Socket>();
  let target: number | undefined;
  const state = { open: 0, maxOpen: 0, accepted: 0 };
  const relay = (socket: Socket, port: number) => {
    const upstream = connect(port, '127.0.0.1');
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    socket.pipe(upstream);
    upstream.pipe(socket);
  };
  const server: Server = createServer((socket) => {
    all.add(socket);
    state.accepted += 1;
    state.open += 1;
    state.maxOpen = Math.max(state.maxOpen, state.open);
    socket.on('error', () => {});
    socket.on('close', () => {
      state.open -= 1;
      all.delete(socket);
      held.delete(socket);
    });
    if (target === undefined) held.add(socket);
    else relay(socket, target);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    state,
    held: () => held.size,
    relayTo(to: number) {
      target = to;
      for (const socket of held) relay(socket, to);
      held.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of all) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function until(check: () => Promise<boolean> | boolean, what: string, limitMs = 50_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);

interface Engine {
  name: string;
  skip: boolean;
  open(): Promise<{ store: Store; queue: Queue }>;
}

const ENGINES: Engine[] = [
  {
    name: 'SQLite, in-process queue',
    skip: false,
    async open() {
      const store = createSqliteStore({ file: ':memory:' });
      await store.migrate();
      cleanup.push(() => store.close());
      const queue = createInProcessQueue();
      cleanup.push(() => queue.stop({ timeoutMs: 1_000 }));
      return { store, queue };
    },
  },
  {
    name: 'Postgres, pg-boss',
    skip: !postgresUrl,
    async open() {
      // A database of its own, dropped afterwards.
      const db = await scratchDatabase(postgresUrl ?? '', 'hang');
      cleanup.push(db.drop);
      const url = db.url;
      const store = createPostgresStore({ connectionString: url, maxConnections: 8 });
      await store.migrate();
      cleanup.push(() => store.close());
      const queue = await createPgBossQueue({
        connectionString: url,
        schema: 'mp_jobs',
        maintenanceSeconds: 30,
        retentionSeconds: 3600,
        log: silentLogger,
      });
      cleanup.push(() => queue.stop({ timeoutMs: 1_000 }));
      return { store, queue };
    },
  },
];

describe.each(ENGINES)('confirmation emails while the SMTP server hangs ($name)', (engine) => {
  it.skipIf(engine.skip)(
    'keeps the waiting work in the queue with only `concurrency` sends in flight, and sends every confirmation once the server answers',
    async () => {
      const silent = await silentServer();
      cleanup.push(silent.close);
      const smtp: TestSmtpServer = await startTestSmtpServer({ envelopesOnly: true });
      cleanup.push(() => smtp.close());
      const { store, queue } = await engine.open();

      // As serve-queue wires it: one pooled transport, the queue, the handler at its concurrency.
      const settings = EmailSettingsSchema.parse({
        smtpUrl: `smtp://127.0.0.1:${silent.port}`,
        from: 'The AI Morning Post <post@example.org>',
      });
      const pooled = createMailTransport(settings);
      cleanup.push(async () => pooled.close());
      // Every sendMail in flight, counted where the handler calls it.
      let inFlight = 0;
      let maxInFlight = 0;
      const transport = Object.assign(Object.create(pooled) as MailTransport, {
        sendMail: async (message: Parameters<MailTransport['sendMail']>[0]) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            return await pooled.sendMail(message);
          } finally {
            inFlight -= 1;
          }
        },
      });
      await queue.define(CONFIRMATION_EMAIL, CONFIRMATION_POLICY);
      const clock = systemClock;
      await queue.work(
        CONFIRMATION_EMAIL,
        { concurrency: CONCURRENCY },
        confirmationHandler({ store, settings, baseUrl: BASE_URL, clock, log: silentLogger, transport }),
      );
      const deps = {
        store,
        clock,
        baseUrl: BASE_URL,
        confirmTtlHours: 48,
        sendConfirmation: queuedConfirmations({ queue, store, clock }),
      };

      let maxActive = 0;
      const sample = async () => {
        const counts = await queue.counts(CONFIRMATION_EMAIL);
        maxActive = Math.max(maxActive, counts.active);
        return counts;
      };
      const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i + 1}@example.com`);
      const answers = await Promise.all(
        emails.map(async (email) => {
          const answer = await subscribe(deps, { email, source: 'web-form' });
          await sample();
          return answer;
        }),
      );
      expect(answers.every((a) => a.outcome === 'pending' && a.linkQueued)).toBe(true);

      // Every subscribe has answered; the sends it started wait at the silent server.
      await until(async () => (await sample()).active === CONCURRENCY, 'the workers to be busy');
      await until(() => silent.held() === CONCURRENCY, 'the held connections');
      const hanging = await sample();
      expect(hanging).toMatchObject({
        active: CONCURRENCY,
        created: SUBSCRIBERS - CONCURRENCY,
        completed: 0,
        failed: 0,
      });
      // Only as many connections as sends in flight: the rest is rows in the queue, no sockets, no promises.
      expect(silent.state.maxOpen).toBeLessThanOrEqual(CONCURRENCY);
      expect(maxActive).toBeLessThanOrEqual(CONCURRENCY);
      expect(inFlight).toBe(CONCURRENCY);
      expect(maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
      const recorded = await store.subscribers.confirmationSends();
      expect(recorded.size).toBe(SUBSCRIBERS);
      expect([...recorded.values()].every((s) => s.status === 'queued' && s.attempts === 0)).toBe(true);
      expect(smtp.accepted).toBe(0);

      // The server answers: held connections and new ones are relayed to a real SMTP server.
      silent.relayTo(smtp.port);
      await until(async () => openJobs(await sample()) === 0, 'the queue to drain');
      expect(maxActive).toBeLessThanOrEqual(CONCURRENCY);
      expect(maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
      // Sockets now follow the pool (one retired after 100 messages may still be closing while its
      // successor opens); the sends in flight stay bounded, as maxActive shows.

      const received = new Map<string, number>();
      for (const envelope of smtp.envelopes)
        for (const to of envelope.to) received.set(to, (received.get(to) ?? 0) + 1);
      expect(received.size).toBe(SUBSCRIBERS);
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(smtp.envelopes.map((e) => e.messageId)).size).toBe(SUBSCRIBERS);
      const sends = await store.subscribers.confirmationSends();
      expect([...sends.values()].filter((s) => s.status === 'sent')).toHaveLength(SUBSCRIBERS);
      expect(await queue.counts(CONFIRMATION_EMAIL)).toMatchObject({ failed: 0, completed: SUBSCRIBERS });
    },
    90_000,
  );
});
