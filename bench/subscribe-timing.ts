/**
 * @module bench/subscribe-timing
 * How long `POST /subscribe` takes to answer for a new, a pending and a confirmed address, through
 * the real server and a SQLite file store, interleaved in random order so load and warm-up fall on
 * all three alike. Equal medians mean the answer's timing does not tell who is subscribed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/core/clock.js';
import { startServer } from '../src/server/index.js';
import { subscriptionRoutes } from '../src/server/subscriptions/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { subscribe } from '../src/subscriptions/service.js';

const BASE_URL = 'https://post.example.org';
const STATES = ['new', 'pending', 'confirmed'] as const;
type State = (typeof STATES)[number];

export interface SubscribeTiming {
  rounds: number;
  answerFloorMs: number;
  medianMs: Record<State, number>;
  p90Ms: Record<State, number>;
}

export async function subscribeTimingBenchmark(rounds = 300, answerFloorMs = 0): Promise<SubscribeTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-subscribe-'));
  const siteDir = join(dir, 'site');
  mkdirSync(siteDir);
  writeFileSync(join(siteDir, 'index.html'), '<!doctype html><title>Post</title>');
  const store = createSqliteStore({ file: join(dir, 'post.db') });
  await store.migrate();
  const deps = {
    store,
    clock: systemClock,
    baseUrl: BASE_URL,
    confirmTtlHours: 72,
    sendConfirmation: async () => {},
  };
  await subscribe(deps, { email: 'pending@example.org', source: 'cli' });
  const now = new Date().toISOString();
  await store.subscribers.addConfirmed({
    email: 'confirmed@example.org',
    consentSource: 'import',
    consentAt: now,
    at: now,
  });
  const routes = subscriptionRoutes(deps, {
    rateLimit: { capacity: 1_000_000, windowMs: 1_000 },
    answerFloorMs,
  });
  const server = await startServer({ siteDir, publicUrl: BASE_URL, port: 0, routes });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/subscribe', server.url);
  const post = (email: string) =>
    new Promise<number>((resolve, reject) => {
      const body = `email=${encodeURIComponent(email)}`;
      const started = performance.now();
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            origin: BASE_URL,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(performance.now() - started)
              : reject(new Error(`status ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const samples: Record<State, number[]> = { new: [], pending: [], confirmed: [] };
  try {
    for (let round = -20; round < rounds; round += 1) {
      const order = [...STATES].sort(() => Math.random() - 0.5);
      for (const state of order) {
        const email = state === 'new' ? `reader-${round + 20}@example.org` : `${state}@example.org`;
        const ms = await post(email);
        if (round >= 0) samples[state].push(ms); // the first 20 rounds warm up
      }
    }
  } finally {
    agent.destroy();
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const at = (values: number[], q: number) =>
    [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))] ?? 0;
  const per = (q: number) =>
    Object.fromEntries(STATES.map((state) => [state, at(samples[state], q)])) as Record<State, number>;
  return { rounds, answerFloorMs, medianMs: per(0.5), p90Ms: per(0.9) };
}

export function formatSubscribeTiming(result: SubscribeTiming): string {
  const cell = (state: State) =>
    `${result.medianMs[state].toFixed(2)} ms (p90 ${result.p90Ms[state].toFixed(2)})`;
  return [
    `answer floor ${result.answerFloorMs} ms${result.answerFloorMs === 0 ? ' (the same work only)' : ''}`,
    `new address        ${cell('new')}`,
    `pending address    ${cell('pending')}`,
    `confirmed address  ${cell('confirmed')}`,
    `(${result.rounds} requests each, interleaved in random order; medians should match)`,
  ].join('\n');
}
