/**
 * @module bench/synthetic-upstream
 * A stand-in for Hugging Face, GitHub and arXiv that answers every request a full collection
 * makes, built from the real payloads in ../shared/fixtures/real (read in place) plus generated
 * listings. The benchmark records one collection against it, then replays that recording with
 * injected latency.
 */
import { readFileSync } from 'node:fs';
import type { Transport } from '../src/lib/http/types.js';
import { sharedFixture } from '../src/testing/sources/fixtures.js';

function read(relative: string): string {
  const path = sharedFixture(relative);
  if (!path) throw new Error(`benchmark needs ../shared/fixtures/real/${relative}`);
  return readFileSync(path, 'utf8');
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', ...headers } });

function models(limit: number, sort: string, url: URL): Response {
  const listing = JSON.parse(
    read('huggingface/models-list-search-text-generation-sort-downloads-2026-08-18.json'),
  ) as Array<Record<string, unknown>>;
  const now = Date.parse('2026-08-22T06:00:00Z');
  const page = Number(url.searchParams.get('cursor') ?? '0');
  const items = Array.from({ length: limit }, (_, i) => {
    const base = listing[i % listing.length] ?? {};
    const id = `${String(base.id)}-${page}-${i}`;
    return {
      ...base,
      id,
      author: id.split('/')[0],
      trendingScore: limit - i,
      createdAt: new Date(now - (page * limit + i) * 600_000).toISOString(),
      lastModified: new Date(now - i * 60_000).toISOString(),
      safetensors: { parameters: { BF16: 1_000_000 * (i + 1) }, total: 1_000_000 * (i + 1) },
    };
  });
  // Newest-first listings page on through the Link header, as the Hub does.
  const headers: Record<string, string> = {};
  if (sort === 'createdAt' && page < 2) {
    const next = new URL(url);
    next.searchParams.set('cursor', String(page + 1));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return json(items, headers);
}

function hub(url: URL): Response {
  const path = url.pathname;
  const limit = Number(url.searchParams.get('limit') ?? '20');
  if (path === '/api/models') return models(limit, url.searchParams.get('sort') ?? '', url);
  if (path === '/api/trending') {
    const cache = JSON.parse(read('huggingface/trending-api-models-cache-2026-08-22.json')) as Record<
      string,
      unknown
    >;
    return json({ recentlyTrending: Object.values(cache) });
  }
  if (path === '/api/daily_papers')
    return new Response(read('huggingface/daily-papers-date-2026-08-21.json'), {
      headers: { 'content-type': 'application/json' },
    });
  const overview = /^\/api\/(organizations|users)\/([^/]+)\/overview$/.exec(path);
  if (overview) {
    const isOrg = (overview[2]?.length ?? 0) % 2 === 0;
    if (overview[1] === 'organizations')
      return isOrg ? json({ name: overview[2], fullname: overview[2] }) : json({ error: 'Not found' }, {});
    return json({ user: overview[2], type: 'user' });
  }
  if (path === '/api/datasets' || path === '/api/spaces') {
    const kind = path.slice(5, -1);
    return json(
      Array.from({ length: limit }, (_, i) => ({
        _id: `${kind}${i}`,
        id: `bench-${kind}-author-${i % 7}/${kind}-${i}`,
        author: `bench-${kind}-author-${i % 7}`,
        likes: 1000 - i,
        downloads: 50_000 - i * 10,
        trendingScore: limit - i,
        createdAt: '2026-08-01T00:00:00.000Z',
        lastModified: '2026-08-21T00:00:00.000Z',
        tags: ['task_categories:text-generation'],
        sdk: 'gradio',
      })),
    );
  }
  return json({ error: 'Not found' });
}

function github(url: URL): Response {
  const since = url.searchParams.get('since') ?? 'daily';
  const file =
    since === 'weekly'
      ? 'trending-weekly-all-2026-05-13.html'
      : since === 'monthly'
        ? 'trending-monthly-all-2026-05-13.html'
        : 'trending-daily-all-2026-05-13.html';
  return new Response(read(`github/${file}`), { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function githubApi(url: URL): Response {
  const release = /^\/repos\/([^/]+)\/([^/]+)\/releases\/latest$/.exec(url.pathname);
  if (release) {
    return json(
      {
        id: 1,
        tag_name: 'v1.0.0',
        name: 'v1.0.0',
        html_url: `https://github.com/${release[1]}/${release[2]}/releases/tag/v1.0.0`,
        prerelease: false,
        draft: false,
        created_at: '2026-08-20T10:00:00Z',
        published_at: '2026-08-20T12:00:00Z',
      },
      { etag: 'W/"bench"' },
    );
  }
  return new Response(read('github/api-repos-PyGithub-PyGithub-2025-01-07.body.json'), {
    headers: { 'content-type': 'application/json', etag: 'W/"bench-repo"' },
  });
}

/** Answers like the real services would, with no latency; wrap with a recorder. */
export const syntheticUpstream: Transport = async (request) => {
  const url = new URL(request.url);
  if (url.host === 'huggingface.co') return hub(url);
  if (url.host === 'github.com') return github(url);
  if (url.host === 'api.github.com') return githubApi(url);
  if (url.host === 'export.arxiv.org')
    return new Response(read('arxiv/api-query-all_testing-start0-max10-2026-04-12.body.xml'), {
      headers: { 'content-type': 'application/atom+xml' },
    });
  return new Response('not found', { status: 404 });
};
