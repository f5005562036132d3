/**
 * The subscription endpoints through a real server on port 0, with a real (in-memory SQLite)
 * store and a recording mail sender.
 */
import { type IncomingHttpHeaders, request } from 'node:http';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.js';
import { memoryLogger } from '../../lib/logger.js';
import type { Store } from '../../store/index.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import type { ConfirmationMessage, SubscriptionDeps } from '../../subscriptions/service.js';
import { unsubscribeUrl } from '../../subscriptions/service.js';
import { makeSite } from '../../testing/server/site.js';
import { type RunningServer, startServer } from '../index.js';
import { type SubscriptionRouteOptions, subscriptionRoutes } from './routes.js';

const PUBLIC = 'https://post.example.org';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const site = makeSite();
afterAll(() => site.remove());

let store: Store;
let clock: ReturnType<typeof fixedClock>;
let sent: ConfirmationMessage[];
let server: RunningServer;
let log: ReturnType<typeof memoryLogger>;

async function start(options: SubscriptionRouteOptions = {}, override: Partial<SubscriptionDeps> = {}) {
  await server?.close();
  const deps: SubscriptionDeps = {
    store,
    clock,
    baseUrl: PUBLIC,
    confirmTtlHours: 72,
    sendConfirmation: async (message) => {
      sent.push(message);
    },
    ...override,
  };
  server = await startServer({
    siteDir: site.siteDir,
    publicUrl: PUBLIC,
    port: 0,
    log,
    routes: subscriptionRoutes(deps, options),
  });
}

