/**
 * Conformance on the real recorded payloads in ../shared/fixtures/real that no single source's
 * tests cover, plus a guard that every payload there is read by some test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRateLimit } from '../src/lib/http/rate-limit.js';
import { RepositorySchema } from '../src/sources/github/rest.js';
import { parseLinkHeader } from '../src/sources/huggingface/pagination.js';
import {
  hasSharedFixtures,
  REPO_ROOT,
  SHARED_FIXTURES,
  SHARED_MISSING_REASON,
} from '../src/testing/sources/fixtures.js';
import {
  headersOf,
  readOctokitNock,
  readPygithubReplay,
  readVcrCassette,
} from '../src/testing/sources/recordings.js';

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);
const github = (name: string) => join(SHARED_FIXTURES, 'github', name);

describe.skipIf(!hasSharedFixtures)('GitHub REST recordings', () => {
  it('repository items of real search answers (2014 schema: no topics, no licence) pass the repository schema', () => {
    const pygithub = JSON.parse(readFileSync(github('api-search-repositories-2014-03-03.body.json'), 'utf8'));
    const vcr = readVcrCassette(github('api-search-repositories-2014-01-11.octokit-rb-vcr.json'));
    const vcrBody = JSON.parse(vcr[0]?.body ?? '{}');
    for (const [body, total] of [
      [pygithub, 2723],
      [vcrBody, 77],
    ] as const) {
      expect(body.total_count).toBe(total);
      const parsed = (body.items as unknown[]).map((item) => RepositorySchema.safeParse(item));
      expect(parsed).toHaveLength(30);
      expect(parsed.filter((p) => !p.success)).toEqual([]);
    }
    const empty = readPygithubReplay(github('api-search-repositories-empty-2018-11-22.pygithub-replay.txt'));
    expect(JSON.parse(empty[0]?.body ?? '{}')).toMatchObject({ total_count: 0, items: [] });
  });

  it('the full PyGithub recordings parse: repository with weak ETag, and search pages linked by Link', () => {
    const [repoExchange] = readPygithubReplay(
      github('api-repos-PyGithub-PyGithub-2025-01-07.pygithub-replay.txt'),
    );
    expect(RepositorySchema.parse(JSON.parse(repoExchange?.body ?? '{}')).stargazers_count).toBe(7122);
    const repoHeaders = headersOf(repoExchange as NonNullable<typeof repoExchange>);
    expect(repoHeaders.get('etag')).toMatch(/^W\/"/);
    expect(repoHeaders.get('x-ratelimit-resource')).toBe('core');

    const pages = readPygithubReplay(github('api-search-repositories-2014-03-03.pygithub-replay.txt'));
    expect(pages.length).toBeGreaterThan(1);
    const first = pages[0] as NonNullable<(typeof pages)[number]>;
    expect(JSON.parse(first.body).items).toHaveLength(30);
    const next = parseLinkHeader(headersOf(first).get('link')).get('next');
    expect(next).toContain('page=2');
    expect(pages[1]?.path).toContain('page=2');
  });

  it('the octokit GET /repos recording passes the schema, and its headers show the core budget', () => {
    const [exchange] = readOctokitNock(github('api-repos-get-2022-07-19.octokit-nock.json'));
    const repo = RepositorySchema.parse(JSON.parse(exchange?.body ?? '{}'));
    expect(repo.full_name).toBe('octokit-fixture-org/hello-world');
    const headers = headersOf(exchange as NonNullable<typeof exchange>);
    expect(headers.get('x-ratelimit-resource')).toBe('core');
    expect(headers.get('etag')).toMatch(/^(W\/)?"[0-9a-f]+"$/);
    expect(readRateLimit(headers, new Date('2022-07-19T00:00:00Z')).waitMs).toBeUndefined();
  });

  it("follows GitHub's Link header page by page, including the switch to /repositories/{id}", () => {
    const pages = readOctokitNock(github('api-paginate-link-header-2022-07-19.octokit-nock.json')).filter(
      (e) => e.method === 'GET' && e.path.includes('/issues'),
    );
    expect(pages).toHaveLength(5);
    const nexts = pages.map((page) => parseLinkHeader(headersOf(page).get('link')).get('next'));
    for (const [index, next] of nexts.slice(0, 4).entries()) {
      expect(next, `page ${index + 1}`).toMatch(/\/repositories\/\d+\/issues\?per_page=3&page=\d$/);
      expect(new URL(next as string).pathname + new URL(next as string).search).toBe(pages[index + 1]?.path);
    }
    expect(nexts[4]).toBeUndefined();
  });

  it('reads the search bucket and the /rate_limit answer without waiting when budget remains', () => {
    const search = readOctokitNock(
      github('api-search-issues-ratelimit-search-2022-07-19.octokit-nock.json'),
    ).find((e) => e.path.startsWith('/search/'));
    const headers = headersOf(search as NonNullable<typeof search>);
    expect(headers.get('x-ratelimit-resource')).toBe('search');
    expect(headers.get('x-ratelimit-limit')).toBe('30');
    expect(readRateLimit(headers, new Date('2022-07-19T00:00:00Z')).waitMs).toBeUndefined();

    const [rateLimit] = readPygithubReplay(github('api-rate_limit-2023-05-15.pygithub-replay.txt'));
    const body = JSON.parse(rateLimit?.body ?? '{}');
    expect(body.resources.core.limit).toBe(5000);
    expect(body.resources.search.limit).toBe(30);
  });
});

describe.skipIf(!hasSharedFixtures)('every real payload is read by a test', () => {
  it('names each file under ../shared/fixtures/real in at least one test', () => {
    const payloads = ['arxiv', 'github', 'huggingface'].flatMap((folder) =>
      readdirSync(join(SHARED_FIXTURES, folder))
        .filter((name) => name !== 'PROVENANCE.md' && !name.endsWith('.metadata.json'))
        .map((name) => ({ folder, name })),
    );
    const testText = testFiles(REPO_ROOT)
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const unread = payloads.filter(({ name }) => !testText.includes(name));
    expect(unread).toEqual([]);
  });
});

function testFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts')) out.push(path);
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'test'));
  return out;
}
