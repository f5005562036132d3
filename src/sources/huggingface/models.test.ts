import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectedItemSchema } from '../../core/item.js';
import {
  json,
  memoryAuthors,
  type Route,
  routeTransport,
  testContext,
} from '../../testing/sources/fixtures.js';
import { SourceReport } from '../source.js';
import { resolveAuthorKinds } from './author-kinds.js';
import { listingUrl } from './hub.js';
import { hfModelsSource, MODEL_EXPAND } from './models.js';
import { trendingUrl } from './trending.js';

const HF = 'https://huggingface.co';
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const PAGE_1 = listingUrl(HF, 'models', { sort: 'trendingScore', limit: 8, expand: MODEL_EXPAND });
const PAGE_2 = `${PAGE_1}&cursor=eyJwYWdlIjoyfQ`;
const orgOverview = (name: string) => `${HF}/api/organizations/${name}/overview`;
const userOverview = (name: string) => `${HF}/api/users/${name}/overview`;
const notFound = () => json({ error: 'Not found' }, { status: 404 });
const found = (name: string) => () => json({ name });

function routes(overrides: Record<string, Route | Route[]> = {}) {
  return routeTransport({
    [PAGE_1]: () =>
      json(fixture('models-trending-page-1.json'), { headers: { link: `<${PAGE_2}>; rel="next"` } }),
    [PAGE_2]: () => json(fixture('models-trending-page-2.json')),
    [trendingUrl(HF)]: () => json(fixture('trending-models.json')),
    [orgOverview('tiny-corp')]: found('tiny-corp'),
    [orgOverview('newbie42')]: notFound,
    [userOverview('newbie42')]: found('newbie42'),
    [orgOverview('flaky-author')]: () => json({ error: 'Internal Error' }, { status: 500 }),
    ...overrides,
  });
}

/** `cached-org` is known from an earlier run, so it never needs a route. */
function setup(
  transport: ReturnType<typeof routeTransport>,
  authors = memoryAuthors({ 'cached-org': 'org' }),
) {
  return testContext({ transport, authors, config: { source: { hfModels: { topN: 8 } } } });
}

const paths = (requests: Request[]) => requests.map((request) => new URL(request.url).pathname);

