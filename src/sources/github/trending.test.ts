import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MorningPostError } from '../../core/errors.js';
import { CollectedItemSchema } from '../../core/item.js';
import { memoryCache } from '../../lib/http/conditional-cache.js';
import { collect } from '../../pipeline/collect.js';
import { openStore } from '../../store/index.js';
import {
  json,
  memoryAuthors,
  type Route,
  routeTransport,
  testContext,
  text,
} from '../../testing/sources/fixtures.js';
import { githubTrendingSource } from './trending.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const fixtureJson = (name: string): Record<string, unknown> => JSON.parse(fixture(name));
const html =
  (name: string): Route =>
  () =>
    text(fixture(name), 'text/html; charset=utf-8');
const status =
  (code: number): Route =>
  () =>
    text('<html><body>Server error</body></html>', 'text/html', { status: code });

const SERVER = 'https://github.com';
const API = 'https://api.github.com';
const config = { source: { githubTrending: { periods: ['daily', 'weekly'], languages: ['python'] } } };

const PAGES = {
  [`${SERVER}/trending?since=daily`]: html('trending-daily.html'),
  [`${SERVER}/trending/python?since=daily`]: html('trending-daily-python.html'),
  [`${SERVER}/trending?since=weekly`]: html('trending-weekly.html'),
  [`${SERVER}/trending/python?since=weekly`]: html('trending-weekly-python.html'),
};

const plainRepo = (fullName: string) => ({ ...fixtureJson('api-repo-plain.json'), full_name: fullName });

/** REST answers for every repository on the pages; helper-agents has gone (404). */
function apiRoutes(etag?: string): Record<string, Route> {
  const withEtag =
    (body: unknown): Route =>
    (request) =>
      etag && request.headers.get('if-none-match') === etag
        ? new Response(null, { status: 304, headers: { etag } })
        : json(body, etag ? { headers: { etag } } : {});
  return {
    [`${API}/repos/example-lab/tiny-llm`]: withEtag(fixtureJson('api-repo-example-lab-tiny-llm.json')),
    [`${API}/repos/vision-team/seg-kit`]: withEtag(fixtureJson('api-repo-vision-team-seg-kit.json')),
    [`${API}/repos/plain-org/fast-storage`]: withEtag(plainRepo('plain-org/fast-storage')),
    [`${API}/repos/py-org/web-thing`]: withEtag(plainRepo('py-org/web-thing')),
    [`${API}/repos/agent-co/helper-agents`]: () => json({ message: 'Not Found' }, { status: 404 }),
  };
}

const summary = (items: { list: string; externalId: string; rank?: number | undefined }[]) =>
  items.map((item) => `${item.list} #${item.rank} ${item.externalId}`);

describe('github-trending without a token (page data only)', () => {
  it('asks for each period × (all languages + each language) as HTML, and keeps AI/ML rows', async () => {
    const transport = routeTransport(PAGES);
    const { ctx } = testContext({ transport, config });
    const result = await githubTrendingSource.collect(ctx);

    expect(transport.requests.map((request) => request.url)).toEqual([
      'https://github.com/trending?since=daily',
      'https://github.com/trending/python?since=daily',
      'https://github.com/trending?since=weekly',
      'https://github.com/trending/python?since=weekly',
    ]);
    for (const request of transport.requests) expect(request.headers.get('accept')).toBe('text/html');

    expect(result.status).toBe('ok');
    expect(result.warnings).toEqual([]);
    // Ranks are the row positions on the page, counted before filtering.
    expect(summary(result.items)).toEqual([
      'daily #1 example-lab/tiny-llm',
      'daily #4 agent-co/helper-agents',
      'daily/python #1 example-lab/tiny-llm',
      'weekly #1 agent-co/helper-agents',
      'weekly/python #1 example-lab/tiny-llm',
    ]);
    expect(result.items[0]).toEqual({
      kind: 'repository',
      externalId: 'example-lab/tiny-llm',
      title: 'example-lab/tiny-llm',
      url: 'https://github.com/example-lab/tiny-llm',
      author: 'example-lab',
      attributes: {
        description: 'A test description: a small LLM runtime for tests.',
        language: 'Python',
        builtBy: ['alice', 'bob'],
      },
      list: 'daily',
      rank: 1,
      metrics: { stars: 12_345, forks: 678, starsInPeriod: 1_234 },
    });
    expect(result.items[1]?.metrics).toEqual({ stars: 9_001, forks: 321 });
    expect(result.items[3]?.metrics).toEqual({ stars: 9_001, forks: 321, starsInPeriod: 3_000 });
    for (const item of result.items) expect(CollectedItemSchema.safeParse(item).success).toBe(true);
  });

  it('builds URLs from the configured server, keeping its path and encoding language slugs once', async () => {
    const server = 'http://ghe.test/github/';
    const empty = html('trending-empty.html');
    const transport = routeTransport({
      'http://ghe.test/github/trending?since=monthly': empty,
      'http://ghe.test/github/trending/c%2B%2B?since=monthly': empty,
      'http://ghe.test/github/trending/jupyter-notebook?since=monthly': empty,
    });
    const { ctx } = testContext({
      transport,
      config: {
        endpoints: { githubServer: server },
        source: { githubTrending: { periods: ['monthly'], languages: ['c%2B%2B', 'jupyter-notebook'] } },
      },
    });
    const result = await githubTrendingSource.collect(ctx);
    expect(transport.requests.map((request) => request.url)).toEqual([
      'http://ghe.test/github/trending?since=monthly',
      'http://ghe.test/github/trending/c%2B%2B?since=monthly',
      'http://ghe.test/github/trending/jupyter-notebook?since=monthly',
    ]);
    // GitHub's blankslate is an empty list, not a failure.
    expect(result).toMatchObject({ status: 'ok', items: [], warnings: [] });
  });
});