beforeEach(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
  clock = fixedClock('2026-09-01T06:00:00Z');
  sent = [];
  log = memoryLogger();
  await start();
});
afterEach(async () => {
  await server.close();
  await store.close();
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection; a reply that arrives before the body is fully sent counts. */
function call(
  method: string,
  target: string,
  init: { headers?: Record<string, string>; body?: string | Buffer; chunks?: number } = {},
): Promise<Reply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let replied = false;
    const req = request(
      { hostname, port, path: target, method, headers: init.headers, agent: false },
      (res) => {
        replied = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', (error) => {
      if (!replied) reject(error);
    });
    if (init.chunks) {
      // A large chunked body with no Content-Length, written until the server stops reading.
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let left = init.chunks;
      const pump = () => {
        while (left > 0 && !req.destroyed) {
          left--;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else req.end(init.body);
  });
}

const subscribeForm = (email: string, headers: Record<string, string> = {}) =>
  call('POST', '/subscribe', {
    headers: { ...FORM, ...headers },
    body: new URLSearchParams({ email }).toString(),
  });
const T = '2026-09-01T05:00:00.000Z';
const tokenOf = (url: string | undefined) => new URL(url ?? 'http://x/').searchParams.get('token') ?? '';
const status = async (email: string) => (await store.subscribers.findByEmail(email))?.status;

describe('POST /subscribe', () => {
  it('stores a pending address, mails a link and answers "check your inbox", uncached', async () => {
    const reply = await subscribeForm('Reader@Example.org', { Origin: PUBLIC });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-security-policy']).toContain("form-action 'self'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.body).toContain('<h1>Check your inbox</h1>');
    expect(reply.body).not.toContain('Reader');
    expect(await store.subscribers.findByEmail('Reader@example.org')).toMatchObject({
      status: 'pending',
      consentSource: 'web-form',
      consentIp: '127.0.0.1',
    });
    expect(sent.map((m) => m.email)).toEqual(['Reader@example.org']);
  });

  it('answers byte for byte the same for new, pending and confirmed addresses', async () => {
    await start({ rateLimit: { capacity: 100, windowMs: 60_000 } });
    const unknown = await subscribeForm('new@example.org');
    const pending = await subscribeForm('new@example.org');
    await call('GET', `/confirm?token=${tokenOf(sent[0]?.confirmUrl)}`);
    expect(await status('new@example.org')).toBe('confirmed');
    const confirmed = await subscribeForm('new@example.org');
    const other = await subscribeForm('someone.else@example.net');
    for (const reply of [unknown, pending, confirmed, other]) {
      expect(reply.status).toBe(200);
      expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(unknown.body)));
      expect(reply.body).toBe(unknown.body);
    }
    // The confirmed address got no mail, nor did the pending one within ten minutes of its first.
    expect(sent.map((m) => m.email)).toEqual(['new@example.org', 'someone.else@example.net']);
  });

  it('answers before the mail is sent, and logs a failed send without the address', async () => {
    let release = () => {};
    await start(
      {},
      {
        sendConfirmation: () =>
          new Promise((_resolve, reject) => {
            release = () => reject(new Error('SMTP 451 try later'));
          }),
      },
    );
    const reply = await subscribeForm('slow@example.org');
    expect(reply.status).toBe(200);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    const failure = log.records.find((r) => r.message === 'confirmation email failed');
    expect(failure?.fields).toMatchObject({ error: 'SMTP 451 try later' });
    expect(JSON.stringify(failure)).not.toContain('slow@example.org');
  });

  it.each([
    ['JSON', 'application/json'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['plain text', 'text/plain'],
    ['a non-UTF-8 charset', 'application/x-www-form-urlencoded; charset=iso-8859-1'],
  ])('refuses %s with 415', async (_name, type) => {
    const reply = await call('POST', '/subscribe', {
      headers: { 'Content-Type': type },
      body: 'email=a%40b.org',
    });
    expect(reply.status).toBe(415);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toContain('<h1>Unsupported form</h1>');
    expect(reply.headers['accept-post']).toBe('application/x-www-form-urlencoded');
    expect(await store.subscribers.list()).toEqual([]);
  });

  it('accepts a form type with a UTF-8 charset', async () => {
    const reply = await call('POST', '/subscribe', {
      headers: { 'Content-Type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' },
      body: 'email=a%40example.org',
    });
    expect(reply.status).toBe(200);
  });

  it('refuses a body over 4 kB with 413, declared or not, and keeps serving', async () => {
    const padded = `email=a%40example.org&pad=${'x'.repeat(4100)}`;
    const declared = await call('POST', '/subscribe', { headers: FORM, body: padded });
    expect(declared.status).toBe(413);
    expect(declared.headers.connection).toBe('close');
    expect(declared.body).toContain('<h1>Too much data</h1>');
    const huge = await call('POST', '/subscribe', {
      headers: { ...FORM, 'Transfer-Encoding': 'chunked' },
      chunks: 16 * 16, // 16 MiB offered
    });
    expect(huge.status).toBe(413);
    expect(await store.subscribers.list()).toEqual([]);
    expect((await subscribeForm('after@example.org')).status).toBe(200);
  });

  it.each([
    ['another site', { Origin: 'https://evil.example' }],
    ['another port', { Origin: 'https://post.example.org:8443' }],
    ['an opaque origin', { Origin: 'null' }],
    ['a Referer from another site', { Referer: 'https://evil.example/page' }],
    ['a non-http Referer', { Referer: 'file:///tmp/form.html' }],
  ])('refuses a post from %s with 403', async (_name, headers) => {
    const reply = await subscribeForm('victim@example.org', headers);
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('<h1>Not allowed</h1>');
    expect(await store.subscribers.list()).toEqual([]);
  });

  it('accepts posts from the public origin, the host it was reached at, or naming none', async () => {
    const own = server.url;
    const sources: Record<string, string>[] = [
      { Origin: PUBLIC },
      { Origin: own },
      { Referer: `${PUBLIC}/editions/2026-09-01/` },
      { Referer: `${own}/` },
      {},
    ];
    for (const headers of sources) {
      expect((await subscribeForm('reader@example.org', headers)).status).toBe(200);
    }
  });

  it('limits each client to 5 posts in 10 minutes with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await subscribeForm(`r${i}@example.org`)).status).toBe(200);
    const limited = await subscribeForm('r5@example.org');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('120');
    expect(limited.body).toContain('<h1>Too many requests</h1>');
    expect(await status('r5@example.org')).toBeUndefined();
    // Another client behind the local proxy has its own bucket.
    expect((await subscribeForm('other@example.org', { 'X-Forwarded-For': '198.51.100.7' })).status).toBe(
      200,
    );
    await clock.sleep(120_000);
    expect((await subscribeForm('r5@example.org')).status).toBe(200);
    expect((await subscribeForm('r6@example.org')).status).toBe(429);
  });

  it('shows the form again with a plain, escaped error for an invalid address', async () => {
    const reply = await subscribeForm('<script>alert(1)</script>');
    expect(reply.status).toBe(400);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toContain('That does not look like an email address.');
    expect(reply.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(reply.body).not.toContain('<script>');
    expect(await store.subscribers.list()).toEqual([]);
  });

  it.each([
    ['CRLF in the email field', 'email=reader%40example.org%0D%0ABcc%3A+victim%40example.net'],
    ['LF in another field', 'email=reader%40example.org&note=a%0Ab'],
    ['two email fields', 'email=a%40example.org&email=b%40example.org'],
    ['no email field', 'name=reader'],
    ['invalid UTF-8', Buffer.from([...Buffer.from('email=a'), 0xff, ...Buffer.from('%40example.org')])],
  ])('refuses %s with 400 and stores nothing', async (_name, body) => {
    const reply = await call('POST', '/subscribe', { headers: FORM, body });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('<form class="subscribe-form"');
    expect(await store.subscribers.list()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('tells a bot that fills the hidden field what a person is told, and stores nothing', async () => {
    const bot = await call('POST', '/subscribe', {
      headers: FORM,
      body: 'email=bot%40example.org&website=spam.example',
    });
    const person = await subscribeForm('person@example.org');
    expect(bot.status).toBe(200);
    expect(bot.body).toBe(person.body);
    expect(await status('bot@example.org')).toBeUndefined();
  });

  it('answers new, pending and confirmed addresses no sooner than the floor after the request', async () => {
    await store.subscribers.addConfirmed({
      email: 'in@example.org',
      consentSource: 'import',
      consentAt: T,
      at: T,
    });
    await subscribeForm('pending@example.org');
    for (const email of ['new@example.org', 'pending@example.org', 'in@example.org']) {
      // The fake clock advances by what the route waited: the floor less the work's own time.
      const before = clock.now().getTime();
      const reply = await subscribeForm(email);
      expect(reply.body).toContain('<h1>Check your inbox</h1>');
      const waited = clock.now().getTime() - before;
      expect(waited, email).toBeGreaterThan(0);
      expect(waited, email).toBeLessThanOrEqual(50);
    }
    await start({ answerFloorMs: 0 });
    const before = clock.now().getTime();
    await subscribeForm('another@example.org');
    expect(clock.now().getTime()).toBe(before);
  });

  it('answers a store failure with a 500 page, logged', async () => {
    const broken = { subscribers: { requestConfirmation: () => Promise.reject(new Error('disk full')) } };
    await start({}, { store: broken as unknown as Store });
    const reply = await subscribeForm('reader@example.org');
    expect(reply.status).toBe(500);
    expect(reply.body).toContain('<h1>Something went wrong</h1>');
    expect(reply.body).not.toContain('disk full');
    expect(log.records.some((r) => r.message === 'subscription request failed')).toBe(true);
  });
});

describe('GET /subscribe', () => {
  it('shows the form', async () => {
    const reply = await call('GET', '/subscribe');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('action="/subscribe"');
    expect(reply.body).not.toContain('action="/search"');
  });

  it('carries the masthead search form when the site has search, like the published pages', async () => {
    await start({ search: true });
    const reply = await call('GET', '/subscribe');
    expect(reply.body).toContain('action="/search"');
  });
});

describe('GET /confirm', () => {
  it('confirms with the mailed link once; the link then says expired or invalid', async () => {
    await subscribeForm('reader@example.org');
    const target = new URL(sent[0]?.confirmUrl ?? '');
    // HEAD (a link checker) looks without using the link up.
    expect((await call('HEAD', `${target.pathname}${target.search}`)).status).toBe(200);
    const first = await call('GET', `${target.pathname}${target.search}`);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toContain('<h1>Subscription confirmed</h1>');
    expect(await status('reader@example.org')).toBe('confirmed');
    const again = await call('GET', `${target.pathname}${target.search}`);
    expect(again.status).toBe(400);
    expect(again.body).toContain('<h1>Link expired or invalid</h1>');
  });

  it.each([
    ['no token', '/confirm'],
    ['a malformed token', '/confirm?token=%0D%0Aabc'],
    ['an unknown token', `/confirm?token=${'Z'.repeat(43)}`],
    ['two tokens', `/confirm?token=${'Z'.repeat(43)}&token=${'Y'.repeat(43)}`],
  ])('refuses %s with 400', async (_name, target) => {
    const reply = await call('GET', target);
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('<h1>Link expired or invalid</h1>');
  });

  it('refuses an expired link', async () => {
    await subscribeForm('reader@example.org');
    await clock.sleep(73 * 3_600_000);
    expect((await call('GET', `/confirm?token=${tokenOf(sent[0]?.confirmUrl)}`)).status).toBe(400);
    expect(await status('reader@example.org')).toBe('pending');
  });
});

describe('unsubscribe', () => {
  async function confirmedReader(): Promise<string> {
    await store.subscribers.addConfirmed({
      email: 'reader@example.org',
      consentSource: 'cli',
      consentAt: '2026-09-01T00:00:00Z',
      at: '2026-09-01T00:00:00Z',
    });
    const id = (await store.subscribers.findByEmail('reader@example.org'))?.id ?? 0;
    return tokenOf(await unsubscribeUrl({ store, clock, baseUrl: PUBLIC }, id));
  }

  it('GET shows the button and does not unsubscribe', async () => {
    const token = await confirmedReader();
    const reply = await call('GET', `/unsubscribe?token=${token}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toContain(
      `<form class="subscribe-form" method="post" action="/unsubscribe?token=${token}">`,
    );
    expect(reply.body).toContain('>Unsubscribe</button>');
    expect(await status('reader@example.org')).toBe('confirmed');
    expect((await call('HEAD', `/unsubscribe?token=${token}`)).status).toBe(200);
    expect(await status('reader@example.org')).toBe('confirmed');
  });

  it('POST from the page unsubscribes at once, and again is still fine', async () => {
    const token = await confirmedReader();
    const reply = await call('POST', `/unsubscribe?token=${token}`, {
      headers: { ...FORM, Origin: PUBLIC },
      body: '',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<h1>You are unsubscribed</h1>');
    expect(await status('reader@example.org')).toBe('unsubscribed');
    expect((await call('POST', `/unsubscribe?token=${token}`, { headers: FORM, body: '' })).status).toBe(200);
  });

  it('accepts RFC 8058 one-click from a mail provider, whatever its origin', async () => {
    const token = await confirmedReader();
    const reply = await call('POST', `/unsubscribe?token=${token}`, {
      headers: { ...FORM, Origin: 'https://mail.provider.example' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(reply.status).toBe(200);
    expect(await status('reader@example.org')).toBe('unsubscribed');
  });

  it('refuses unknown tokens on GET and POST with 400, changing nothing', async () => {
    await confirmedReader();
    const forged = `/unsubscribe?token=${'Q'.repeat(43)}`;
    const page = await call('GET', forged);
    expect(page.status).toBe(400);
    expect(page.body).toContain('<h1>Link invalid</h1>');
    expect(page.body).not.toContain('<form');
    expect((await call('POST', forged, { headers: FORM, body: 'List-Unsubscribe=One-Click' })).status).toBe(
      400,
    );
    expect((await call('POST', '/unsubscribe', { headers: FORM, body: '' })).status).toBe(400);
    expect(await status('reader@example.org')).toBe('confirmed');
  });

  it('refuses a huge one-click body with 413', async () => {
    const token = await confirmedReader();
    const reply = await call('POST', `/unsubscribe?token=${token}`, { headers: FORM, chunks: 64 });
    expect(reply.status).toBe(413);
    expect(await status('reader@example.org')).toBe('confirmed');
  });
});
