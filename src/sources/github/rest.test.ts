import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryCache } from '../../lib/http/conditional-cache.js';
import {
  hasSharedFixtures,
  routeTransport,
  SHARED_MISSING_REASON,
  sharedFixture,
  testContext,
} from '../../testing/sources/fixtures.js';
import { readPygithubReplay, toResponse as replay } from '../../testing/sources/recordings.js';
import { githubReleasesSource } from './releases.js';
import {
  eachUntilRateLimited,
  endpointUrl,
  GITHUB_REST_HEADERS,
  licenseOf,
  RepositorySchema,
} from './rest.js';

function shared(name: string): string {
  const path = sharedFixture(`github/${name}`);
  if (!path) throw new Error(`missing shared fixture ${name}`);
  return path;
}

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

describe.skipIf(!hasSharedFixtures)('GitHub REST recordings', () => {
  it('a real GET /repos/{owner}/{repo} body (PyGithub, 2025-01-07) passes the repository schema', () => {
    const body: unknown = JSON.parse(
      readFileSync(shared('api-repos-PyGithub-PyGithub-2025-01-07.body.json'), 'utf8'),
    );
    const repo = RepositorySchema.parse(body);
    expect(repo).toEqual({
      full_name: 'PyGithub/PyGithub',
      description: 'Typed interactions with the GitHub API v3',
      stargazers_count: 7122,
      forks_count: 1793,
      topics: ['github', 'github-api', 'pygithub', 'python'],
      language: 'Python',
      license: { spdx_id: 'LGPL-3.0' },
      created_at: '2012-02-25T12:53:47Z',
    });
    expect(licenseOf(repo)).toBe('LGPL-3.0');
  });

  it('the recorded 304 Not Modified is answered from the conditional cache', async () => {
    const [notModified] = readPygithubReplay(
      shared('api-repos-304-not-modified-2013-08-22.pygithub-replay.txt'),
    );
    if (!notModified) throw new Error('no exchange in the 304 recording');
    expect(notModified.status).toBe(304);
    const recordedHeaders = new Headers(notModified.headers);
    const etag = recordedHeaders.get('etag') ?? '';
    const lastModified = recordedHeaders.get('last-modified') ?? '';
    const body = readFileSync(shared('api-repos-PyGithub-PyGithub-2025-01-07.body.json'), 'utf8');

    // First answer: a 200 carrying the validators the 304 recording was made with; then the recorded 304.
    const url = `https://api.github.com${notModified.path}`;
    const transport = routeTransport({
      [url]: [
        () => new Response(body, { status: 200, headers: { etag, 'last-modified': lastModified } }),
        () => replay(notModified),
      ],
    });
    const { ctx } = testContext({ transport, http: { cache: memoryCache() } });
    const target = endpointUrl(ctx.endpoints.githubApi, ['repos', 'akfish', 'PyGithub']);
    expect(target).toBe(url);
    const options = { headers: { ...GITHUB_REST_HEADERS }, conditional: true };

    const first = await ctx.http.getJson(target, options);
    const second = await ctx.http.getJson(target, options);

    expect(transport.requests[0]?.headers.get('if-none-match')).toBeNull();
    expect(transport.requests[1]?.headers.get('if-none-match')).toBe('"8600bedcb7fed1d8065e1693e05529ce"');
    expect(transport.requests[1]?.headers.get('if-modified-since')).toBe('Thu, 22 Aug 2013 02:09:11 GMT');
    expect(second.response.fromCache).toBe(true);
    expect(second.response.status).toBe(200);
    expect(RepositorySchema.parse(second.data)).toEqual(RepositorySchema.parse(first.data));
    expect(ctx.http.stats().notModified).toBe(1);
  });

  it('the recorded 403 with x-ratelimit-remaining 0 is a rate-limit error, and the releases source stops there', async () => {
    const exchanges = readPygithubReplay(
      shared('api-403-rate-limit-exceeded-2013-05-17.pygithub-replay.txt'),
    );
    const forbidden = exchanges.find((exchange) => exchange.status === 403);
    if (!forbidden) throw new Error('no 403 in the recording');
    expect(new Headers(forbidden.headers).get('x-ratelimit-remaining')).toBe('0');

    const repos = ['a-org/one', 'a-org/two', 'a-org/three', 'a-org/four', 'a-org/five', 'a-org/six'];
    const routes = Object.fromEntries(
      repos.map((repo) => [`https://api.github.com/repos/${repo}/releases/latest`, () => replay(forbidden)]),
    );
    const transport = routeTransport(routes);
    const { ctx } = testContext({ transport, config: { source: { githubReleases: { repos } } } });

    const error = await githubReleasesSource.collect(ctx).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'HTTP_RATE_LIMITED',
      status: 403,
      message: expect.stringContaining('API Rate Limit Exceeded'),
    });
    // No reset header in this old recording, so each started request was retried (2 retries here);
    // the repositories after the first rate limit were never asked.
    expect(transport.requests.length).toBe(4 * 3);
    expect(new Set(transport.requests.map((request) => request.url)).size).toBe(4);
  });
});

describe('endpointUrl', () => {
  it('keeps a path prefix and encodes each segment once', () => {
    expect(endpointUrl('http://ghe.test/api/v3/', ['repos', 'o', 'r'])).toBe(
      'http://ghe.test/api/v3/repos/o/r',
    );
    expect(endpointUrl('https://github.com', ['trending', 'c++'], { since: 'daily' })).toBe(
      'https://github.com/trending/c%2B%2B?since=daily',
    );
    expect(endpointUrl('https://github.com/', ['trending'])).toBe('https://github.com/trending');
  });
});

describe('eachUntilRateLimited', () => {
  it('reports ordinary errors per input and keeps going', async () => {
    const done: number[] = [];
    const failed: string[] = [];
    await eachUntilRateLimited(
      [1, 2, 3],
      async (n) => {
        if (n === 2) throw new Error('boom');
        done.push(n);
      },
      (n, error, skipped) => failed.push(`${n}:${(error as Error).message}:${skipped}`),
      1,
    );
    expect(done).toEqual([1, 3]);
    expect(failed).toEqual(['2:boom:false']);
  });
});