describe('github-trending with a token (REST details)', () => {
  it('looks up each listed repository once, with REST headers, and lets topics decide', async () => {
    const transport = routeTransport({ ...PAGES, ...apiRoutes() });
    const { ctx } = testContext({ transport, config, hasGithubToken: true });
    const result = await githubTrendingSource.collect(ctx);

    const apiRequests = transport.requests.filter((request) => request.url.startsWith(API));
    expect(apiRequests.map((request) => request.url).sort()).toEqual([
      'https://api.github.com/repos/agent-co/helper-agents',
      'https://api.github.com/repos/example-lab/tiny-llm',
      'https://api.github.com/repos/plain-org/fast-storage',
      'https://api.github.com/repos/py-org/web-thing',
      'https://api.github.com/repos/vision-team/seg-kit',
    ]);
    for (const request of apiRequests) {
      expect(request.headers.get('accept')).toBe('application/vnd.github+json');
      expect(request.headers.get('x-github-api-version')).toBe('2022-11-28');
    }

    // seg-kit has no AI words on the page; its `computer-vision` topic puts it in.
    expect(summary(result.items)).toEqual([
      'daily #1 example-lab/tiny-llm',
      'daily #3 vision-team/seg-kit',
      'daily #4 agent-co/helper-agents',
      'daily/python #1 example-lab/tiny-llm',
      'weekly #1 agent-co/helper-agents',
      'weekly/python #1 example-lab/tiny-llm',
    ]);
    expect(result.items[0]).toMatchObject({
      attributes: {
        description: 'A test description from the API.',
        language: 'Python',
        topics: ['llm', 'inference'],
        license: 'Apache-2.0',
        builtBy: ['alice', 'bob'],
        createdAt: '2025-11-03T09:15:00Z',
      },
      metrics: { stars: 12_400, forks: 690, starsInPeriod: 1_234 },
    });
    // NOASSERTION is not a licence; a null API description falls back to the page (none here).
    expect(result.items[1]?.attributes).toEqual({
      language: 'Jupyter Notebook',
      topics: ['computer-vision', 'segmentation'],
      createdAt: '2026-07-30T12:00:00Z',
    });
    // A repository the API no longer knows keeps its page data and is only a warning.
    expect(result.items[2]?.metrics).toEqual({ stars: 9_001, forks: 321 });
    expect(result.status).toBe('ok');
    expect(result.warnings).toEqual([
      'repository agent-co/helper-agents not found by the API; page data used',
    ]);
    for (const item of result.items) expect(CollectedItemSchema.safeParse(item).success).toBe(true);
  });

  it('asks conditionally: a second run is answered by 304s from the cache, with the same items', async () => {
    const transport = routeTransport({ ...PAGES, ...apiRoutes('W/"etag-1"') });
    const { ctx } = testContext({ transport, config, hasGithubToken: true, http: { cache: memoryCache() } });
    const first = await githubTrendingSource.collect(ctx);
    const before = transport.requests.length;
    const second = await githubTrendingSource.collect(ctx);

    const repeated = transport.requests.slice(before).filter((request) => request.url.startsWith(API));
    const conditional = repeated.filter((request) => request.headers.get('if-none-match') === 'W/"etag-1"');
    expect(conditional).toHaveLength(4); // the 404 left nothing to revalidate
    expect(ctx.http.stats().notModified).toBe(4);
    expect(second.items).toEqual(first.items);
  });

  it('stops asking the API after a rate limit and keeps page data (partial)', async () => {
    const limited: Route = () =>
      json(
        { message: 'API rate limit exceeded for 203.0.113.9.' },
        {
          status: 403,
          headers: {
            'x-ratelimit-limit': '60',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': '4102444800',
          },
        },
      );
    const routes: Record<string, Route> = { ...PAGES };
    for (const url of Object.keys(apiRoutes())) routes[url] = limited;
    const transport = routeTransport(routes);
    const { ctx } = testContext({ transport, config, hasGithubToken: true });
    const result = await githubTrendingSource.collect(ctx);

    const apiRequests = transport.requests.filter((request) => request.url.startsWith(API));
    expect(apiRequests.length).toBe(4); // four workers started; the fifth repository was skipped
    expect(result.status).toBe('partial');
    expect(result.warnings).toContain("details skipped for 1 repositories after GitHub's rate limit");
    expect(result.warnings.some((warning) => /rate limited until/.test(warning))).toBe(true);
    expect(summary(result.items)).toHaveLength(5);
  });

  it('treats a malformed REST answer as a failed request, not a lost repository', async () => {
    const routes: Record<string, Route> = { ...PAGES, ...apiRoutes() };
    routes[`${API}/repos/example-lab/tiny-llm`] = () =>
      json({ full_name: 'example-lab/tiny-llm', stargazers_count: 'many' });
    const { ctx } = testContext({ transport: routeTransport(routes), config, hasGithubToken: true });
    const result = await githubTrendingSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.warnings.join('\n')).toMatch(
      /details for example-lab\/tiny-llm: GitHub repository .* unexpected shape/,
    );
    expect(result.items[0]).toMatchObject({ externalId: 'example-lab/tiny-llm', metrics: { stars: 12_345 } });
  });
});

