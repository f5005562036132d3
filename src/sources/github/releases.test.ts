import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectedItemSchema } from '../../core/item.js';
import { memoryCache } from '../../lib/http/conditional-cache.js';
import { json, type Route, routeTransport, testContext } from '../../testing/sources/fixtures.js';
import { githubReleasesSource } from './releases.js';

const fixtureJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const API = 'https://api.github.com';
const latest = (repo: string) => `${API}/repos/${repo}/releases/latest`;
const repos = ['example-lab/tiny-llm', 'agent-co/helper-agents', 'plain-org/no-releases'];
const config = { source: { githubReleases: { repos } } };

const notFound: Route = () =>
  json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, { status: 404 });
const serverError: Route = () => json({ message: 'Server Error' }, { status: 500 });

function routes(overrides: Record<string, Route> = {}): Record<string, Route> {
  return {
    [latest('example-lab/tiny-llm')]: () => json(fixtureJson('api-release-example-lab-tiny-llm.json')),
    [latest('agent-co/helper-agents')]: () => json(fixtureJson('api-release-agent-co-helper-agents.json')),
    [latest('plain-org/no-releases')]: notFound,
    ...overrides,
  };
}

describe('github-releases', () => {
  it('asks each tracked repository for its latest release, with REST headers', async () => {
    const transport = routeTransport(routes());
    const { ctx } = testContext({ transport, config });
    const result = await githubReleasesSource.collect(ctx);

    expect(transport.requests.map((request) => request.url).sort()).toEqual(repos.map(latest).sort());
    for (const request of transport.requests) {
      expect(request.headers.get('accept')).toBe('application/vnd.github+json');
      expect(request.headers.get('x-github-api-version')).toBe('2022-11-28');
    }

    expect(result.items).toEqual([
      {
        kind: 'release',
        externalId: 'example-lab/tiny-llm@v1.2.0',
        title: 'v1.2.0: test release',
        url: 'https://github.com/example-lab/tiny-llm/releases/tag/v1.2.0',
        author: 'example-lab',
        attributes: {
          repository: 'example-lab/tiny-llm',
          tag: 'v1.2.0',
          prerelease: false,
          publishedAt: '2026-08-20T10:05:00Z',
          createdAt: '2026-08-20T10:00:00Z',
        },
        list: 'latest',
        metrics: {},
      },
      {
        kind: 'release',
        externalId: 'agent-co/helper-agents@2.0.0-rc.1',
        // No release name: the tag stands in; no publish date: left out.
        title: '2.0.0-rc.1',
        url: 'https://github.com/agent-co/helper-agents/releases/tag/2.0.0-rc.1',
        author: 'agent-co',
        attributes: {
          repository: 'agent-co/helper-agents',
          tag: '2.0.0-rc.1',
          prerelease: true,
          createdAt: '2026-08-18T08:00:00Z',
        },
        list: 'latest',
        metrics: {},
      },
    ]);
    // Release notes are never stored.
    expect(JSON.stringify(result.items)).not.toMatch(/release notes/i);
    for (const item of result.items) expect(CollectedItemSchema.safeParse(item).success).toBe(true);

    // A repository without releases is a warning, not a failure.
    expect(result.status).toBe('ok');
    expect(result.warnings).toEqual([
      'plain-org/no-releases has no published release (or is not found); skipped',
    ]);
  });

  it('uses the configured API base, path prefix included', async () => {
    const transport = routeTransport({
      'http://ghe.test/api/v3/repos/example-lab/tiny-llm/releases/latest': () =>
        json(fixtureJson('api-release-example-lab-tiny-llm.json')),
    });
    const { ctx } = testContext({
      transport,
      config: {
        endpoints: { githubApi: 'http://ghe.test/api/v3' },
        source: { githubReleases: { repos: ['example-lab/tiny-llm'] } },
      },
    });
    const result = await githubReleasesSource.collect(ctx);
    expect(result.items.map((item) => item.externalId)).toEqual(['example-lab/tiny-llm@v1.2.0']);
  });

  it('asks conditionally and reuses the cached release on 304', async () => {
    const etag = 'W/"release-etag"';
    const transport = routeTransport({
      [latest('example-lab/tiny-llm')]: (request) =>
        request.headers.get('if-none-match') === etag
          ? new Response(null, { status: 304, headers: { etag } })
          : json(fixtureJson('api-release-example-lab-tiny-llm.json'), { headers: { etag } }),
    });
    const { ctx } = testContext({
      transport,
      config: { source: { githubReleases: { repos: ['example-lab/tiny-llm'] } } },
      http: { cache: memoryCache() },
    });
    const first = await githubReleasesSource.collect(ctx);
    const second = await githubReleasesSource.collect(ctx);
    expect(transport.requests[1]?.headers.get('if-none-match')).toBe(etag);
    expect(second.items).toEqual(first.items);
    expect(ctx.http.stats().notModified).toBe(1);
  });

  it('one failing repository makes the result partial; the others still count', async () => {
    const transport = routeTransport(routes({ [latest('agent-co/helper-agents')]: serverError }));
    const { ctx } = testContext({ transport, config });
    const result = await githubReleasesSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.items.map((item) => item.externalId)).toEqual(['example-lab/tiny-llm@v1.2.0']);
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/^latest release of agent-co\/helper-agents: HTTP 500 from .*: Server Error/),
    );
  });

  it('a malformed release is dropped and counted', async () => {
    const transport = routeTransport(
      routes({ [latest('agent-co/helper-agents')]: () => json({ tag_name: '', html_url: 'not a url' }) }),
    );
    const { ctx } = testContext({ transport, config });
    const result = await githubReleasesSource.collect(ctx);
    expect(result.status).toBe('ok');
    expect(result.dropped).toBe(1);
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/^latest release of agent-co\/helper-agents #1 dropped: /),
    );
    expect(result.items).toHaveLength(1);
  });

  it('a truncated JSON answer is a failed request', async () => {
    const transport = routeTransport(
      routes({ [latest('agent-co/helper-agents')]: () => json('{"tag_name":"v1","html_url":"https://git') }),
    );
    const { ctx } = testContext({ transport, config });
    const result = await githubReleasesSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.warnings).toContainEqual(expect.stringMatching(/Invalid JSON from .*helper-agents/));
  });

  it('every request failing throws', async () => {
    const transport = routeTransport(Object.fromEntries(repos.map((repo) => [latest(repo), serverError])));
    const { ctx } = testContext({ transport, config });
    await expect(githubReleasesSource.collect(ctx)).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      status: 500,
    });
  });

  it('every repository without releases is not a failure', async () => {
    const transport = routeTransport(Object.fromEntries(repos.map((repo) => [latest(repo), notFound])));
    const { ctx } = testContext({ transport, config });
    const result = await githubReleasesSource.collect(ctx);
    expect(result).toMatchObject({ status: 'ok', items: [] });
    expect(result.warnings).toHaveLength(3);
  });
});
