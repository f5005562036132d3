import { describe, expect, it } from 'vitest';
import { json, routeTransport, testContext } from '../../testing/sources/fixtures.js';
import { SourceReport } from '../source.js';
import { parseLinkHeader, walkPages } from './pagination.js';

const BASE = 'https://huggingface.co/api/models?limit=1';

describe('parseLinkHeader', () => {
  it('reads rel="next" and other rels, quoted or not', () => {
    const links = parseLinkHeader(
      '<https://huggingface.co/api/models?cursor=abc&limit=2>; rel="next", <https://x.test/1>; rel=prev',
    );
    expect(links.get('next')).toBe('https://huggingface.co/api/models?cursor=abc&limit=2');
    expect(links.get('prev')).toBe('https://x.test/1');
  });

  it('lists a link with several rels under each, and ignores empty headers', () => {
    expect(Object.fromEntries(parseLinkHeader('</p2>; rel="next last"'))).toEqual({
      next: '/p2',
      last: '/p2',
    });
    expect(parseLinkHeader(null).size).toBe(0);
    expect(parseLinkHeader('garbage').size).toBe(0);
  });
});

describe('walkPages', () => {
  const page = (n: number, next?: string) => () =>
    json([n], next ? { headers: { link: `<${next}>; rel="next"` } } : {});

  it('follows next links until there are none', async () => {
    const transport = routeTransport({
      [BASE]: page(1, `${BASE}&cursor=2`),
      [`${BASE}&cursor=2`]: page(2, `${BASE}&cursor=3`),
      [`${BASE}&cursor=3`]: page(3),
    });
    const seen: unknown[] = [];
    const report = new SourceReport();
    const walk = await walkPages(testContext({ transport }).ctx, BASE, {
      pageCap: 10,
      what: 'test',
      report,
      onPage: (data) => {
        seen.push(data);
        return 'more';
      },
    });
    expect(walk).toEqual({ end: 'done', pages: 3 });
    expect(seen).toEqual([[1], [2], [3]]);
  });

  it('stops at the page cap and reports it', async () => {
    const transport = routeTransport({ [BASE]: page(1, `${BASE}&cursor=2`) });
    const walk = await walkPages(testContext({ transport }).ctx, BASE, {
      pageCap: 1,
      what: 'test',
      report: new SourceReport(),
      onPage: () => 'more',
    });
    expect(walk).toEqual({ end: 'cap', pages: 1 });
    expect(transport.requests).toHaveLength(1);
  });

  it('refuses a next link to another host or back to a page already read', async () => {
    for (const next of ['https://elsewhere.test/api/models?cursor=2', BASE]) {
      const transport = routeTransport({ [BASE]: page(1, next) });
      const report = new SourceReport();
      const walk = await walkPages(testContext({ transport }).ctx, BASE, {
        pageCap: 5,
        what: 'test',
        report,
        onPage: () => 'more',
      });
      expect(walk.end).toBe('done');
      expect(report.warnings).toEqual(['test: ignored an unexpected next-page link after page 1']);
      expect(report.failedRequests).toBe(0);
    }
  });
});
