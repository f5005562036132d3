import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, TOPIC_DOMAINS, TOPIC_SOURCE_IDS } from '../../core/reader.js';
import { describeVnu, isVnuError, validate } from '../../testing/browser/vnu.js';
import { stylesheetFile } from './assets.js';
import { HONEYPOT_FIELD, subscriptionPages } from './subscription-pages.js';

const pages = subscriptionPages({ baseUrl: 'https://post.example.org/' });
const TOKEN = `${'A'.repeat(21)}-_${'b'.repeat(20)}`;
const HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>@example.org';

const all = () => ({
  checkInbox: pages.checkInbox(),
  subscribeForm: pages.subscribeForm(),
  subscribeError: pages.subscribeForm({ error: `Bad <b>address</b> & more`, value: HOSTILE }),
  confirmed: pages.confirmed(),
  confirmedWithManage: pages.confirmed(`https://post.example.org/manage?token=${TOKEN}`),
  confirmInvalid: pages.confirmInvalid(),
  unsubscribeForm: pages.unsubscribeForm(TOKEN),
  unsubscribed: pages.unsubscribed(),
  unsubscribeInvalid: pages.unsubscribeInvalid(),
  problem: pages.problem('Too many requests', 'Wait <a bit>.'),
  manageForm: pages.manageForm({ token: TOKEN, preferences: DEFAULT_PREFERENCES }),
  manageSaved: pages.manageForm({
    token: TOKEN,
    preferences: { cadence: 'weekly', topics: { domains: ['medical', 'vision'], sources: ['github'] } },
    notice: { kind: 'saved', text: 'Saved.' },
  }),
  manageError: pages.manageForm({
    token: TOKEN,
    preferences: DEFAULT_PREFERENCES,
    notice: { kind: 'error', text: `“${HOSTILE}” is not a topic we offer.` },
  }),
  manageInvalid: pages.manageInvalid(),
});

describe('subscription pages', () => {
  it('are whole site pages, kept out of search engines, with the hashed stylesheet', () => {
    for (const [name, body] of Object.entries(all())) {
      const $ = load(body);
      expect($('meta[name="robots"]').attr('content'), name).toBe('noindex');
      expect($('link[rel="stylesheet"]').attr('href'), name).toBe(`/${stylesheetFile().path}`);
      expect($('h1').length, name).toBe(1);
      expect($('header.masthead').length, name).toBe(1);
      expect($('script').length, name).toBe(0);
      expect(body, name).not.toMatch(/ style=/);
    }
  });

  it('escape the error and the typed value, and show the form again', () => {
    const $ = load(all().subscribeError);
    expect($('script').length).toBe(0);
    expect($('img').length).toBe(0);
    expect($('[role="alert"]').text()).toBe('Bad <b>address</b> & more');
    expect($('input[name="email"]').attr('value')).toBe(HOSTILE);
    expect($('input[name="email"]').attr('aria-invalid')).toBe('true');
    expect($('form').attr('method')).toBe('post');
    expect($('form').attr('action')).toBe('/subscribe');
    expect($(`div[hidden] input[name="${HONEYPOT_FIELD}"]`).length).toBe(1);
  });

  it('do not echo a value with control characters or line breaks', () => {
    const $ = load(pages.subscribeForm({ error: 'x', value: 'a@example.org\r\nBcc: b@example.org' }));
    expect($('input[name="email"]').attr('value')).toBe('');
  });

  it('put the unsubscribe button in a POST form carrying the token, under the base path', () => {
    const prefixed = subscriptionPages({ baseUrl: 'https://example.org/post/' });
    const $ = load(prefixed.unsubscribeForm(TOKEN));
    expect($('form').attr('method')).toBe('post');
    expect($('form').attr('action')).toBe(`/post/unsubscribe?token=${TOKEN}`);
    expect($('form button[type="submit"]').text()).toBe('Unsubscribe');
    expect(load(prefixed.subscribeForm())('form').attr('action')).toBe('/post/subscribe');
  });

  it('put the reader’s cadence and topics in a labelled POST form, the token hidden, the error escaped', () => {
    const $ = load(all().manageSaved);
    expect($('form').attr('method')).toBe('post');
    expect($('form').attr('action')).toBe('/manage');
    expect($('input[type="hidden"][name="token"]').attr('value')).toBe(TOKEN);
    expect($('fieldset').length).toBe(3);
    expect(
      $('fieldset legend')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['How often', 'Domains', 'Sources']);
    expect($('input[name="cadence"]:checked').attr('value')).toBe('weekly');
    expect($('input[name="domain"]').length).toBe(TOPIC_DOMAINS.length);
    expect($('input[name="source"]').length).toBe(TOPIC_SOURCE_IDS.length);
    expect(
      $('input[name="domain"]:checked')
        .map((_, el) => $(el).attr('value'))
        .get(),
    ).toEqual(['medical', 'vision']);
    expect(
      $('input[name="source"]:checked')
        .map((_, el) => $(el).attr('value'))
        .get(),
    ).toEqual(['github']);
    for (const input of $('input:not([type="hidden"])').toArray()) {
      expect($(`label[for="${$(input).attr('id')}"]`).length).toBe(1);
    }
    expect($('[role="status"]').text()).toBe('Saved.');
    expect(load(all().manageForm)('input[name="cadence"]:checked').attr('value')).toBe('daily');
    const error = load(all().manageError);
    expect(error('script').length).toBe(0);
    expect(error('img').length).toBe(0);
    expect(error('[role="alert"]').text()).toContain(HOSTILE);
    expect(
      load(
        subscriptionPages({ baseUrl: 'https://post.example.org/' }, { weeklyDay: 'friday' }).manageForm({
          token: TOKEN,
          preferences: DEFAULT_PREFERENCES,
        }),
      )('#cadence-weekly-note').text(),
    ).toContain('each Friday');
  });

  it('make no page that depends on an address (the check-inbox page is always the same)', () => {
    expect(pages.checkInbox()).toBe(subscriptionPages({ baseUrl: 'https://post.example.org/' }).checkInbox());
    expect(pages.checkInbox()).not.toContain('@');
  });
});

describe('subscription pages, validated', () => {
  it('have no Nu HTML Checker errors', async () => {
    const documents = Object.fromEntries(Object.entries(all()).map(([name, body]) => [`${name}.html`, body]));
    const errors = (await validate(documents)).filter(isVnuError).map(describeVnu);
    expect(errors).toEqual([]);
  }, 120_000);
});