describe('github-trending failures', () => {
  it('one page failing gives partial with a warning; the other pages still count', async () => {
    const transport = routeTransport({ ...PAGES, [`${SERVER}/trending/python?since=daily`]: status(500) });
    const { ctx } = testContext({ transport, config });
    const result = await githubTrendingSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^trending daily\/python: HTTP 500 from https:\/\/github.com\/trending\/python\?since=daily/,
    );
    expect(summary(result.items)).toEqual([
      'daily #1 example-lab/tiny-llm',
      'daily #4 agent-co/helper-agents',
      'weekly #1 agent-co/helper-agents',
      'weekly/python #1 example-lab/tiny-llm',
    ]);
  });

  it('every page failing throws the first page’s error', async () => {
    const routes = Object.fromEntries(Object.keys(PAGES).map((url) => [url, status(503)]));
    const { ctx } = testContext({ transport: routeTransport(routes), config });
    await expect(githubTrendingSource.collect(ctx)).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      status: 503,
      message: expect.stringContaining('https://github.com/trending?since=daily'),
    });
  });

  it('changed markup on one page: partial, and the warning says the page did not parse', async () => {
    const transport = routeTransport({
      ...PAGES,
      [`${SERVER}/trending?since=weekly`]: html('trending-changed.html'),
    });
    const { ctx } = testContext({ transport, config });
    const result = await githubTrendingSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^trending weekly: GitHub Trending page .*since=weekly did not parse: no `article.Box-row` rows/,
      ),
    ]);
  });

  it('changed markup on every page: UPSTREAM_CHANGED', async () => {
    const routes = Object.fromEntries(Object.keys(PAGES).map((url) => [url, html('trending-changed.html')]));
    const { ctx } = testContext({ transport: routeTransport(routes), config });
    const error = await githubTrendingSource.collect(ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MorningPostError);
    expect(error).toMatchObject({ code: 'UPSTREAM_CHANGED', hint: expect.stringMatching(/markup/) });
  });

  it('a page for another period than asked is refused, not filed under the wrong list', async () => {
    const transport = routeTransport({
      ...PAGES,
      [`${SERVER}/trending?since=daily`]: html('trending-weekly.html'),
    });
    const { ctx } = testContext({ transport, config });
    const result = await githubTrendingSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.warnings[0]).toMatch(/shows weekly, not daily/);
    expect(result.items.filter((item) => item.list === 'daily')).toEqual([]);
  });

  it('the collect run records the changed markup as a failed snapshot with the reason', async () => {
    const routes = Object.fromEntries(Object.keys(PAGES).map((url) => [url, html('trending-changed.html')]));
    const { ctx, config: parsed } = testContext({ transport: routeTransport(routes), config });
    const store = await openStore({ databaseUrl: 'sqlite::memory:', dataDir: 'unused' });
    try {
      await store.migrate();
      const run = await collect({
        sources: [githubTrendingSource],
        day: ctx.day,
        store,
        http: ctx.http,
        clock: ctx.clock,
        log: ctx.log,
        config: parsed,
        authors: memoryAuthors(),
      });
      expect(run.rows[0]).toMatchObject({ source: 'github-trending', status: 'failed' });
      expect(run.rows[0]?.error).toMatch(/did not parse: no `article.Box-row` rows/);
      const snapshot = await store.findSnapshot('github-trending', ctx.day);
      expect(snapshot).toMatchObject({ status: 'failed', error: expect.stringMatching(/did not parse/) });
    } finally {
      await store.close();
    }
  });
});
