import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CollectedItemSchema } from '../../core/item.js';
import { json, replayContext, routeTransport, testContext } from '../../testing/sources/fixtures.js';
import { dailyPapersUrl, dayBefore, hfPapersSource } from './papers.js';

const HF = 'https://huggingface.co';
const fixturePath = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const fixture = (name: string): unknown => JSON.parse(readFileSync(fixturePath(name), 'utf8'));
const papersFor = (date: string) => dailyPapersUrl(HF, date, 50);
const empty = () => json([]);

describe('hf-papers', () => {
  it('asks for the day with its limit and normalises the papers', async () => {
    const transport = routeTransport({
      [papersFor('2026-08-21')]: () => json(fixture('daily-papers-2026-08-21.json')),
    });
    const { ctx } = testContext({ transport, day: '2026-08-21' });
    const result = await hfPapersSource.collect(ctx);

    expect(transport.requests).toHaveLength(1);
    const url = new URL(transport.requests[0]?.url ?? '');
    expect(url.pathname).toBe('/api/daily_papers');
    expect(Object.fromEntries(url.searchParams)).toEqual({ date: '2026-08-21', limit: '50' });

    expect(result).toMatchObject({
      status: 'ok',
      dropped: 1,
      warnings: [expect.stringMatching(/^daily paper #3 dropped/)],
    });
    expect(result.items).toHaveLength(2);
    expect(result.items[0]).toEqual({
      kind: 'paper',
      externalId: '2608.00001',
      title: 'A Test Paper: With a Wrapped Title',
      url: 'https://huggingface.co/papers/2608.00001',
      attributes: {
        arxivId: '2608.00001',
        authors: ['Ada Example', 'Bo Sample'],
        summary: 'A test summary. It wraps over lines.',
        publishedAt: '2026-08-20T00:00:00.000Z',
        githubRepo: 'https://github.com/example/test-paper',
      },
      list: 'daily',
      rank: 1,
      metrics: { upvotes: 42, comments: 3 },
    });
    expect(result.items[1]).toMatchObject({ rank: 2, metrics: { upvotes: 7, comments: 0 } });
    expect(result.items[1]?.attributes.githubRepo).toBeUndefined();
    for (const item of result.items) expect(CollectedItemSchema.safeParse(item).success).toBe(true);
  });

  it('steps back a day at a time on weekends and says which date it used', async () => {
    const transport = routeTransport({
      [papersFor('2026-08-23')]: empty,
      [papersFor('2026-08-22')]: empty,
      [papersFor('2026-08-21')]: () => json(fixture('daily-papers-2026-08-21.json')),
    });
    const { ctx } = testContext({ transport, day: '2026-08-23' });
    const result = await hfPapersSource.collect(ctx);
    expect(transport.requests.map((request) => new URL(request.url).searchParams.get('date'))).toEqual([
      '2026-08-23',
      '2026-08-22',
      '2026-08-21',
    ]);
    expect(result.status).toBe('ok');
    expect(result.items).toHaveLength(2);
    expect(result.warnings).toContain('hf-papers: no daily papers for 2026-08-23; used 2026-08-21');
  });

  it('gives up after lookbackDays with no items and a warning', async () => {
    const transport = routeTransport({
      [papersFor('2026-08-22')]: empty,
      [papersFor('2026-08-21')]: empty,
      [papersFor('2026-08-20')]: empty,
    });
    const { ctx } = testContext({ transport, config: { source: { hfPapers: { lookbackDays: 2 } } } });
    const result = await hfPapersSource.collect(ctx);
    expect(transport.requests).toHaveLength(3);
    expect(result).toEqual({
      items: [],
      status: 'ok',
      dropped: 0,
      warnings: ['hf-papers: no daily papers from 2026-08-20 to 2026-08-22'],
    });
  });

  it('replays a recorded weekend exchange', async () => {
    const { ctx } = replayContext(fixturePath('papers-weekend.har'), { day: '2026-08-22' });
    const result = await hfPapersSource.collect(ctx);
    expect(result.items.map((item) => [item.externalId, item.title])).toEqual([
      ['2608.00010', 'A Replayed Test Paper'],
    ]);
    expect(result.warnings).toEqual(['hf-papers: no daily papers for 2026-08-22; used 2026-08-21']);
  });

  it('throws on 500 and on truncated JSON', async () => {
    const failing = routeTransport({
      [papersFor('2026-08-22')]: () => json({ error: 'boom' }, { status: 500 }),
    });
    await expect(hfPapersSource.collect(testContext({ transport: failing }).ctx)).rejects.toMatchObject({
      status: 500,
    });
    const truncated = routeTransport({ [papersFor('2026-08-22')]: () => json('[{"paper": {"id": "26') });
    await expect(hfPapersSource.collect(testContext({ transport: truncated }).ctx)).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
    });
  });

  it('counts days back across month ends', () => {
    expect(dayBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});
