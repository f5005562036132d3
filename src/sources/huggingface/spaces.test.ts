import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { json, memoryAuthors, routeTransport, testContext } from '../../testing/sources/fixtures.js';
import { listingUrl } from './hub.js';
import { hfSpacesSource, SPACE_EXPAND } from './spaces.js';

const HF = 'https://huggingface.co';
const URL_SPACES = listingUrl(HF, 'spaces', { sort: 'trendingScore', limit: 50, expand: SPACE_EXPAND });
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('hf-spaces', () => {
  it('asks for trending Spaces (default topN 50) and normalises them', async () => {
    const transport = routeTransport({ [URL_SPACES]: () => json(fixture('spaces-trending.json')) });
    const { ctx } = testContext({ transport, authors: memoryAuthors({ jdoe: 'user' }) });
    const result = await hfSpacesSource.collect(ctx);

    const url = new URL(transport.requests[0]?.url ?? '');
    expect(url.pathname).toBe('/api/spaces');
    expect(url.searchParams.get('sort')).toBe('trendingScore');
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.getAll('expand[]')).toEqual([
      'author',
      'likes',
      'trendingScore',
      'createdAt',
      'lastModified',
      'sdk',
      'tags',
    ]);

    // The third space has a date that is not ISO-8601: dropped and counted.
    expect(result).toMatchObject({ status: 'ok', dropped: 1 });
    expect(
      result.items.map((item) => [item.title, item.url, item.attributes.sdk, item.attributes.authorKind]),
    ).toEqual([
      [
        'acme-lab/acme-chat-demo',
        'https://huggingface.co/spaces/acme-lab/acme-chat-demo',
        'gradio',
        undefined,
      ],
      ['jdoe/static-page', 'https://huggingface.co/spaces/jdoe/static-page', 'static', 'user'],
    ]);
    expect(result.items[0]).toMatchObject({
      kind: 'space',
      rank: 1,
      metrics: { likes: 480, trendingScore: 150 },
    });
    expect(result.items[0]?.metrics.downloads).toBeUndefined();
  });

  it('throws when the listing answers 500', async () => {
    const transport = routeTransport({
      [URL_SPACES]: () => json({ error: 'Internal Error' }, { status: 500 }),
    });
    const { ctx } = testContext({ transport });
    await expect(hfSpacesSource.collect(ctx)).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 500 });
    expect(transport.requests).toHaveLength(3); // the client retried twice first
  });
});
