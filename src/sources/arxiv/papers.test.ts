/**
 * @module sources/arxiv/papers.test
 * The `arxiv` source against our own recorded-shape feeds: the request it sends, the category
 * filter, the items it returns, and how it fails.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectedItemSchema } from '../../core/item.js';
import { HttpError } from '../../lib/http/errors.js';
import {
  hasSharedFixtures,
  routeTransport,
  SHARED_MISSING_REASON,
  sharedFixture,
  testContext,
  text,
} from '../../testing/sources/fixtures.js';
import { arxivSources } from './index.js';
import { arxivPapersSource, arxivQueryUrl } from './papers.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const atom =
  (body: string, init: ResponseInit = {}) =>
  () =>
    text(body, 'application/atom+xml; charset=utf-8', init);

const QUERY_URL =
  'http://export.arxiv.org/api/query?search_query=cat%3Acs.AI+OR+cat%3Acs.LG+OR+cat%3Acs.CL+OR+cat%3Acs.CV&sortBy=submittedDate&sortOrder=descending&start=0&max_results=300';

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

function setup(route: () => Response, config?: unknown) {
  const transport = routeTransport({ [QUERY_URL]: route });
  return { transport, ...testContext({ transport, config }) };
}

describe('arxiv source', () => {
  it('is the one source exported for the registry', () => {
    expect(arxivSources).toEqual([arxivPapersSource]);
    expect(arxivPapersSource.id).toBe('arxiv');
  });

  it('sends one query for the configured categories, newest submissions first', async () => {
    const { transport, ctx } = setup(atom(fixture('query-page.atom.xml')));
    await arxivPapersSource.collect(ctx);
    expect(transport.requests).toHaveLength(1);
    const request = transport.requests[0] as Request;
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('http://export.arxiv.org/api/query');
    expect(url.searchParams.get('search_query')).toBe('cat:cs.AI OR cat:cs.LG OR cat:cs.CL OR cat:cs.CV');
    expect(url.searchParams.get('sortBy')).toBe('submittedDate');
    expect(url.searchParams.get('sortOrder')).toBe('descending');
    expect(url.searchParams.get('start')).toBe('0');
    expect(url.searchParams.get('max_results')).toBe('300');
    expect(request.headers.get('accept')).toBe('application/atom+xml');
  });

  it('builds the URL from the configured endpoint, categories and size', () => {
    const url = new URL(arxivQueryUrl('https://arxiv.example/api/query?x=1', ['cs.RO', 'stat.ML'], 7));
    expect(url.host).toBe('arxiv.example');
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.searchParams.get('search_query')).toBe('cat:cs.RO OR cat:stat.ML');
    expect(url.searchParams.get('max_results')).toBe('7');
  });

  it('returns papers in the configured categories, ranked by position, and counts a bad entry', async () => {
    const { ctx } = setup(atom(fixture('query-page.atom.xml')));
    const result = await arxivPapersSource.collect(ctx);
    expect(result.status).toBe('ok');
    expect(result.requests).toBe(1);
    expect(result.dropped).toBe(1);
    expect(result.warnings).toEqual(['entry #4 dropped: title: missing']);
    // 2608.01236 (math.PR, stat.TH) is outside the list; 2608.01238 is in through cs.LG.
    expect(result.items.map((item) => [item.externalId, item.rank])).toEqual([
      ['2608.01234', 1],
      ['2608.01235', 2],
      ['2608.01238', 3],
    ]);
    expect(result.items[0]).toEqual({
      kind: 'paper',
      externalId: '2608.01234',
      title: 'A test paper',
      url: 'https://arxiv.org/abs/2608.01234',
      author: 'Ada Example',
      attributes: {
        arxivId: '2608.01234',
        authors: ['Ada Example', 'Bo Sample', 'Cy Placeholder'],
        summary: 'A test abstract.',
        categories: ['cs.LG', 'cs.AI'],
        primaryCategory: 'cs.LG',
        publishedAt: '2026-08-21T17:59:00.000Z',
      },
      list: 'submitted',
      rank: 1,
      metrics: {},
    });
    for (const item of result.items) expect(CollectedItemSchema.parse(item)).toEqual(item);
  });

  it('filters by the categories in the settings', async () => {
    const config = { source: { arxiv: { categories: ['cs.CL'], maxResults: 50 } } };
    const url = arxivQueryUrl('http://export.arxiv.org/api/query', ['cs.CL'], 50);
    const transport = routeTransport({ [url]: atom(fixture('query-page.atom.xml')) });
    const { ctx } = testContext({ transport, config });
    const result = await arxivPapersSource.collect(ctx);
    expect(result.items.map((item) => item.externalId)).toEqual(['2608.01235']);
    expect(new URL(transport.requests[0]?.url ?? '').searchParams.get('max_results')).toBe('50');
  });

  it('keeps the first of a repeated paper', async () => {
    const body = fixture('query-page.atom.xml').replace('2608.01238v1', '2608.01234v2');
    const { ctx } = setup(atom(body));
    const result = await arxivPapersSource.collect(ctx);
    expect(result.items.map((item) => item.externalId)).toEqual(['2608.01234', '2608.01235']);
    expect(result.items[0]?.title).toBe('A test paper');
  });

  it('throws on HTTP 500 after the client has retried', async () => {
    const { transport, ctx } = setup(atom('Internal Server Error', { status: 500 }));
    const error = await arxivPapersSource.collect(ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(500);
    expect(transport.requests).toHaveLength(3);
  });

  it('throws on HTTP 400 (how the current API answers a malformed query) without retrying', async () => {
    const { transport, ctx } = setup(atom(fixture('error-feed.atom.xml'), { status: 400 }));
    const error = await arxivPapersSource.collect(ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect(transport.requests).toHaveLength(1);
  });

  it("throws arXiv's message when it answers 200 with its error feed", async () => {
    const { ctx } = setup(atom(fixture('error-feed.atom.xml')));
    await expect(arxivPapersSource.collect(ctx)).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: 'arXiv API error: a test error message',
    });
  });

  it('throws a clear error for a truncated body', async () => {
    const full = fixture('query-page.atom.xml');
    const { ctx } = setup(atom(full.slice(0, Math.floor(full.length / 2))));
    await expect(arxivPapersSource.collect(ctx)).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: expect.stringMatching(
        /^arXiv API response \(http:\/\/export\.arxiv\.org.*\) is not well-formed XML/,
      ),
    });
  });

  it('reports an empty page with totalResults > 0 as partial, with a warning', async () => {
    const { ctx } = setup(atom(fixture('empty-page.atom.xml')));
    const result = await arxivPapersSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.items).toEqual([]);
    expect(result.warnings).toEqual([
      'arXiv returned an empty page although it reports 1234 results; run again later',
    ]);
  });

  it('is ok and empty when the query truly has no results', async () => {
    const body = fixture('empty-page.atom.xml').replace('>1234<', '>0<');
    const { ctx } = setup(atom(body));
    const result = await arxivPapersSource.collect(ctx);
    expect(result).toMatchObject({ status: 'ok', items: [], dropped: 0, warnings: [] });
  });
});

describe.skipIf(!hasSharedFixtures)('arxiv source on a real legacy-format page', () => {
  it('collects both cs.RO papers when cs.RO is configured', async () => {
    const body = readFileSync(
      sharedFixture('arxiv/api-query-cat_cs.RO-legacy-format-2025-10-17.xml') ?? '',
      'utf8',
    );
    const url = arxivQueryUrl('http://export.arxiv.org/api/query', ['cs.RO'], 2);
    const { ctx } = testContext({
      transport: routeTransport({ [url]: atom(body) }),
      config: { source: { arxiv: { categories: ['cs.RO'], maxResults: 2 } } },
    });
    const result = await arxivPapersSource.collect(ctx);
    expect(result.status).toBe('ok');
    expect(result.items.map((item) => [item.externalId, item.author, item.url])).toEqual([
      ['2510.14968', 'Mingxuan Yan', 'https://arxiv.org/abs/2510.14968'],
      ['2510.14827', 'Yufei Zhu', 'https://arxiv.org/abs/2510.14827'],
    ]);
    for (const item of result.items) expect(CollectedItemSchema.parse(item)).toEqual(item);
  });
});