describe('hf-models', () => {
  it('asks for the trending listing with every field it reads, and follows the Link header', async () => {
    const transport = routes();
    const { ctx } = setup(transport);
    await hfModelsSource.collect(ctx);

    const listing = transport.requests.filter((request) => new URL(request.url).pathname === '/api/models');
    expect(listing).toHaveLength(2);
    const first = new URL(listing[0]?.url ?? '');
    expect(first.searchParams.get('sort')).toBe('trendingScore');
    expect(first.searchParams.get('limit')).toBe('8');
    expect(first.searchParams.getAll('expand[]')).toEqual([
      'author',
      'likes',
      'downloads',
      'trendingScore',
      'createdAt',
      'lastModified',
      'pipeline_tag',
      'library_name',
      'tags',
      'safetensors',
      'gguf',
      'cardData',
      'baseModels',
    ]);
    // The next page is the Link URL as given, cursor included.
    expect(new URL(listing[1]?.url ?? '').searchParams.get('cursor')).toBe('eyJwYWdlIjoyfQ');
    const trending = transport.requests.find((request) => new URL(request.url).pathname === '/api/trending');
    expect(Object.fromEntries(new URL(trending?.url ?? '').searchParams)).toEqual({
      type: 'model',
      limit: '20',
    });
  });

  it('normalises models: ranks, urls, parameters, base models and relations', async () => {
    const { ctx } = setup(routes());
    const result = await hfModelsSource.collect(ctx);

    expect(result.items.map((item) => item.externalId)).toEqual([
      'acme-lab/Acme-7B-Instruct',
      'jdoe/Acme-7B-Instruct-GGUF',
      'tiny-corp/tiny-merge-3B',
      'jdoe/speech-lora',
      'newbie42/my-first-model',
      'flaky-author/some-model',
      'cached-org/cached-model',
    ]);
    expect(result.items.map((item) => item.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const item of result.items) expect(CollectedItemSchema.safeParse(item).success).toBe(true);

    const [instruct, gguf, merge, lora, newbie] = result.items;
    expect(instruct).toMatchObject({
      kind: 'model',
      title: 'acme-lab/Acme-7B-Instruct',
      url: 'https://huggingface.co/acme-lab/Acme-7B-Instruct',
      author: 'acme-lab',
      list: 'trending',
      attributes: {
        parameters: 7241732096,
        baseModels: ['acme-lab/Acme-7B'],
        baseRelation: 'finetune',
        pipelineTag: 'text-generation',
        library: 'transformers',
        createdAt: '2026-08-18T09:12:00.000Z',
        lastModified: '2026-08-20T10:00:00.000Z',
        authorKind: 'org',
      },
      metrics: { likes: 1200, downloads: 45000, trendingScore: 812 },
    });
    // GGUF-only repo: the count comes from `gguf.total`; a null card base_model falls back to tags.
    expect(gguf?.attributes).toMatchObject({
      parameters: 7241732096,
      baseModels: ['acme-lab/Acme-7B-Instruct'],
      baseRelation: 'quantized',
    });
    expect(merge?.attributes.baseModels).toEqual(['acme-lab/Acme-3B', 'other-lab/Other-3B']);
    expect(merge?.attributes.baseRelation).toBe('merge');
    expect(merge?.attributes.parameters).toBeUndefined();
    // No count in the listing: the one /api/trending gives. A nonsense card value is ignored.
    expect(lora?.attributes).toMatchObject({
      parameters: 1200000,
      baseModels: ['acme-lab/Acme-Speech'],
      baseRelation: 'adapter',
    });
    // No `author` field: the namespace of the id; a null pipeline_tag stays absent.
    expect(newbie?.author).toBe('newbie42');
    expect(newbie?.attributes.pipelineTag).toBeUndefined();
  });

  it('drops and counts a malformed item', async () => {
    const { ctx } = setup(routes());
    const result = await hfModelsSource.collect(ctx);
    expect(result.dropped).toBe(1);
    expect(result.warnings.some((warning) => warning.startsWith('model #2 dropped'))).toBe(true);
  });

  it('resolves author kinds: trending hints, then the directory, then org and user overviews', async () => {
    const transport = routes();
    const authors = memoryAuthors({ 'acme-lab': 'user', 'cached-org': 'org' });
    const { ctx } = setup(transport, authors);
    const result = await hfModelsSource.collect(ctx);

    const kindOf = (id: string) => result.items.find((item) => item.externalId === id)?.attributes.authorKind;
    expect(kindOf('acme-lab/Acme-7B-Instruct')).toBe('org'); // trending wins over a stale directory entry
    expect(kindOf('jdoe/speech-lora')).toBe('user'); // trending
    expect(kindOf('cached-org/cached-model')).toBe('org'); // directory, no request
    expect(kindOf('tiny-corp/tiny-merge-3B')).toBe('org'); // org overview 200
    expect(kindOf('newbie42/my-first-model')).toBe('user'); // org 404, user 200
    expect(kindOf('flaky-author/some-model')).toBeUndefined(); // org overview 500

    const overviews = paths(transport.requests).filter((path) => path.endsWith('/overview'));
    expect([...new Set(overviews)].sort()).toEqual([
      '/api/organizations/flaky-author/overview',
      '/api/organizations/newbie42/overview',
      '/api/organizations/tiny-corp/overview',
      '/api/users/newbie42/overview',
    ]);
    expect(Object.fromEntries(authors.entries)).toEqual({
      'acme-lab': 'org',
      jdoe: 'user',
      'cached-org': 'org',
      'tiny-corp': 'org',
      newbie42: 'user',
    });
  });

  it('uses the directory on the next run instead of looking authors up again', async () => {
    const authors = memoryAuthors({ 'cached-org': 'org' });
    await hfModelsSource.collect(setup(routes(), authors).ctx);
    expect(authors.entries.size).toBe(5);
    const again = routes();
    await hfModelsSource.collect(setup(again, authors).ctx);
    const overviews = paths(again.requests).filter((path) => path.endsWith('/overview'));
    expect(overviews.every((path) => path.includes('flaky-author'))).toBe(true);
  });

  it('keeps the item when an author look-up fails: a warning, status still ok', async () => {
    const { ctx } = setup(routes());
    const result = await hfModelsSource.collect(ctx);
    expect(result.status).toBe('ok');
    expect(result.items.some((item) => item.externalId === 'flaky-author/some-model')).toBe(true);
    expect(
      result.warnings.some((w) => w.includes('author kind of flaky-author unknown') && w.includes('500')),
    ).toBe(true);
  });

  it('treats a failed /api/trending as a warning and resolves kinds by look-up', async () => {
    const transport = routes({
      [trendingUrl(HF)]: () => json({ error: 'Service Unavailable' }, { status: 503 }),
      [orgOverview('acme-lab')]: found('acme-lab'),
      [orgOverview('jdoe')]: notFound,
      [userOverview('jdoe')]: found('jdoe'),
    });
    const result = await hfModelsSource.collect(setup(transport).ctx);
    expect(result.status).toBe('ok');
    expect(result.items).toHaveLength(7);
    expect(result.warnings.some((warning) => warning.startsWith('trending hints unavailable'))).toBe(true);
    expect(result.items[0]?.attributes.authorKind).toBe('org');
    expect(result.items[3]?.attributes).toMatchObject({ authorKind: 'user', parameters: undefined });
  });

  it('notes malformed trending items without counting them as dropped models', async () => {
    const result = await hfModelsSource.collect(setup(routes()).ctx);
    expect(result.warnings).toContain('trending hints: 1 malformed item(s) ignored');
    expect(result.dropped).toBe(1);
  });

  it('stops at topN without reading further pages', async () => {
    const transport = routeTransport({
      [listingUrl(HF, 'models', { sort: 'trendingScore', limit: 2, expand: MODEL_EXPAND })]: () =>
        json(fixture('models-trending-page-1.json'), { headers: { link: `<${PAGE_2}>; rel="next"` } }),
      [trendingUrl(HF)]: () => json(fixture('trending-models.json')),
    });
    const { ctx } = testContext({ transport, config: { source: { hfModels: { topN: 2 } } } });
    const result = await hfModelsSource.collect(ctx);
    expect(result.items.map((item) => item.rank)).toEqual([1, 2]);
    expect(paths(transport.requests).filter((path) => path === '/api/models')).toHaveLength(1);
  });

  it('marks the run partial when a later page fails, keeping the first page', async () => {
    const transport = routes({ [PAGE_2]: () => json({ error: 'Internal Error' }, { status: 500 }) });
    const result = await hfModelsSource.collect(setup(transport).ctx);
    expect(result.status).toBe('partial');
    expect(result.items).toHaveLength(4);
    expect(result.warnings.some((warning) => warning.startsWith('hf-models: page 2 failed'))).toBe(true);
  });

  it('throws when the listing answers 500', async () => {
    const transport = routes({ [PAGE_1]: () => json({ error: 'Internal Error' }, { status: 500 }) });
    await expect(hfModelsSource.collect(setup(transport).ctx)).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      status: 500,
    });
  });

  it('throws UPSTREAM_INVALID on truncated JSON', async () => {
    const truncated = JSON.stringify(fixture('models-trending-page-1.json')).slice(0, 200);
    const transport = routes({ [PAGE_1]: () => json(truncated) });
    await expect(hfModelsSource.collect(setup(transport).ctx)).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
    });
  });

  it('throws UPSTREAM_INVALID when the listing is not an array', async () => {
    const transport = routes({ [PAGE_1]: () => json({ error: 'changed' }) });
    await expect(hfModelsSource.collect(setup(transport).ctx)).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: expect.stringContaining('model listing'),
    });
  });
});

