/**
 * GET /search through a real server on port 0 with an in-memory SQLite store: status codes and
 * headers, hostile queries and hostile titles escaped, pages, the rate limit, a failing store,
 * the masthead's form on built pages, and every kind of answer checked by the Nu HTML Checker.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.js';
import { buildSitePages } from '../renderers/site/build.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import type { SearchStore } from '../store/store.js';
import { describeVnu, isVnuError, validate } from '../testing/browser/vnu.js';
import { HOSTILE_STRINGS, seedEdition } from '../testing/editions/editions.js';
import { makeSite } from '../testing/server/site.js';
import { type RunningServer, startServer } from './index.js';
import { type SearchRouteOptions, searchRoutes } from './search.js';
import { RateLimiter } from './subscriptions/rate-limit.js';

const PUBLIC = 'https://post.example.org';
const site = makeSite();
let store: KyselyStore;
let server: RunningServer;
let log: ReturnType<typeof memoryLogger>;

const model = (id: string, title = id) => ({
  kind: 'model' as const,
  externalId: id,
  title,
  url: `https://huggingface.co/${id}`,
  author: id.split('/')[0],
  attributes: {},
  list: 'trending',
  metrics: {},
});

beforeAll(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
  await store.saveSnapshot({
    source: 'hf-models',
    day: '2026-08-23',
    takenAt: '2026-08-23T06:00:00Z',
    status: 'ok',
    items: [
      model('Qwen/Qwen3-8B'),
      model('unsloth/Qwen3-8B-GGUF'),
      model('evil/script', `${HOSTILE_STRINGS.script} hostile`),
      model('evil/breakout', `${HOSTILE_STRINGS.breakout} hostile`),
      model('evil/rtl', `${HOSTILE_STRINGS.rtl} hostile`),
      ...Array.from({ length: 45 }, (_, i) => model(`many/gadget-${String(i).padStart(2, '0')}`)),
    ],
  });
  const edition = await seedEdition();
  await store.saveEdition(
    { date: edition.date, plan: edition.plan, text: edition.text, meta: edition.meta },
    '2026-08-23T06:30:00Z',
    {
      publish: true,
    },
  );
});
afterAll(async () => {
  await store.close();
  site.remove();
});

async function start(options: Partial<SearchRouteOptions> = {}): Promise<void> {
  await server?.close();
  log = memoryLogger();
  server = await startServer({
    siteDir: site.siteDir,
    publicUrl: PUBLIC,
    port: 0,
    log,
    routes: searchRoutes({ search: store.search, site: { baseUrl: PUBLIC }, ...options }),
  });
}
afterEach(async () => {
  await server?.close();
});

async function get(query: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}/search${query}`, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('GET /search', () => {
  it('answers a search with the site page, marked hits and cache headers', async () => {
    await start();
    const { status, headers, body } = await get('?q=qwen3');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('cache-control')).toBe('public, max-age=60');
    expect(headers.get('x-robots-tag')).toBe('noindex');
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(body).toContain('<meta name="robots" content="noindex">');
    expect(body).toContain('value="qwen3"');
    // Both models, and the seed edition, which names Qwen/Qwen3-32B.
    expect(body).toContain('<p class="search-count" role="status">3 results for “qwen3”.</p>');
    expect(body).toContain('<a href="/models/Qwen/Qwen3-8B/">Qwen/<mark>Qwen3</mark>-8B</a>');
    // Qwen's own model first: the shorter name.
    expect(body.indexOf('/models/Qwen/Qwen3-8B/')).toBeLessThan(
      body.indexOf('/models/unsloth/Qwen3-8B-GGUF/'),
    );
    expect(body).toContain('<time datetime="2026-08-23">first seen 23 August 2026</time>');
    expect(body).not.toMatch(/<script/i);
    // The page carries its own form; the masthead's is left out.
    expect(body.match(/role="search"/g)).toHaveLength(1);
  });

  it('answers the bare form, and HEAD without a body; other methods are refused', async () => {
    await start();
    const empty = await get('');
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('<input id="search-q" type="search" name="q" value=""');
    expect(empty.body).not.toContain('search-count');
    expect((await get('?q=%20%20')).body).not.toContain('search-count');
    const head = await get('?q=qwen3', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    const post = await get('?q=qwen3', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('escapes hostile queries and hostile titles', async () => {
    await start();
    const q = `"><script>alert(1)</script><img src=x onerror=alert(2)> hostile`;
    const { status, body } = await get(`?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(body).not.toMatch(/<script|<img/i);
    expect(body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const titles = await get('?q=hostile');
    expect(titles.status).toBe(200);
    expect(titles.body).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt; <mark>hostile</mark>');
    expect(titles.body).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(titles.body).not.toMatch(/<script|<img/i);
    // Bidi overrides are kept as text, never left to reorder the page around them.
    expect(titles.body).toContain('\u202E');
    // Syntax of the search engines is no syntax here.
    for (const hostile of ['"', '*', 'NEAR(a b)', 'a:b', '(((', '\u0000', 'x'.repeat(3000)]) {
      expect((await get(`?q=${encodeURIComponent(hostile)}`)).status).toBe(200);
    }
    expect((await get(`?q=${encodeURIComponent('*"()')}`)).body).toContain('There is nothing to search for');
  });

  it('says what to try when nothing is found', async () => {
    await start();
    const none = await get('?q=zzzunknownzzz');
    expect(none.status).toBe(200);
    expect(none.body).toContain('Nothing found for “zzzunknownzzz”.');
    expect(none.body).toContain('href="/editions/"');
    const typed = await get('?q=zzzunknownzzz&type=paper');
    expect(typed.body).toContain('Nothing found for “zzzunknownzzz” among papers.');
    expect(typed.body).toContain('<a href="/search?q=zzzunknownzzz">Search everything');
    expect(typed.body).toContain('<option value="paper" selected>Papers</option>');
  });

  it('pages with next and previous links, and refuses unknown types and cursors', async () => {
    await start();
    const first = await get('?q=gadget');
    expect(first.body).toContain('45 results for “gadget”. (1–20 shown)');
    expect(first.body).toContain('<a href="/search?q=gadget&amp;cursor=20" rel="next">More results</a>');
    const third = await get('?q=gadget&cursor=40');
    expect(third.status).toBe(200);
    expect(third.body).toContain('(41–45 shown)');
    expect(third.body).toContain('<ol class="search-results" start="41">');
    expect(third.body).toContain('rel="prev"');
    expect(third.body).not.toContain('rel="next"');
    const bad = await get('?q=gadget&type=spaceship');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(bad.body).toContain('There is no such kind of result');
    expect((await get('?q=gadget&cursor=abc')).status).toBe(400);
    expect((await get('?q=gadget&cursor=99999')).status).toBe(400);
    expect((await get('?q=gadget&cursor=0')).body).toContain('(1–20 shown)');
    const models = await get('?q=gadget&type=model');
    expect(models.status).toBe(200);
    expect(models.body).toContain('45 results for “gadget” among models.');
  });

  it('finds editions and links them to their permalinks', async () => {
    await start();
    const edition = await seedEdition();
    const word = edition.text.headline.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w)) ?? '';
    const { body } = await get(`?q=${encodeURIComponent(word)}&type=edition`);
    expect(body).toContain(`href="/editions/${edition.date}/"`);
    expect(body).toContain('Edition · <time');
  });

  it('limits each client, with Retry-After', async () => {
    await start({ limiter: new RateLimiter({ capacity: 2, windowMs: 60_000 }, () => Date.now()) });
    expect((await get('?q=qwen3')).status).toBe(200);
    expect((await get('?q=qwen3')).status).toBe(200);
    const refused = await get('?q=qwen3');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toContain('Too many searches');
    // The bare form costs nothing.
    expect((await get('')).status).toBe(200);
  });

  it('answers 503 when the store fails, and logs it', async () => {
    const failing: SearchStore = {
      query: () => Promise.reject(new Error('database is locked')),
      reindex: () => Promise.reject(new Error('no')),
    };
    await start({ search: failing });
    const { status, headers, body } = await get('?q=qwen3');
    expect(status).toBe(503);
    expect(headers.get('retry-after')).toBe('30');
    expect(body).toContain('Search is not available right now');
    expect(body).not.toContain('database is locked');
    expect(log.records.some((record) => record.message === 'search failed')).toBe(true);
  });
});

describe('the search form on the site', () => {
  it('is in the masthead only when the site says /search is served', async () => {
    const edition = await seedEdition();
    const withSearch = await buildSitePages([edition], { baseUrl: PUBLIC, search: true });
    const without = await buildSitePages([edition], { baseUrl: PUBLIC });
    const page = (files: typeof without, path: string) =>
      files.find((file) => file.path === path)?.body ?? '';
    for (const path of ['index.html', 'editions/index.html', 'methodology/index.html', '404.html']) {
      expect(page(withSearch, path)).toContain(
        '<form class="site-search" role="search" method="get" action="/search"><label class="visually-hidden" for="site-search-q">Search the Post</label>',
      );
      expect(page(without, path)).not.toContain('site-search');
    }
  });
});

describe('validity', () => {
  it('has no validator errors on any answer of /search or on a page with the masthead form', async () => {
    await start({ limiter: new RateLimiter({ capacity: 8, windowMs: 60_000 }, () => Date.now()) });
    const answers = {
      'results.html': (await get('?q=qwen3')).body,
      'editions.html': (await get('?q=the&type=edition')).body,
      'paged.html': (await get('?q=gadget&cursor=20')).body,
      'hostile.html': (await get(`?q=${encodeURIComponent('"><script>x</script> hostile')}`)).body,
      'none.html': (await get('?q=zzzunknownzzz&type=author')).body,
      'empty.html': (await get('')).body,
      'nothing.html': (await get('?q=%2A%22')).body,
      'bad.html': (await get('?q=x&type=nope')).body,
    };
    const edition = await seedEdition();
    const built = await buildSitePages([edition], { baseUrl: PUBLIC, search: true });
    const front = built.find((file) => file.path === 'index.html')?.body ?? '';
    const errors = (await validate({ ...answers, 'front.html': front })).filter(isVnuError).map(describeVnu);
    expect(errors).toEqual([]);
  }, 120_000);
});
