/**
 * The whole site from a list of editions: which files, the front page, previous/next links by
 * date whatever the input order, the archive by month with its markers, the hashed stylesheet,
 * the methodology and 404 pages, and identical output for identical input.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { type CheerioAPI, load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import { seedEdition } from '../../testing/editions/editions.js';
import { groupByMonth } from './archive-page.js';
import { buildSitePages } from './build.js';
import type { SiteFile } from './context.js';

const SITE = { baseUrl: 'https://example.org' };

let editions: Edition[];
let files: SiteFile[];
const file = (path: string): string => {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return found.body;
};
const parse = (path: string): CheerioAPI => load(file(path));

function variant(seed: Edition, date: string, number: number, changes: Partial<Edition> = {}): Edition {
  const edition = structuredClone(seed);
  edition.date = date;
  edition.number = number;
  edition.text.headline = `Headline of ${date}`;
  edition.text.standfirst = `Standfirst of ${date}`;
  return { ...edition, ...changes };
}

beforeAll(async () => {
  const seed = await seedEdition();
  editions = [
    variant(seed, '2026-08-23', 4),
    variant(seed, '2026-07-30', 1, { meta: { ...seed.meta, dataMode: 'sample' } }),
    variant(seed, '2026-08-02', 3, { status: 'draft', meta: { ...seed.meta, dataMode: 'stored' } }),
    variant(seed, '2026-07-31', 2),
  ];
  files = await buildSitePages(editions, SITE);
});

describe('buildSitePages', () => {
  it('writes the front page, a permalink per edition, archive, methodology, 404 and the stylesheet', () => {
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        '404.html',
        'editions/2026-07-30/index.html',
        'editions/2026-07-31/index.html',
        'editions/2026-08-02/index.html',
        'editions/2026-08-23/index.html',
        'editions/index.html',
        'index.html',
        'methodology/index.html',
        expect.stringMatching(/^assets\/style\.[0-9a-f]{10}\.css$/),
      ].sort(),
    );
    for (const f of files)
      expect(f.contentType).toMatch(f.path.endsWith('.css') ? /^text\/css/ : /^text\/html/);
  });

  it('puts the newest edition on the front page, canonical to its permalink', () => {
    const $ = parse('index.html');
    expect($('h1').text()).toBe('Headline of 2026-08-23');
    expect($('link[rel="canonical"]').attr('href')).toBe('https://example.org/editions/2026-08-23/');
    expect($('.site-nav a[aria-current="page"]').text()).toBe('Today');
    expect($('a[rel="prev"]').attr('href')).toBe('/editions/2026-08-02/');
  });

  it('links previous and next editions by date, whatever the input order', () => {
    const middle = parse('editions/2026-07-31/index.html');
    expect(middle('a[rel="prev"]').attr('href')).toBe('/editions/2026-07-30/');
    expect(middle('a[rel="next"]').attr('href')).toBe('/editions/2026-08-02/');
    expect(middle('a[rel="next"] .nav-title').text()).toBe('Headline of 2026-08-02');
    expect(parse('editions/2026-07-30/index.html')('a[rel="prev"]')).toHaveLength(0);
    expect(parse('editions/2026-08-23/index.html')('a[rel="next"]')).toHaveLength(0);
  });

  it('builds the archive by month, newest first, with markers for sample, stored and draft', () => {
    const $ = parse('editions/index.html');
    expect($('h1').text()).toBe('Archive');
    expect(
      $('.archive-month h2')
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual(['August 2026', 'July 2026']);
    const entries = $('.archive-entry');
    expect(
      entries
        .find('.archive-headline a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual([
      '/editions/2026-08-23/',
      '/editions/2026-08-02/',
      '/editions/2026-07-31/',
      '/editions/2026-07-30/',
    ]);
    const first = entries.first();
    expect(first.find('time').text()).toBe('Sunday, 23 August 2026');
    expect(first.find('.meta').text()).toContain('No. 4');
    expect(first.find('.archive-standfirst').text()).toBe('Standfirst of 2026-08-23');
    expect(first.find('.marker')).toHaveLength(0);
    const markers = (i: number) =>
      entries
        .eq(i)
        .find('.marker')
        .map((_, m) => $(m).text())
        .get();
    expect(markers(1)).toEqual(['Stored data', 'Draft']);
    expect(markers(3)).toEqual(['Sample data']);
  });

  it('groups summaries by month in newest-first order', () => {
    const months = groupByMonth(
      ['2026-01-02', '2025-12-31', '2026-01-30'].map((date, i) => ({
        number: i + 1,
        date,
        headline: '',
        standfirst: '',
        status: 'published' as const,
        dataMode: 'live' as const,
        updatedAt: '',
      })),
    );
    expect(months.map(([key, list]) => [key, list.map((s) => s.date)])).toEqual([
      ['2026-01', ['2026-01-30', '2026-01-02']],
      ['2025-12', ['2025-12-31']],
    ]);
  });

  it('names the stylesheet by its content hash and links it from every page', () => {
    const css = files.find((f) => f.path.endsWith('.css'));
    const hash = createHash('sha256')
      .update(css?.body ?? '')
      .digest('hex')
      .slice(0, 10);
    expect(css?.path).toBe(`assets/style.${hash}.css`);
    for (const f of files.filter((f) => f.path.endsWith('.html')))
      expect(load(f.body)('link[rel="stylesheet"]').attr('href')).toBe(`/${css?.path}`);
    expect(css?.body).toContain('prefers-color-scheme: dark');
    expect(css?.body).toContain('@media print');
    expect(css?.body).toContain('overflow-wrap: anywhere');
  });

  it('keeps a full edition’s HTML and CSS under 60 kB gzipped', () => {
    const css = files.find((f) => f.path.endsWith('.css'))?.body ?? '';
    const size = gzipSync(file('editions/2026-08-23/index.html')).length + gzipSync(css).length;
    expect(size).toBeLessThan(60_000);
  });

  it('explains the method: sources, scoring, weekends, writers, fact-checks, freshness', () => {
    const $ = parse('methodology/index.html');
    expect($('h1')).toHaveLength(1);
    const words = $('main').text();
    for (const phrase of [
      'Hugging Face daily papers',
      'GitHub Trending',
      'arXiv',
      'magnitude × novelty',
      'bigger change',
      'Saturday and Sunday',
      'newsroom',
      'language model',
      'fact-checked',
      'not live',
    ])
      expect(words).toContain(phrase);
    expect($('link[rel="canonical"]').attr('href')).toBe('https://example.org/methodology/');
  });

  it('serves a 404 page with root-relative links, kept out of search engines', () => {
    const $ = parse('404.html');
    expect($('h1').text()).toBe('Page not found');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    $('a[href]').each((_, a) => expect($(a).attr('href')).toMatch(/^(\/|#)/));
  });

  it('gives identical files for the same editions in any order, one edition per date', async () => {
    const shuffled = await buildSitePages([...editions].reverse(), SITE);
    expect(shuffled).toEqual(files);
    const duplicate = variant(editions[0] as Edition, '2026-08-23', 5);
    const again = await buildSitePages([duplicate, ...editions], SITE);
    expect(again.filter((f) => f.path === 'editions/2026-08-23/index.html')).toHaveLength(1);
    expect(load(again[0]?.body ?? '')('.edition-number').text()).toBe('No. 5');
  });

  it('still builds a site with no editions', async () => {
    const empty = await buildSitePages([], SITE);
    expect(empty.map((f) => f.path)).toContain('index.html');
    expect(load(empty[0]?.body ?? '')('main').text()).toContain('No editions yet');
  });
});
