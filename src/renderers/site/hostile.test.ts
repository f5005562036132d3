/**
 * Outside strings are attacks until escaped: the hostile edition puts a script tag, an attribute
 * breakout, a javascript: URL, a bidi override and a 10,000-character word into every item title,
 * author, tagline and URL. The pages must show them as text and run nothing.
 */
import { type CheerioAPI, load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import { HOSTILE_STRINGS, hostileEdition } from '../../testing/editions/editions.js';
import { buildSitePages } from './build.js';
import type { SiteFile } from './context.js';

const SITE = { baseUrl: 'http://localhost:8080', telegramChannel: '@morningpost' };

let edition: Edition;
let files: SiteFile[];
let page: string;

beforeAll(async () => {
  edition = await hostileEdition();
  // The standfirst and headline reach the archive, the feeds' summaries and the head's metadata.
  edition.text.headline = `${HOSTILE_STRINGS.breakout} ${edition.text.headline}`;
  files = await buildSitePages([edition], SITE);
  page = files.find((f) => f.path === `editions/${edition.date}/index.html`)?.body ?? '';
});

function attributes($: CheerioAPI): Array<[string, string]> {
  return $('*')
    .toArray()
    .flatMap((el) => Object.entries((el as unknown as { attribs?: Record<string, string> }).attribs ?? {}));
}

describe('hostile outside strings', () => {
  it('never become elements: no script, img, iframe or style from data', () => {
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      expect(file.body.toLowerCase()).not.toContain('<script');
      expect(file.body.toLowerCase()).not.toContain('<img');
      const $ = load(file.body);
      expect($('script, img, iframe, object, embed, style, [style]')).toHaveLength(0);
    }
  });

  it('never become attributes: no event handlers anywhere', () => {
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      const names = attributes(load(file.body)).map(([name]) => name.toLowerCase());
      expect(names.filter((name) => name.startsWith('on'))).toEqual([]);
    }
  });

  it('never become javascript: links; outside links are http(s) only', () => {
    const $ = load(page);
    // The one data: URL is our own empty favicon, which spares browsers a request for /favicon.ico.
    expect($('link[rel="icon"]').attr('href')).toBe('data:,');
    $('link[rel="icon"]').remove();
    for (const [name, value] of attributes($))
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name))
        expect(value.trim().toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
    $('a[href]').each((_, a) => expect($(a).attr('href')).toMatch(/^(https?:\/\/|\/|#)/));
    // Items whose URL was javascript: are still named, just not linked.
    const unlinked = $('#trending .item-name').filter((_, el) => $(el).find('a').length === 0);
    expect(unlinked.length).toBeGreaterThan(0);
  });

  it('shows the attacks as the text they are', () => {
    const $ = load(page);
    const body = $('body').text();
    expect(body).toContain(HOSTILE_STRINGS.script);
    expect(body).toContain(HOSTILE_STRINGS.breakout);
    expect(body).toContain(HOSTILE_STRINGS.long);
    expect($('title').text()).toContain(HOSTILE_STRINGS.breakout);
    expect($('meta[property="og:title"]').attr('content')).toContain(HOSTILE_STRINGS.breakout);
    const archive = load(files.find((f) => f.path === 'editions/index.html')?.body ?? '');
    expect(archive('.archive-headline a').text()).toContain(HOSTILE_STRINGS.breakout);
  });

  it('isolates bidi overrides and shortens unbreakable labels inside charts', () => {
    const $ = load(page);
    expect($('bdi').length).toBeGreaterThan(0);
    $('bdi').each((_, el) => expect($(el).text()).toMatch(/[\u202A-\u202E\u2066-\u2069]/));
    $('svg text').each((_, el) => expect([...$(el).text()].length).toBeLessThanOrEqual(52));
  });
});
