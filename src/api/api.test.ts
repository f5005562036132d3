/**
 * The JSON API's HTTP behaviour on a store of real-shaped history: validators and 304s, CORS and
 * preflights, the read-only 405, problems for bad parameters, cursors walked to the end, one
 * rate limit shared by two servers on one store, and the site's JSON Feed and edition.json
 * served beside it as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteSettingsSchema } from '../config/schema.js';
import { EditionSchema } from '../core/edition.js';
import { silentLogger } from '../lib/logger.js';
import { loadEditions } from '../pipeline/edition.js';
import { publishSite } from '../pipeline/publish.js';
import { StoreRateLimiter } from '../server/subscriptions/rate-limit.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import { type ApiWorld, fillApiWorld } from '../testing/api/world.js';
import { raw, type Served, serve } from '../testing/server/site.js';
import { encodeCursor } from './params.js';
import { apiRoutes } from './routes.js';

const PUBLIC = 'https://post.example.org';
let store: KyselyStore;
let world: ApiWorld;
let server: Served;
let root: string;
let siteDir: string;

beforeAll(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
  world = await fillApiWorld(store, { editions: 5 });
  root = mkdtempSync(join(tmpdir(), 'mp-api-'));
  siteDir = join(root, 'site');
  await publishSite(
    await loadEditions(store, silentLogger),
    SiteSettingsSchema.parse({ url: PUBLIC, dir: siteDir }),
  );
  server = await serve({ siteDir, publicUrl: PUBLIC, routes: apiRoutes({ store, publicUrl: PUBLIC }) });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => raw(server.base, path, { headers });
const json = (response: { body: Buffer }) => JSON.parse(response.body.toString('utf8'));
const local = (url: string) => url.replace(PUBLIC, '');

describe('validators', () => {
  it('sends a strong ETag over the body and answers If-None-Match with 304 and no body', async () => {
    const first = await get('/api/v1/editions');
    expect(first.status).toBe(200);
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get('/api/v1/editions', { 'If-None-Match': tag });
      expect(again.status, tag).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['access-control-allow-origin']).toBe('*');
    }
    expect((await get('/api/v1/editions', { 'If-None-Match': '"stale"' })).status).toBe(200);
  });

  it('gives a new ETag when the answer changes', async () => {
    const date = world.editionDates.at(-1) as string;
    const before = await get(`/api/v1/editions/${date}`);
    const record = await store.getEdition(date);
    await store.saveEdition(
      {
        date,
        plan: record?.plan,
        text: { ...(record?.text as object), headline: 'A Changed Headline' },
        meta: record?.meta,
      },
      `${date}T09:00:00.000Z`,
      { force: true, publish: true },
    );
    const after = await get(`/api/v1/editions/${date}`, { 'If-None-Match': before.headers.etag ?? '' });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(json(after).headline).toBe('A Changed Headline');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const getAnswer = await get('/api/v1/movers?window=7d&kind=model');
    const head = await raw(server.base, '/api/v1/movers?window=7d&kind=model', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of [
      'etag',
      'content-type',
      'content-length',
      'cache-control',
      'access-control-allow-origin',
    ])
      expect(head.headers[name], name).toBe(getAnswer.headers[name]);
  });
});

describe('CORS', () => {
  it('lets any origin read GET answers, errors included, without varying by Origin', async () => {
    for (const path of ['/api/v1/editions', '/api/v1/editions/1999-01-01', '/api/v1/movers?window=7x']) {
      const response = await get(path, { Origin: 'https://reader.example' });
      expect(response.headers['access-control-allow-origin'], path).toBe('*');
      expect(response.headers['access-control-expose-headers'], path).toContain('ETag');
      expect(response.headers.vary, path).toBeUndefined();
    }
  });

  it('answers a preflight for GET with the methods and headers allowed, and never offers more', async () => {
    const preflight = await raw(server.base, '/api/v1/movers?window=7d', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://reader.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'if-none-match',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(preflight.headers['access-control-allow-headers']).toContain('If-None-Match');
    expect(preflight.headers['access-control-max-age']).toBe('86400');
    const post = await raw(server.base, '/api/v1/editions', {
      method: 'OPTIONS',
      headers: { Origin: 'https://reader.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(post.headers['access-control-allow-methods']).toBe('GET, HEAD');
    const plain = await raw(server.base, '/api/v1/editions', { method: 'OPTIONS' });
    expect(plain.status).toBe(204);
    expect(plain.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(plain.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('refuses every method that writes with a 405 problem naming the allowed ones', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await raw(server.base, '/api/v1/editions', { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(json(response)).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    }
  });
});

describe('bad parameters', () => {
  const cases: [string, string, RegExp][] = [
    ['/api/v1/editions/2026-02-30', 'date', /YYYY-MM-DD/],
    ['/api/v1/editions/yesterday', 'date', /YYYY-MM-DD/],
    ['/api/v1/movers?window=7x', 'window', /1d to 90d/],
    ['/api/v1/movers?window=91d', 'window', /1d to 90d/],
    ['/api/v1/movers?window=0d', 'window', /1d to 90d/],
    ['/api/v1/movers?kind=models', 'kind', /model, dataset/],
    ['/api/v1/movers?day=2026-1-1', 'day', /YYYY-MM-DD/],
    ['/api/v1/editions?limit=0', 'limit', /1 to 100/],
    ['/api/v1/editions?limit=1000000000', 'limit', /1 to 100/],
    ['/api/v1/editions?limit=1e3', 'limit', /whole number/],
    ['/api/v1/editions?limit=-5', 'limit', /whole number/],
    ['/api/v1/editions?cursor=not-a-cursor', 'cursor', /cursor this API gave out/],
    [
      `/api/v1/editions?cursor=${encodeCursor({ r: 'days', before: '2026-10-20' })}`,
      'cursor',
      /for this route/,
    ],
    [
      `/api/v1/editions?cursor=${Buffer.from('{"r":"editions","before":"../x"}').toString('base64url')}`,
      'cursor',
      /cursor/,
    ],
    [
      `/api/v1/movers?cursor=${Buffer.from('{"r":"movers","day":"2026-10-24","window":7,"kind":"model","offset":-4}').toString('base64url')}`,
      'cursor',
      /cursor/,
    ],
    ['/api/v1/metrics?from=2026-10-24&to=2026-10-01', 'from', /after to/],
    ['/api/v1/metrics?from=someday', 'from', /YYYY-MM-DD/],
    ['/api/v1/editions?kinds=model', 'kinds', /not a parameter/],
    ['/api/v1/editions?limit=2&limit=3', 'limit', /more than once/],
    ['/api/v1/models/a/b%20c', 'name', /characters/],
    ['/api/v1/authors/x?limit=367', 'limit', /1 to 366/],
  ];
  it.each(cases)('%s → 400 naming %s', async (path, parameter, message) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const problem = json(response);
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(problem.errors).toEqual([expect.objectContaining({ parameter })]);
    expect(problem.errors[0].message).toMatch(message);
    expect(problem.detail).toContain(parameter);
  });

  it('refuses a movers cursor used for another window or kind', async () => {
    const first = json(await get('/api/v1/movers?window=7d&kind=model&limit=2'));
    const cursor = new URL(first.links.next).searchParams.get('cursor');
    const other = await get(`/api/v1/movers?window=3d&kind=model&limit=2&cursor=${cursor}`);
    expect(other.status).toBe(400);
    expect(json(other).errors[0].parameter).toBe('cursor');
  });

  it('answers unknown routes and subjects with 404 problems', async () => {
    for (const path of [
      '/api/v1/nothing',
      '/api/v1/editions/1999-01-01',
      '/api/v1/models/nobody/nothing',
      '/api/v1/authors/nobody-at-all',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(json(response)).toMatchObject({ status: 404, title: 'Not Found', instance: path.split('?')[0] });
    }
  });
});

describe('pagination', () => {
  it('walks the editions newest first through next cursors, each once', async () => {
    const dates: string[] = [];
    let next: string | null = '/api/v1/editions?limit=2';
    while (next) {
      const page = json(await get(local(next)));
      expect(page.data.length).toBeLessThanOrEqual(2);
      dates.push(...page.data.map((e: { date: string }) => e.date));
      next = page.links.next;
    }
    expect(dates).toEqual([...world.editionDates].reverse());
  });

  it('pages movers in the order of one big page, and each mover says what it was compared with', async () => {
    const whole = json(await get('/api/v1/movers?window=7d&kind=model&limit=100'));
    expect(whole.data.length).toBeGreaterThan(5);
    const paged: unknown[] = [];
    let next: string | null = '/api/v1/movers?window=7d&kind=model&limit=4';
    while (next && paged.length < 100) {
      const page = json(await get(local(next)));
      paged.push(...page.data);
      next = page.links.next;
    }
    expect(paged).toEqual(whole.data.slice(0, paged.length));
    const day = whole.window.day as string;
    for (const mover of whole.data) {
      expect(mover.comparedWith < day).toBe(true);
      if (mover.rankThen !== null && mover.rankNow !== null)
        expect(mover.rankChange).toBe(mover.rankThen - mover.rankNow);
      expect(mover.item.kind).toBe('model');
    }
    const scores = whole.data.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("pages an item's days newest first and lists the editions that named it", async () => {
    const edition = json(await get(`/api/v1/editions/${world.editionDates.at(-1)}`));
    const item = edition.sections
      .flatMap((s: { items: { links: { api: string | null } }[] }) => s.items)
      .find((i: { kind: string; links: { api: string | null } }) => i.kind === 'model' && i.links.api);
    const days: string[] = [];
    let next: string | null = `${local(item.links.api)}?limit=3`;
    let history: { editions: { date: string }[]; subject: { daysSeen: number } } | undefined;
    while (next) {
      const page = json(await get(local(next)));
      history = page;
      days.push(...page.days.map((d: { day: string }) => d.day));
      next = page.links.next;
    }
    expect(days).toEqual([...days].sort().reverse());
    expect(new Set(days).size).toBe(days.length);
    expect(days.length).toBe(history?.subject.daysSeen);
    expect(history?.editions.map((e) => e.date)).toContain(world.editionDates.at(-1));
  });
});

describe('rate limit', () => {
  it('is one limit for two servers on one store: the fourth request from an address is a 429', async () => {
    const limit = { capacity: 3, windowMs: 60_000 };
    const now = () => Date.parse('2026-10-25T00:00:00Z');
    const servers = await Promise.all(
      [0, 1].map(() =>
        serve({
          siteDir,
          publicUrl: PUBLIC,
          routes: apiRoutes({
            store,
            publicUrl: PUBLIC,
            rateLimit: limit,
            limiter: new StoreRateLimiter(store.rateLimits, limit, now, { scope: 'api' }),
          }),
        }),
      ),
    );
    try {
      const from = (address: string) => ({ 'X-Forwarded-For': address });
      const answers = [];
      for (let i = 0; i < 4; i++)
        answers.push(
          await raw((servers[i % 2] as Served).base, '/api/v1/editions', { headers: from('198.51.100.7') }),
        );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((a) => a.headers['ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
      const refused = answers[3] as (typeof answers)[number];
      expect(refused.headers['retry-after']).toBe('20');
      expect(refused.headers['ratelimit-limit']).toBe('3');
      expect(refused.headers['ratelimit-policy']).toBe('3;w=60');
      expect(json(refused)).toMatchObject({ status: 429, title: 'Too Many Requests' });
      // Another address has its own allowance, on either server.
      expect(
        (await raw((servers[1] as Served).base, '/api/v1/editions', { headers: from('198.51.100.8') }))
          .status,
      ).toBe(200);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});

describe('the site beside the API', () => {
  it('still serves the JSON Feed and each edition.json, agreeing with the API', async () => {
    const feed = await get('/feed.json');
    expect(feed.status).toBe(200);
    const parsed = json(feed);
    expect(parsed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(parsed.items.length).toBe(world.editionDates.length);
    for (const date of world.editionDates) {
      const file = await get(`/editions/${date}/edition.json`);
      expect(file.status).toBe(200);
      const edition = EditionSchema.parse(json(file));
      const api = json(await get(`/api/v1/editions/${date}`));
      expect(api.number).toBe(edition.number);
      expect(api.links.json).toBe(`${PUBLIC}/editions/${date}/edition.json`);
      expect(api.sections.map((s: { id: string }) => s.id)).toEqual(edition.text.sections.map((s) => s.id));
    }
  });
});
