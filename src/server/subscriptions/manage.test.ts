/**
 * GET/POST /manage through a real server on port 0, with a real (in-memory SQLite) store: the
 * token finds the reader, the form saves cadence and topics, and everything else is refused with
 * a page that says why.
 */
import { request } from 'node:http';
import { load } from 'cheerio';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.js';
import { memoryLogger } from '../../lib/logger.js';
import type { Store } from '../../store/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { issueToken } from '../../subscriptions/tokens.js';
import { makeSite } from '../../testing/server/site.js';
import { type RunningServer, startServer } from '../index.js';
import { subscriptionRoutes } from './routes.js';

const PUBLIC = 'https://post.example.org';
const site = makeSite();
afterAll(() => site.remove());

let store: Store;
let server: RunningServer;
let clock: ReturnType<typeof fixedClock>;
let readerId: number;
let token: string;

beforeEach(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
  clock = fixedClock('2026-09-01T06:00:00Z');
  const at = clock.now().toISOString();
  const reader = await store.subscribers.addConfirmed({
    email: 'r@example.org',
    consentSource: 'test',
    consentAt: at,
    at,
  });
  readerId = reader.id;
  token = await issueToken(store.subscribers, {
    subscriberId: reader.id,
    purpose: 'manage',
    expiresAt: '2026-10-01T00:00:00.000Z',
    at,
  });
  const deps = { store, clock, baseUrl: PUBLIC, confirmTtlHours: 72, sendConfirmation: async () => {} };
  server = await startServer({
    siteDir: site.siteDir,
    publicUrl: PUBLIC,
    port: 0,
    log: memoryLogger(),
    routes: subscriptionRoutes(deps, { weeklyDay: 'monday' }),
  });
});
afterEach(async () => {
  await server.close();
  await store.close();
});

function call(method: string, target: string, body?: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(server.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ hostname, port, path: target, method, headers, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

const post = (fields: [string, string][], headers: Record<string, string> = {}) =>
  call('POST', '/manage', new URLSearchParams(fields).toString(), {
    'Content-Type': 'application/x-www-form-urlencoded',
    ...headers,
  });

describe('GET /manage', () => {
  it('shows the reader’s choices in a form without script, uncached, sending no Referer on', async () => {
    const reply = await call('GET', `/manage?token=${token}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    const $ = load(reply.body);
    expect($('script').length).toBe(0);
    expect($('h1').text()).toBe('Manage your subscription');
    expect($('input[name="token"]').attr('value')).toBe(token);
    expect($('input[name="cadence"]:checked').attr('value')).toBe('daily');
    expect($('input[name="domain"]:checked').length).toBe(0);
  });

  it('refuses a missing, malformed, unknown, expired or ended reader’s token with a page that says so', async () => {
    const unknown = 'A'.repeat(43);
    for (const target of ['/manage', '/manage?token=abc', `/manage?token=${unknown}`]) {
      const reply = await call('GET', target);
      expect(reply.status, target).toBe(400);
      expect(load(reply.body)('h1').text(), target).toBe('Link expired or invalid');
    }
    // Expired: the clock moves past the token's 30 days.
    await clock.sleep(31 * 86_400_000);
    expect((await call('GET', `/manage?token=${token}`)).status).toBe(400);
    // A reader who left cannot manage anything with a live token either.
    const fresh = await issueToken(store.subscribers, {
      subscriberId: readerId,
      purpose: 'manage',
      expiresAt: '2026-12-01T00:00:00.000Z',
      at: clock.now().toISOString(),
    });
    expect((await call('GET', `/manage?token=${fresh}`)).status).toBe(200);
    await store.subscribers.setStatus(readerId, 'unsubscribed', clock.now().toISOString());
    expect((await call('GET', `/manage?token=${fresh}`)).status).toBe(400);
  });
});

describe('POST /manage', () => {
  it('saves cadence and topics, normalised, and shows them saved; the token stays usable', async () => {
    const reply = await post([
      ['token', token],
      ['cadence', 'weekly'],
      ['domain', 'vision'],
      ['domain', 'medical'],
      ['source', 'github'],
    ]);
    expect(reply.status).toBe(200);
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    const $ = load(reply.body);
    expect($('[role="status"]').text()).toBe(
      'Saved. From the next one, you will receive the weekly edition, its lists carrying only medical or vision items from GitHub.',
    );
    expect($('input[name="cadence"]:checked').attr('value')).toBe('weekly');
    expect(await store.subscribers.get(readerId)).toMatchObject({
      status: 'confirmed',
      cadence: 'weekly',
      topics: { domains: ['medical', 'vision'], sources: ['github'] },
    });
    const back = await post([
      ['token', token],
      ['cadence', 'daily'],
    ]);
    expect(back.status).toBe(200);
    expect(await store.subscribers.get(readerId)).toMatchObject({
      cadence: 'daily',
      topics: { domains: [], sources: [] },
    });
  });

  it('answers 400 naming an unknown topic, escaped, and changes nothing', async () => {
    const hostile = '<script>alert(1)</script>';
    const reply = await post([
      ['token', token],
      ['cadence', 'weekly'],
      ['domain', hostile],
    ]);
    expect(reply.status).toBe(400);
    expect(reply.body).not.toContain(hostile);
    const $ = load(reply.body);
    expect($('script').length).toBe(0);
    expect($('[role="alert"]').text()).toBe(`“${hostile}” is not a topic we offer. Choose from the list.`);
    expect(
      (
        await post([
          ['token', token],
          ['cadence', 'hourly'],
        ])
      ).status,
    ).toBe(400);
    expect(
      (
        await post([
          ['token', token],
          ['cadence', 'daily'],
          ['source', 'reddit'],
        ])
      ).status,
    ).toBe(400);
    expect(await store.subscribers.get(readerId)).toMatchObject({
      cadence: 'daily',
      topics: { domains: [], sources: [] },
    });
  });

  it('refuses a bad token, from anywhere, and a body that is not a form', async () => {
    const bad = await post([
      ['token', 'B'.repeat(43)],
      ['cadence', 'weekly'],
    ]);
    expect(bad.status).toBe(400);
    expect(load(bad.body)('h1').text()).toBe('Link expired or invalid');
    // The token is the authority: a post from another site without it changes nothing.
    const foreign = await post(
      [
        ['token', 'C'.repeat(43)],
        ['cadence', 'weekly'],
      ],
      { Origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(400);
    const json = await call('POST', '/manage', '{"token":"x"}', { 'Content-Type': 'application/json' });
    expect(json.status).toBe(415);
    expect((await store.subscribers.get(readerId))?.cadence).toBe('daily');
  });
});

describe('GET /confirm', () => {
  it('gives the new reader their manage link on the confirmation page, tokened like the manage page', async () => {
    const pending = await store.subscribers.upsertPending({
      email: 'new@example.org',
      consentSource: 'test',
      at: clock.now().toISOString(),
    });
    const confirmToken = await issueToken(store.subscribers, {
      subscriberId: pending.subscriber.id,
      purpose: 'confirm',
      expiresAt: '2026-09-03T00:00:00.000Z',
      at: clock.now().toISOString(),
    });
    const reply = await call('GET', `/confirm?token=${confirmToken}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    const link = load(reply.body)('a:contains("Choose your edition")').attr('href') ?? '';
    expect(link).toMatch(/^https:\/\/post\.example\.org\/manage\?token=[\w-]{43}$/);
    const manage = await call('GET', new URL(link).pathname + new URL(link).search);
    expect(manage.status).toBe(200);
    expect(load(manage.body)('input[name="cadence"]:checked').attr('value')).toBe('daily');
  });
});
