/**
 * The edition page, parsed: every section of the seed edition with real content, for the seed
 * and a generated edition; the data notices; charts with text alternatives; head metadata built
 * from the base URL; the subscribe box and its QR code; and byte-identical output.
 */
import { type CheerioAPI, load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import { planItems } from '../../core/plan.js';
import { generatedEdition, seedEdition } from '../../testing/editions/editions.js';
import { createPageAssets } from './assets.js';
import type { PageAssets, SiteContext } from './context.js';
import { renderEditionPage } from './edition-page.js';

const SITE: SiteContext = { baseUrl: 'https://example.org/post/', telegramChannel: '@morningpost' };

let seed: Edition;
let assets: PageAssets;
const render = (edition: Edition, site = SITE, a = assets) => renderEditionPage(edition, {}, site, a);
const parse = (edition: Edition, site = SITE, a = assets): CheerioAPI => load(render(edition, site, a));
const text = ($: CheerioAPI, selector: string) => $(selector).text().replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  seed = await seedEdition({ number: 7 });
  assets = await createPageAssets(SITE);
});

function expectEverySection($: CheerioAPI, edition: Edition): void {
  const { plan } = edition;
  const title = (id: string) => edition.text.sections.find((s) => s.id === id)?.title;
  expect($('h1')).toHaveLength(1);
  expect(text($, 'h1')).toBe(edition.text.headline);
  expect(text($, '#lead .standfirst')).toBe(edition.text.standfirst);
  expect($('#lead .lead-body p').length).toBeGreaterThanOrEqual(3);

  expect(text($, '#metrics h2')).toBe(title('metrics'));
  expect($('#metrics .tile')).toHaveLength(plan.metrics.metrics.length);
  expect($('#metrics .tile-value').first().text()).toMatch(/\d/);
  expect($('#metrics svg.chart').length).toBeGreaterThanOrEqual(1);

  expect(text($, '#deep-dive h2')).toBe('Deep Dive');
  expect(text($, '#deep-dive h3')).toBe(title('deepDive'));
  expect($('#deep-dive .columns p').length).toBeGreaterThanOrEqual(3);
  expect($('#deep-dive figure svg.chart')).toHaveLength(1);

  const opinions = $('#opinion article.opinion-piece');
  expect(opinions).toHaveLength(2);
  opinions.each((_, piece) => expect($(piece).find('.kicker').text()).toBe('Opinion'));
  expect(
    opinions
      .find('h3')
      .toArray()
      .map((h) => $(h).text()),
  ).toEqual([title('opinion1'), title('opinion2')]);

  expect($('#tools li.tool')).toHaveLength(plan.tools.length);
  $('#tools li.tool').each((_, tool) =>
    expect($(tool).find('a[href^="https://"]').length).toBeGreaterThan(0),
  );

  for (const [key, list] of Object.entries(plan.trending))
    expect($(`#trending .trend-${key} li.item`)).toHaveLength(list.length);

  expect($('#movers li.mover')).toHaveLength(plan.movers.items.length);
  expect($('#movers li.mover svg.sparkline')).toHaveLength(plan.movers.items.length);

  expect(text($, '#reading h2')).toBe(title('reading'));
  expect($('#reading li').length).toBeGreaterThan(0);

  expect($('#subscribe form')).toHaveLength(1);
  expect($('footer table.sources tbody tr')).toHaveLength(plan.coverage.sources.length);
}

