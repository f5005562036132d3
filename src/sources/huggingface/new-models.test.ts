import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  json,
  memoryAuthors,
  type Route,
  routeTransport,
  testContext,
} from '../../testing/sources/fixtures.js';
import { listingUrl } from './hub.js';
import { hfNewModelsSource, NEW_MODEL_EXPAND, windowStart } from './new-models.js';

const HF = 'https://huggingface.co';
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const PAGE_1 = listingUrl(HF, 'models', { sort: 'createdAt', limit: 3, expand: NEW_MODEL_EXPAND });
const PAGE_2 = `${PAGE_1}&cursor=page2`;
const PAGE_3 = `${PAGE_1}&cursor=page3`;
// Upstream sends absolute links; a relative one must work too.
const relativeLink = (url: string) => {
  const parsed = new URL(url);
  return `<${parsed.pathname}${parsed.search}>; rel="next"`;
};

function setup(routes: Record<string, Route>, pageCap = 3) {
  const transport = routeTransport(routes);
  const authors = memoryAuthors({ 'acme-lab': 'org' });
  const { ctx } = testContext({
    transport,
    authors,
    day: '2026-08-22',
    config: { source: { hfNewModels: { windowDays: 7, pageSize: 3, pageCap } } },
  });
  return { ctx, transport };
}

const firstPage: Route = () =>
  json(fixture('new-models-page-1.json'), { headers: { link: relativeLink(PAGE_2) } });
const windowRoutes = {
  [PAGE_1]: firstPage,
  [PAGE_2]: () => json(fixture('new-models-page-2.json'), { headers: { link: `<${PAGE_3}>; rel="next"` } }),
};

describe('hf-new-models', () => {
  it('reads pages newest first until it passes the window start, and no further', async () => {
    const { ctx, transport } = setup(windowRoutes);
    const result = await hfNewModelsSource.collect(ctx);

    const listing = transport.requests.filter((request) => new URL(request.url).pathname === '/api/models');
    expect(listing.map((request) => new URL(request.url).searchParams.get('cursor'))).toEqual([
      null,
      'page2',
    ]);
    const first = new URL(transport.requests[0]?.url ?? '');
    expect(first.pathname).toBe('/api/models');
    expect(first.searchParams.get('sort')).toBe('createdAt');
    expect(first.searchParams.get('limit')).toBe('3');
    expect(first.searchParams.getAll('expand[]')).toEqual([
      'createdAt',
      'author',
      'pipeline_tag',
      'library_name',
      'tags',
      'likes',
      'downloads',
    ]);

    expect(result.status).toBe('ok');
    expect(result.items.map((item) => [item.externalId, item.rank])).toEqual([
      ['acme-lab/Acme-1B-Preview', 1],
      ['someone/test-upload', 2],
      ['jdoe/weekend-finetune', 3],
      ['jdoe/edge-of-window', 4],
    ]);
    expect(result.items.every((item) => item.list === 'new')).toBe(true);
    expect(result.items[2]?.attributes).toMatchObject({
      baseModels: ['acme-lab/Acme-7B'],
      baseRelation: 'finetune',
      createdAt: '2026-08-16T10:00:00.000Z',
    });
  });

  it('drops and counts an item without createdAt', async () => {
    const { ctx } = setup(windowRoutes);
    const result = await hfNewModelsSource.collect(ctx);
    expect(result.dropped).toBe(1);
    expect(result.warnings[0]).toMatch(/^new model #3 dropped: createdAt/);
  });

  it('takes author kinds from the directory, and looks up unknown authors, most prolific first', async () => {
    const { ctx, transport } = setup({
      ...windowRoutes,
      [`${HF}/api/organizations/someone/overview`]: () => json({ error: 'Not found' }, { status: 404 }),
      [`${HF}/api/users/someone/overview`]: () => json({ user: 'someone', type: 'user' }),
      [`${HF}/api/organizations/jdoe/overview`]: () => json({ error: 'Not found' }, { status: 404 }),
      [`${HF}/api/users/jdoe/overview`]: () => json({ error: 'Not found' }, { status: 404 }),
    });
    const result = await hfNewModelsSource.collect(ctx);
    expect(result.items[0]?.attributes.authorKind).toBe('org');
    expect(result.items.find((item) => item.author === 'someone')?.attributes.authorKind).toBe('user');
    const lookedUp = transport.requests
      .map((request) => new URL(request.url).pathname)
      .filter((path) => path.endsWith('/overview'));
    const count = (name: string) => result.items.filter((item) => item.author === name).length;
    const [first, second] = count('jdoe') > count('someone') ? ['jdoe', 'someone'] : ['someone', 'jdoe'];
    expect(lookedUp.indexOf(`/api/organizations/${first}/overview`)).toBeLessThan(
      lookedUp.indexOf(`/api/organizations/${second}/overview`),
    );
    expect(lookedUp).not.toContain('/api/organizations/acme-lab/overview');
    expect(await ctx.authors.get('huggingface', 'someone')).toBe('user');
  });

  it('is partial, with a warning, when the page cap comes before the window start', async () => {
    const { ctx } = setup(
      {
        [PAGE_1]: () =>
          json(fixture('new-models-page-1.json'), { headers: { link: `<${PAGE_2}>; rel="next"` } }),
      },
      1,
    );
    const result = await hfNewModelsSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.items).toHaveLength(2);
    expect(result.warnings.at(-1)).toContain(
      'window start 2026-08-15T00:00:00.000Z not reached after 1 pages',
    );
  });

  it('is ok when the listing simply ends inside the window', async () => {
    const { ctx } = setup({ [PAGE_1]: () => json(fixture('new-models-page-1.json')) });
    const result = await hfNewModelsSource.collect(ctx);
    expect(result.status).toBe('ok');
    expect(result.items).toHaveLength(2);
  });

  it('keeps the first page and is partial when a later page fails', async () => {
    const { ctx } = setup({
      [PAGE_1]: firstPage,
      [PAGE_2]: () => json('[{"id": "cut', { status: 200 }),
    });
    const result = await hfNewModelsSource.collect(ctx);
    expect(result.status).toBe('partial');
    expect(result.items).toHaveLength(2);
    expect(
      result.warnings.some(
        (warning) => warning.includes('page 2 failed') && warning.includes('Invalid JSON'),
      ),
    ).toBe(true);
  });

  it('throws when the first page answers 500', async () => {
    const { ctx } = setup({ [PAGE_1]: () => json({ error: 'Internal Error' }, { status: 500 }) });
    await expect(hfNewModelsSource.collect(ctx)).rejects.toMatchObject({ status: 500 });
  });

  it('starts the window at midnight UTC windowDays before the day', () => {
    expect(windowStart('2026-08-22', 7).toISOString()).toBe('2026-08-15T00:00:00.000Z');
  });
});
