import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import { MorningPostError } from '../../core/errors.js';
import { seedEdition } from '../../testing/editions/editions.js';
import { buildRobots, buildSitemap, siteUrls } from './index.js';

interface UrlEntry {
  loc: string;
  lastmod?: string;
}

function parseSitemap(xml: string): { ns: string; urls: UrlEntry[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' }).parse(xml) as {
    urlset: { '@_xmlns': string; url: UrlEntry[] };
  };
  return { ns: doc.urlset['@_xmlns'], urls: doc.urlset.url };
}

let editions: Edition[];

beforeAll(async () => {
  const seed = await seedEdition({ number: 2 });
  const earlier = structuredClone(seed);
  Object.assign(earlier, { number: 1, date: '2026-08-22', updatedAt: '2026-08-22T07:15:30.250Z' });
  const draft = structuredClone(seed);
  Object.assign(draft, { number: 3, date: '2026-08-24', status: 'draft', publishedAt: null });
  editions = [earlier, draft, seed];
});

describe('sitemap.xml', () => {
  it('lists the fixed pages and every published edition, absolute, in the sitemaps.org namespace', () => {
    const file = buildSitemap(editions, { baseUrl: 'https://post.example.org' });
    expect(file.path).toBe('sitemap.xml');
    expect(file.contentType).toBe('application/xml');
    const { ns, urls } = parseSitemap(file.body);
    expect(ns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urls).toEqual([
      { loc: 'https://post.example.org/', lastmod: '2026-08-23T06:30:00Z' },
      { loc: 'https://post.example.org/editions/', lastmod: '2026-08-23T06:30:00Z' },
      { loc: 'https://post.example.org/methodology/' },
      { loc: 'https://post.example.org/editions/2026-08-23/', lastmod: '2026-08-23T06:30:00Z' },
      { loc: 'https://post.example.org/editions/2026-08-22/', lastmod: '2026-08-22T07:15:30Z' },
    ]);
  });

  it('keeps a base path and escapes the URL for XML', () => {
    const { urls } = parseSitemap(buildSitemap(editions, { baseUrl: 'https://example.org/a&b/post/' }).body);
    for (const { loc } of urls) expect(loc.startsWith('https://example.org/a&b/post/')).toBe(true);
  });

  it('is deterministic', () => {
    const site = { baseUrl: 'https://post.example.org' };
    expect(buildSitemap([...editions].reverse(), site)).toEqual(buildSitemap(editions, site));
  });

  it('with no editions still lists the fixed pages', () => {
    const { urls } = parseSitemap(buildSitemap([], { baseUrl: 'https://post.example.org' }).body);
    expect(urls.map((u) => u.loc)).toHaveLength(3);
  });
});

describe('robots.txt', () => {
  it('points crawlers at the sitemap by its absolute URL', () => {
    const file = buildRobots({ baseUrl: 'https://post.example.org/news/' });
    expect(file.path).toBe('robots.txt');
    expect(file.body.split('\n')).toContain('Sitemap: https://post.example.org/news/sitemap.xml');
    expect(file.body).toMatch(/^User-agent: \*$/m);
  });
});

describe('the site URL', () => {
  it.each(['', 'post.example.org', '/editions', 'javascript:alert(1)', 'ftp://x.org', 'https://x.org/?a=1'])(
    'rejects %j with a hint naming MORNING_POST_URL',
    (baseUrl) => {
      expect(() => siteUrls({ baseUrl })).toThrow(MorningPostError);
      expect(() => buildRobots({ baseUrl })).toThrow(/MORNING_POST_URL|not usable/);
      try {
        siteUrls({ baseUrl });
      } catch (error) {
        expect((error as MorningPostError).hint).toMatch(/MORNING_POST_URL/);
      }
    },
  );

  it('never lets an edition date become a path outside editions/', () => {
    expect(() => siteUrls({ baseUrl: 'https://x.org' }).edition('../../etc')).toThrow(RangeError);
  });
});