describe('the edition page', () => {
  it('has every section of the seed edition, with its content', () => {
    const $ = parse(seed);
    expectEverySection($, seed);
    expect(text($, '.paper-name')).toBe('The AI Morning Post');
    expect(text($, '.tagline')).toBe('Artificial Intelligence • Machine Learning • Future Tech');
    expect(text($, '.edition-line')).toContain('Sunday, 23 August 2026');
    expect(text($, '.edition-line')).toContain('No. 7');
    expect(text($, '#reading h2')).toBe('Weekend Reading');
    expect(text($, '#tools .kicker')).toBe('ModelLibraryAppRepository');
  });

  it('has every section of a generated weekday edition, titled from its text', () => {
    const edition = generatedEdition('2025-06-17');
    const $ = parse(edition);
    expectEverySection($, edition);
    expect(text($, '#reading h2')).toBe('Reading List');
  });

  it('prints trending numbers compactly, with stars gained', () => {
    const $ = parse(seed);
    const h25 = $('#trending .trend-models li.item').first();
    expect(h25.find('.item-name a').attr('href')).toBe('https://huggingface.co/hanyc4855/H25');
    expect(text($, '#trending .trend-models li.item:first-child .stats')).toBe('412 likes · 3.1k downloads');
    expect(text($, '#trending .trend-repositories li.item:first-child .stats')).toBe(
      '41k stars · +1.3k stars this week',
    );
  });

  it('shows a language model’s lines about trending items, but not the newsroom’s restated numbers', () => {
    expect(parse(seed)('#trending .blurb')).toHaveLength(0);
    const edition = structuredClone(seed);
    const trending = edition.text.sections.find((s) => s.id === 'trending');
    if (trending) trending.writer = 'anthropic:claude-test';
    const $ = parse(edition);
    expect($('#trending .blurb').length).toBe(trending?.entries?.length);
    expect(text($, '#trending .trend-models li.item:first-child .blurb')).toContain('1st on the list');
  });

  it('shows movers with their rank change and the sparkline numbers in text', () => {
    const $ = parse(seed);
    const first = $('#movers li.mover').first();
    expect(first.find('.badge').text()).toContain('Up 14 places, now 6th');
    expect(first.find('.spark-caption').text()).toBe('Likes: 18 → 140');
    expect(first.find('svg.sparkline').attr('aria-label')).toBe(
      'Likes over 8 days: 18, 35, 53, 70, 88, 105, 123, 140',
    );
    // H25 entered the list late: the days before are gaps, said so in text.
    const newcomer = $('#movers li.mover').filter((_, li) => $(li).text().includes('hanyc4855/H25'));
    expect(newcomer.find('.badge').text()).toBe('New, now 1st');
    expect(newcomer.find('svg.sparkline').attr('aria-label')).toContain('no data, no data');
    expect(newcomer.find('svg.sparkline circle, svg.sparkline polyline').length).toBeGreaterThan(0);
  });

  it('gives every chart a role, a title and description, and its numbers as a table', () => {
    const $ = parse(seed);
    const charts = $('svg.chart');
    expect(charts.length).toBeGreaterThan(2);
    charts.each((_, svg) => {
      const chart = $(svg);
      expect(chart.attr('role')).toBe('img');
      const ids = (chart.attr('aria-labelledby') ?? '').split(' ');
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(chart.find(`#${id}`).text().length).toBeGreaterThan(0);
      const table = chart.next('.visually-hidden').find('table');
      expect(table.find('tbody tr')).toHaveLength(chart.find('rect.bar').length);
    });
    const ids = $('[id]')
      .toArray()
      .map((el) => $(el).attr('id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('links the lead back to earlier editions that covered it', () => {
    const edition = structuredClone(seed);
    edition.plan.lead?.previously.push({
      date: '2026-08-16',
      number: 3,
      headline: 'Last Sunday',
      matchedBy: 'x',
    });
    const $ = parse(edition);
    const link = $('#lead .previously a');
    expect(link.attr('href')).toBe('/post/editions/2026-08-16/');
    expect(link.text()).toBe('Last Sunday');
    expect($('.previously h2').text()).toBe('Previously in the Post');
    expect(parse(seed)('.previously')).toHaveLength(0);
  });
});

describe('head and links', () => {
  it('builds canonical, Open Graph and feed URLs from the base URL', () => {
    const $ = parse(seed);
    const permalink = 'https://example.org/post/editions/2026-08-23/';
    expect($('link[rel="canonical"]').attr('href')).toBe(permalink);
    expect($('meta[property="og:url"]').attr('content')).toBe(permalink);
    expect($('meta[property="og:type"]').attr('content')).toBe('article');
    expect($('meta[property="og:site_name"]').attr('content')).toBe('The AI Morning Post');
    expect($('meta[property="og:title"]').attr('content')).toContain(seed.text.headline);
    expect($('meta[name="description"]').attr('content')).toBe(seed.text.standfirst);
    expect($('meta[name="twitter:card"]').attr('content')).toBe('summary');
    expect($('meta[name="color-scheme"]').attr('content')).toBe('light dark');
    expect(
      $('link[rel="alternate"]')
        .map((_, l) => $(l).attr('href'))
        .get(),
    ).toEqual([
      'https://example.org/post/feed.xml',
      'https://example.org/post/atom.xml',
      'https://example.org/post/feed.json',
    ]);
    expect($('link[rel="stylesheet"]').attr('href')).toMatch(/^\/post\/assets\/style\.[0-9a-f]{10}\.css$/);
    expect($('html').attr('lang')).toBe('en');
    expect($('a.skip-link').attr('href')).toBe('#main');
    expect($('main#main')).toHaveLength(1);
  });

  it('links within the site under the base path, and outside only to http(s) with rel=noopener', () => {
    const $ = parse(seed);
    $('a[href]').each((_, a) => {
      const href = $(a).attr('href') ?? '';
      if (/^https?:/.test(href)) expect($(a).attr('rel')).toBe('noopener');
      else expect(href).toMatch(/^(\/post\/|#)/);
    });
    expect($('a[href="/post/editions/"]').length).toBeGreaterThan(0);
    expect($('a[href="/post/methodology/"]').length).toBeGreaterThan(0);
  });

  it('uses no script, no inline style and no style attribute', () => {
    const $ = parse(seed);
    expect($('script, style, [style]')).toHaveLength(0);
    const attributes = $('*')
      .toArray()
      .flatMap((el) => Object.keys((el as unknown as { attribs: Record<string, string> }).attribs ?? {}));
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
  });
});

describe('subscribe box', () => {
  it('has an email form that works without JavaScript, feeds and this edition’s formats', () => {
    const $ = parse(seed);
    const form = $('#subscribe form');
    expect(form.attr('method')).toBe('post');
    expect(form.attr('action')).toBe('/post/subscribe');
    const input = form.find('input[type="email"][name="email"]');
    expect(input.attr('required')).toBeDefined();
    expect(form.find(`label[for="${input.attr('id')}"]`).text()).toBe('Email address');
    expect(form.find('button[type="submit"]')).toHaveLength(1);
    const links = $('#feeds a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(links).toEqual([
      '/post/feed.xml',
      '/post/atom.xml',
      '/post/feed.json',
      '/post/editions/2026-08-23/edition.json',
      '/post/editions/2026-08-23/edition.md',
    ]);
  });

  it('shows the Telegram link and QR code for a public channel', () => {
    const $ = parse(seed);
    expect($('#subscribe a[href="https://t.me/morningpost"]').length).toBeGreaterThan(0);
    const qr = $('#subscribe figure.qr svg');
    expect(qr.attr('role')).toBe('img');
    expect(qr.attr('aria-label')).toBe('QR code for https://t.me/morningpost');
    expect(qr.find('path').length).toBeGreaterThan(0);
  });

  it('shows neither for a numeric chat id or no channel', async () => {
    for (const telegramChannel of ['-1001234567890', undefined]) {
      const site = { baseUrl: SITE.baseUrl, telegramChannel };
      const $ = parse(seed, site, await createPageAssets(site));
      expect($('.qr, .telegram, a[href^="https://t.me/"]')).toHaveLength(0);
    }
  });
});

describe('footer', () => {
  it('lists each source’s data time and the writers', () => {
    const $ = parse(seed);
    const first = $('footer table.sources tbody tr').first();
    expect(first.find('th').text()).toBe('Hugging Face trending models');
    expect(first.find('time[datetime="2026-08-23T06:00:00.000Z"]').text()).toBe('23 Aug 2026, 06:00 UTC');
    expect(text($, 'footer .writers')).toContain('Every section was written by newsroom');
  });

  it('names each writer and the reason for a fallback when writers differ', () => {
    const edition = structuredClone(seed);
    edition.text.writer = 'openai:gpt-4o-mini';
    for (const section of edition.text.sections) section.writer = 'openai:gpt-4o-mini';
    const tools = edition.text.sections.find((s) => s.id === 'tools');
    if (tools) Object.assign(tools, { writer: 'newsroom', fallbackReason: 'fact-check failed twice' });
    const writers = text(parse(edition), 'footer .writers');
    expect(writers).toContain('openai:gpt-4o-mini, a language model: lead story');
    expect(writers).toContain('newsroom, the Post’s built-in writer: tools');
    expect(writers).toContain('The tools fell back to newsroom: fact-check failed twice.');
  });
});

describe('determinism', () => {
  it('renders the same edition byte for byte, twice', async () => {
    const again = await seedEdition({ number: 7 });
    expect(render(again)).toBe(render(seed));
    expect(render(seed)).toBe(render(seed));
  });
});

describe('mentions in the prose', () => {
  const prose = ($: CheerioAPI) => $('#lead .lead-body a, #deep-dive .columns a, .opinion-piece a').toArray();

  it('lead to the subject page of the item they name when the build has subject pages', () => {
    const urls = new Set(planItems(seed.plan).map((item) => item.url));
    const upstream = prose(parse(seed)).filter((a) => urls.has(a.attribs.href ?? ''));
    expect(upstream.length).toBeGreaterThan(0);

    const $ = parse(seed, { ...SITE, subjectPages: true });
    const links = prose($).map((a) => a.attribs.href ?? '');
    // Every prose link that named a planned item now leads inside the paper, under the base path.
    expect(links.filter((href) => urls.has(href))).toEqual([]);
    const pages = links.filter((href) => /^\/post\/(models|datasets|spaces|repos|papers)\//.test(href));
    expect(pages.length).toBe(upstream.length);
    for (const href of pages) expect(href).toMatch(/\/$/);
  });
});
