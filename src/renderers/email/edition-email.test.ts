/**
 * The edition email for the seed Sunday: built like an email (presentation tables, inline styles,
 * a 600 px column, a hidden preheader), every section present in short form, every link absolute,
 * and the unsubscribe link in both parts.
 */
import { type CheerioAPI, load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import { plainText } from '../../core/text.js';
import { generatedEdition, seedEdition } from '../../testing/editions/editions.js';
import { BASE_URL, bytes, LINKS, outsideUrls } from '../../testing/email/links.js';
import { type RenderedEmail, renderEditionEmail } from './index.js';

const EDITION_URL = `${BASE_URL}/editions/2026-08-23/`;
const SECTIONS = ['lead', 'metrics', 'deep-dive', 'opinion', 'tools', 'trending', 'movers', 'reading'];

let edition: Edition;
let email: RenderedEmail;
let $: CheerioAPI;

beforeAll(async () => {
  edition = await seedEdition({ number: 4 });
  email = renderEditionEmail(edition, LINKS);
  $ = load(email.html);
});

const text = (selector: string) => $(selector).text().replace(/\s+/g, ' ');

describe('edition email: structure', () => {
  it('is a complete document with the head an email needs', () => {
    expect(email.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect($('html').attr('lang')).toBe('en');
    expect($('meta[charset]').attr('charset')).toBe('utf-8');
    expect($('meta[name="viewport"]').attr('content')).toContain('width=device-width');
    expect($('title').text()).toBe(email.subject);
  });

  it('lays out with presentation tables, a 600 px column and bgcolor for Outlook', () => {
    const layout = $('table').not('.data');
    expect(layout.length).toBeGreaterThan(5);
    layout.each((_, table) => expect($(table).attr('role')).toBe('presentation'));
    expect($('table.container').attr('style')).toContain('max-width:600px');
    expect($('body').attr('bgcolor')).toMatch(/^#[0-9a-f]{6}$/);
    expect($('table.container').attr('bgcolor')).toMatch(/^#[0-9a-f]{6}$/);
    // Outlook ignores max-width: it gets a fixed 600 px table inside a conditional comment.
    expect(email.html).toContain('<!--[if mso]><table role="presentation" width="600"');
  });

  it('styles every text element inline, with web-safe fonts', () => {
    const textElements = $('body p, body h1, body h2, body h3, body th, body td:not(:has(table, p))');
    expect(textElements.length).toBeGreaterThan(50);
    textElements.each((_, el) => expect($(el).attr('style'), $.html(el).slice(0, 120)).toBeTruthy());
    $('a').each((_, el) => expect($(el).attr('style')).toMatch(/color:#/));
    for (const style of $('[style*="font-family"]')
      .toArray()
      .map((el) => $(el).attr('style') ?? ''))
      expect(style).toMatch(/font-family:(Georgia,Times New Roman,Times,serif|Arial,Helvetica,sans-serif);/);
  });

  it('hides the standfirst as the preheader, before anything visible', () => {
    const preheader = $('.preheader');
    expect(preheader.attr('style')).toContain('display:none');
    expect(preheader.text()).toContain(edition.text.standfirst);
    expect($('body').children().first().children().first().is('.preheader')).toBe(true);
  });

  it('carries no images, scripts or forms (charts become numbers)', () => {
    expect($('img, svg, script, form, iframe, video').length).toBe(0);
  });
});

describe('edition email: sections', () => {
  it('links every section to its place on the web page, in reading order', () => {
    const order = $('a[href*="#"]')
      .toArray()
      .map((a) => $(a).attr('href') ?? '')
      .filter((href) => href.startsWith(EDITION_URL))
      .map((href) => href.slice(href.indexOf('#') + 1));
    const firsts = order.filter((id, i) => order.indexOf(id) === i);
    expect(firsts).toEqual(SECTIONS);
  });

  it('opens with the masthead: name, date and number', () => {
    const top = text('table.container > tbody > tr:first-child, table.container > tr:first-child');
    expect(top).toContain('The AI Morning Post');
    expect(top).toContain('Sunday, 23 August 2026');
    expect(top).toContain('No. 4');
  });

  it('gives the lead its headline, standfirst and first paragraph', () => {
    expect($('h1').text()).toBe(edition.text.headline);
    expect(text('body')).toContain(edition.text.standfirst);
    expect(text('body')).toContain('It is a weekend list, and it reads like one');
    // Only the first paragraph: the closing line of the lead stays on the web page.
    expect(text('body')).not.toContain('tomorrow’s edition will show whether');
  });

  it('prints the metrics as a table of numbers', () => {
    const rows = $('table.data tbody tr');
    expect(rows.length).toBe(edition.plan.metrics.metrics.length);
    const first = rows.first().find('td');
    expect(first.eq(0).text()).toBe('Trending models from individual authors');
    expect(first.eq(1).text()).toBe('67%');
    expect(first.eq(2).text()).toBe('50%');
    expect($('table.data th[scope="col"]').length).toBe(3);
  });

  it('has the deep dive, both opinions labelled Opinion with their first sentence', () => {
    const body = text('body');
    const dive = edition.text.sections.find((s) => s.id === 'deepDive');
    expect(body).toContain(dive?.title ?? '?');
    const opening = plainText(dive?.paragraphs[0] ?? []);
    expect(body).toContain(opening.slice(0, opening.search(/[.!?](\s|$)/) + 1));
    const kickers = $('p')
      .filter((_, p) => $(p).text() === 'Opinion')
      .toArray();
    expect(kickers).toHaveLength(2);
    // Headlines and first sentences come from the edition: a wording change is not a renderer bug.
    for (const id of ['opinion1', 'opinion2'] as const) {
      const section = edition.text.sections.find((s) => s.id === id);
      expect(body).toContain(section?.title ?? '?');
      const first = plainText(section?.paragraphs[0] ?? []).replace(/^Opinion: /, '');
      const sentence = first.slice(0, first.search(/[.!?](\s|$)/) + 1);
      // The email capitalises a plain first word after dropping "Opinion:".
      expect(body).toContain(sentence.slice(1));
    }
    // Only the first sentence: the second paragraph stays on the web.
    const second = plainText(edition.text.sections.find((s) => s.id === 'opinion1')?.paragraphs[1] ?? []);
    expect(body).not.toContain(second.slice(0, 40));
  });

  it('lists four tools, the top five trending models with numbers, datasets, repositories, movers and papers', () => {
    const body = text('body');
    for (const label of ['Model', 'Library', 'App', 'Repository'])
      expect($('p').filter((_, p) => $(p).text() === label).length).toBe(1);
    expect(body).toContain('lucaverdi/tiny-story-270M');
    expect(body).toContain('412 likes · 3.1k downloads');
    expect(body).toContain('Qwen/Qwen3-32B'); // 5th
    expect(body).not.toContain('meta-llama/Llama-3.3-70B-Instruct'); // 7th: web page only
    expect(body).toContain('open-r/reasoning-traces');
    expect(body).toContain('41k stars · +1.3k stars this week');
    expect(body).toContain('Up 14 places, now 6th; +122 likes, +1.1k downloads over 7 days');
    expect(body).toContain('New to the list, now 1st');
    expect(body).toContain('Scaling Laws for Domain-Specific Language Models');
  });

  it('ends with a bulletproof button and a footer with a visible unsubscribe link', () => {
    const button = $('td.btn');
    expect(button.attr('bgcolor')).toMatch(/^#[0-9a-f]{6}$/);
    expect(button.find('a').attr('href')).toBe(EDITION_URL);
    expect(button.text()).toBe('Read the full edition');
    const unsubscribe = $('a').filter((_, a) => $(a).text() === 'Unsubscribe');
    expect(unsubscribe.attr('href')).toBe(LINKS.unsubscribeUrl);
    expect(text('body')).toContain('because you subscribed to The AI Morning Post');
    expect($(`a[href="${BASE_URL}/"]`).length).toBeGreaterThan(0);
  });

  it('shows no data notice for live data', () => {
    expect($('.notice').length).toBe(0);
    expect(email.text).not.toContain('NOT LIVE DATA');
  });
});

describe('edition email: links', () => {
  it('points every href at the site or at an http(s) URL the edition names', () => {
    const allowed = outsideUrls(edition);
    const hrefs = $('a')
      .toArray()
      .map((a) => $(a).attr('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(40);
    for (const href of hrefs) {
      expect(href).toMatch(/^https?:\/\//);
      expect(href.startsWith(`${BASE_URL}/`) || allowed.has(href), href).toBe(true);
    }
  });

  it('refuses an unsubscribe link that is not http(s)', () => {
    expect(() => renderEditionEmail(edition, { ...LINKS, unsubscribeUrl: 'javascript:alert(1)' })).toThrow(
      /unsubscribe link/,
    );
    expect(() => renderEditionEmail(edition, { ...LINKS, baseUrl: 'ftp://example.org' })).toThrow();
  });
});

describe('edition email: plain text', () => {
  it('has the same sections, links as <url>, and the unsubscribe link last', () => {
    for (const id of SECTIONS) expect(email.text).toContain(`<${EDITION_URL}#${id}>`);
    expect(email.text).toContain('TODAY’S LEAD: While the Labs Rest');
    expect(email.text).toContain('- Trending models from individual authors: 67% (week before: 50%)');
    expect(email.text).toContain(
      `OPINION: ${edition.text.sections.find((s) => s.id === 'opinion2')?.title ?? '?'}`,
    );
    expect(email.text).toContain('hanyc4855/H25 <https://huggingface.co/hanyc4855/H25>');
    expect(email.text.trimEnd().split('\n').at(-1)).toBe(`Unsubscribe: ${LINKS.unsubscribeUrl}`);
  });

  it('wraps at 76 columns; only a line holding a URL may run longer', () => {
    const long = email.text.split('\n').filter((line) => line.length > 76);
    for (const line of long) expect(line).toMatch(/https?:\/\/\S{20,}/);
    expect(email.text).not.toMatch(/<\/?[a-z]+[ >]/i);
  });

  it('numbers links inside prose as footnotes after their section', () => {
    expect(email.text).toMatch(/StyTJU\/MultiObj-DETR \[1\]/);
    expect(email.text).toContain('[1] https://huggingface.co/StyTJU/MultiObj-DETR');
  });
});

describe('edition email: subject, size and determinism', () => {
  it('puts the paper and the headline in the subject', () => {
    expect(email.subject).toBe(
      'The AI Morning Post — While the Labs Rest, Independents Lead Sunday’s Trending Models',
    );
  });

  it('stays well under Gmail’s clipping size', () => {
    expect(bytes(email.html)).toBeLessThan(60_000);
    expect(bytes(renderEditionEmail(generatedEdition(), LINKS).html)).toBeLessThan(100_000);
  });

  it('renders the same bytes every time', async () => {
    const again = renderEditionEmail(await seedEdition({ number: 4 }), LINKS);
    expect(again).toEqual(email);
  });

  it('handles a generated edition with full lists', () => {
    const generated = generatedEdition();
    const html = load(renderEditionEmail(generated, LINKS).html);
    const ranks = html('h3')
      .filter((_, h) => html(h).text() === 'Models on Hugging Face')
      .next('table')
      .find('tr');
    expect(ranks.length).toBe(5);
  });
});

describe('edition email: data notice', () => {
  it('says plainly when the edition was made from stored snapshots, and why', () => {
    const stored = generatedEdition('2026-08-21', {
      meta: {
        dataMode: 'stored',
        dataDay: '2026-08-20',
        failedSources: [{ source: 'hf-models', error: 'HTTP 503' }],
      },
    });
    const rendered = renderEditionEmail(stored, LINKS);
    const notice = load(rendered.html)('.notice').text();
    expect(notice).toContain('Not live data.');
    expect(notice).toContain('stored snapshots (from 2026-08-20)');
    expect(notice).toContain('HTTP 503');
    expect(rendered.text).toMatch(/NOT LIVE DATA\. This edition uses the newest stored snapshots/);
  });

  it('says so for the sample day too, above the lead', async () => {
    const rendered = renderEditionEmail(await seedEdition({ meta: { dataMode: 'sample' } }), LINKS);
    const html = load(rendered.html);
    expect(html('.notice').text()).toContain('sample day');
    expect(rendered.html.indexOf('class="notice"')).toBeLessThan(rendered.html.indexOf('<h1'));
  });
});
