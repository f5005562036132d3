import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectedItemSchema } from '../../core/item.js';
import { json, memoryAuthors, routeTransport, testContext } from '../../testing/sources/fixtures.js';
import { DATASET_EXPAND, hfDatasetsSource } from './datasets.js';
import { listingUrl } from './hub.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

function setup(endpoint = 'https://huggingface.co') {
  const url = listingUrl(endpoint, 'datasets', { sort: 'trendingScore', limit: 3, expand: DATASET_EXPAND });
  const transport = routeTransport({ [url]: () => json(fixture('datasets-trending.json')) });
  const { ctx } = testContext({
    transport,
    authors: memoryAuthors({ 'acme-lab': 'org' }),
    config: { endpoints: { huggingface: endpoint }, source: { hfDatasets: { topN: 3 } } },
  });
  return { ctx, transport };
}

describe('hf-datasets', () => {
  it('asks for the trending datasets with the fields it reads', async () => {
    const { ctx, transport } = setup();
    await hfDatasetsSource.collect(ctx);
    expect(transport.requests).toHaveLength(1);
    const url = new URL(transport.requests[0]?.url ?? '');
    expect(url.pathname).toBe('/api/datasets');
    expect(url.searchParams.get('sort')).toBe('trendingScore');
    expect(url.searchParams.get('limit')).toBe('3');
    expect(url.searchParams.getAll('expand[]')).toEqual([
      'author',
      'likes',
      'downloads',
      'trendingScore',
      'createdAt',
      'lastModified',
      'tags',
    ]);
  });

  it('normalises datasets and drops a malformed one', async () => {
    const { ctx } = setup();
    const result = await hfDatasetsSource.collect(ctx);
    expect(result).toMatchObject({ status: 'ok', dropped: 1 });
    expect(result.items).toHaveLength(2);
    expect(result.items[0]).toMatchObject({
      kind: 'dataset',
      externalId: 'acme-lab/acme-instruct-mix',
      title: 'acme-lab/acme-instruct-mix',
      url: 'https://huggingface.co/datasets/acme-lab/acme-instruct-mix',
      author: 'acme-lab',
      list: 'trending',
      rank: 1,
      attributes: { authorKind: 'org', createdAt: '2026-08-01T00:00:00.000Z' },
      metrics: { likes: 210, downloads: 5400, trendingScore: 77 },
    });
    // Author from the id; kind only when the directory knows it (no look-ups for this feed).
    expect(result.items[1]).toMatchObject({ author: 'jdoe', rank: 2 });
    expect(result.items[1]?.attributes.authorKind).toBeUndefined();
    for (const item of result.items) expect(CollectedItemSchema.safeParse(item).success).toBe(true);
  });

  it('keeps the path prefix of a configured endpoint', async () => {
    const { ctx, transport } = setup('https://mirror.example/hf');
    const result = await hfDatasetsSource.collect(ctx);
    expect(new URL(transport.requests[0]?.url ?? '').pathname).toBe('/hf/api/datasets');
    expect(result.items[0]?.url).toBe('https://mirror.example/hf/datasets/acme-lab/acme-instruct-mix');
  });
});