describe('resolveAuthorKinds', () => {
  it('caps look-ups per run and says how many were left', async () => {
    const transport = routeTransport({
      [orgOverview('first')]: found('first'),
      [orgOverview('second')]: found('second'),
    });
    const { ctx } = testContext({ transport });
    const report = new SourceReport();
    const kinds = await resolveAuthorKinds(ctx, ['first', 'first', 'second', 'third'], new Map(), report, {
      maxLookups: 2,
      concurrency: 1,
    });
    expect(Object.fromEntries(kinds)).toEqual({ first: 'org', second: 'org' });
    expect(report.warnings).toEqual(['author kinds: 1 author(s) left unresolved (look-up cap 2 per run)']);
    expect(transport.requests).toHaveLength(2);
  });

  it('warns when a name is neither an organisation nor a user', async () => {
    const transport = routeTransport({ [orgOverview('ghost')]: notFound, [userOverview('ghost')]: notFound });
    const { ctx } = testContext({ transport });
    const report = new SourceReport();
    const kinds = await resolveAuthorKinds(ctx, ['ghost'], new Map(), report);
    expect(kinds.size).toBe(0);
    expect(report.warnings[0]).toContain('ghost');
    expect(report.failedRequests).toBe(0);
  });

  it('limits look-ups in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: Route = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return json({});
    };
    const names = Array.from({ length: 10 }, (_, index) => `author${index}`);
    const transport = routeTransport(Object.fromEntries(names.map((name) => [orgOverview(name), slow])));
    const { ctx } = testContext({ transport });
    await resolveAuthorKinds(ctx, names, new Map(), new SourceReport(), { maxLookups: 60, concurrency: 3 });
    expect(most).toBeLessThanOrEqual(3);
    expect(transport.requests).toHaveLength(10);
  });
});
