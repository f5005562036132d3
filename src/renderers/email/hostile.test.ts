/**
 * The hostile edition puts a script tag, an attribute breakout, a javascript: URL, a bidi override
 * and a 10,000-character word into every item; here the headline also carries line breaks meant to
 * inject mail headers. The email must show them as text, link nothing but http(s), keep its
 * subject on one line, and stay under Gmail's clipping size.
 */
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import { HOSTILE_STRINGS, hostileEdition } from '../../testing/editions/editions.js';
import { BASE_URL, bytes, LINKS, outsideUrls } from '../../testing/email/links.js';
import { type RenderedEmail, renderEditionEmail } from './index.js';

const INJECTION = 'Breaking\r\nBcc: victim@example.org\n\u2028X-Evil: 1';

let edition: Edition;
let email: RenderedEmail;

beforeAll(async () => {
  edition = await hostileEdition({ meta: { dataMode: 'sample' } });
  edition.text.headline = `${INJECTION} ${HOSTILE_STRINGS.breakout} ${HOSTILE_STRINGS.long}`;
  edition.text.standfirst = `${HOSTILE_STRINGS.script} ${edition.text.standfirst}`;
  email = renderEditionEmail(edition, LINKS);
});

describe('edition email with hostile data', () => {
  it('never turns data into elements or attributes', () => {
    const lower = email.html.toLowerCase();
    expect(lower).not.toContain('<script');
    expect(lower).not.toContain('<img');
    // The attack's text stays, escaped (`onerror=&quot;`); never as an attribute.
    expect(lower).not.toMatch(/onerror\s*=\s*(?!&quot;)/);
    const $ = load(email.html);
    expect($('script, img, iframe, object, embed, form').length).toBe(0);
    const names = $('*')
      .toArray()
      .flatMap((el) => Object.keys((el as unknown as { attribs?: Record<string, string> }).attribs ?? {}));
    expect(names.filter((name) => name.toLowerCase().startsWith('on'))).toEqual([]);
  });

  it('links only http(s) URLs the edition names, never javascript:', () => {
    const $ = load(email.html);
    const allowed = outsideUrls(edition);
    const hrefs = $('[href]')
      .toArray()
      .map((el) => $(el).attr('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(20);
    for (const href of hrefs) {
      expect(href).toMatch(/^https?:\/\//);
      expect(href.startsWith(`${BASE_URL}/`) || allowed.has(href), href).toBe(true);
    }
    // Items whose URL was javascript: are still named, just not linked.
    const unlinked = $('p').filter((_, p) => $(p).text().includes('javascript:window.__pwned=1'));
    expect(unlinked.length).toBeGreaterThan(0);
  });

  it('shows the attacks as text', () => {
    const $ = load(email.html);
    expect($('body').text()).toContain(HOSTILE_STRINGS.script);
    expect($('body').text()).toContain(HOSTILE_STRINGS.breakout);
  });

  it('keeps the subject on one line, at most 120 characters, cut at a word', () => {
    expect(email.subject).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
    expect(email.subject.length).toBeLessThanOrEqual(120);
    expect(email.subject.startsWith('The AI Morning Post — Breaking Bcc: victim@example.org X-Evil: 1')).toBe(
      true,
    );
    expect(email.subject.endsWith('…')).toBe(true);
    expect(email.subject).not.toContain('WWW');
  });

  it('clips the 10,000-character names so the HTML stays under 100 kB', () => {
    expect(bytes(email.html)).toBeLessThan(100_000);
    expect(email.html).not.toContain('W'.repeat(121));
    expect(email.text).not.toContain('W'.repeat(121));
  });

  it('drops bidi overrides, which could reorder the text around a name', () => {
    expect(email.html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(email.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(email.text).toContain('gnp.exe override');
  });

  it('says the data is not live, in both parts', () => {
    const $ = load(email.html);
    expect($('.notice').text()).toContain('Not live data.');
    expect($('.notice').text()).toContain('sample day');
    expect(email.text).toContain('NOT LIVE DATA.');
  });
});
