/**
 * The building blocks: escaping by construction, links only for http(s) URLs, the Telegram
 * channel's public link, and numbers and dates as the page prints them.
 */
import { describe, expect, it } from 'vitest';
import { externalLink, resolveSite, safeHref, telegramLink } from './context.js';
import {
  compact,
  longDate,
  metricValue,
  monthTitle,
  ordinal,
  parameters,
  shorten,
  timestamp,
} from './format.js';
import { html, join, raw } from './html.js';
import { inline } from './prose.js';

describe('html', () => {
  it('escapes every interpolated string, attribute quotes included', () => {
    const value = `"><script>alert('x')</script>&`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
  });

  it('keeps nested markup and raw() as they are, and drops null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`${inner}${raw('<svg></svg>')}${null}${undefined}${false}${0}`.value).toBe(
      '<b>&lt;i&gt;</b><svg></svg>0',
    );
  });

  it('renders arrays item by item and joins with an escaped separator', () => {
    expect(html`${['<a>', html`<br>`]}`.value).toBe('&lt;a&gt;<br>');
    expect(join(['a', '', 'b'], ' & ').value).toBe('a &amp; b');
  });
});

describe('links', () => {
  it('accepts only absolute http(s) URLs', () => {
    expect(safeHref('https://huggingface.co/a/b')).toBe('https://huggingface.co/a/b');
    expect(safeHref('http://example.org')).toBe('http://example.org/');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,x',
      '/relative',
      '',
      null,
    ])
      expect(safeHref(bad)).toBeNull();
  });

  it('renders an unsafe link as plain text and a safe one with rel=noopener', () => {
    expect(externalLink('x', 'javascript:alert(1)').value).toBe('x');
    expect(externalLink('x', 'https://a.example/').value).toBe(
      '<a href="https://a.example/" rel="noopener">x</a>',
    );
  });

  it('isolates text carrying bidi controls', () => {
    expect(inline(['\u202Egnp.exe\u202C', { text: 'ok', href: 'https://a.example/' }]).value).toBe(
      '<bdi>\u202Egnp.exe\u202C</bdi><a href="https://a.example/" rel="noopener">ok</a>',
    );
  });

  it('gives a Telegram channel a public link only for @name and t.me URLs', () => {
    expect(telegramLink('@morningpost')).toEqual({ url: 'https://t.me/morningpost', label: '@morningpost' });
    expect(telegramLink('https://t.me/morningpost')?.url).toBe('https://t.me/morningpost');
    expect(telegramLink('-1001234567890')).toBeUndefined();
    expect(telegramLink('12345')).toBeUndefined();
    expect(telegramLink(undefined)).toBeUndefined();
    expect(telegramLink('https://evil.example/t.me')).toBeUndefined();
  });

  it('normalises the base URL, keeping a path prefix', () => {
    expect(resolveSite({ baseUrl: 'http://localhost:8080/' })).toEqual({
      origin: 'http://localhost:8080',
      basePath: '',
    });
    expect(resolveSite({ baseUrl: 'https://example.org/post//' })).toEqual({
      origin: 'https://example.org/post',
      basePath: '/post',
    });
    expect(() => resolveSite({ baseUrl: 'ftp://example.org' })).toThrow(/MORNING_POST_URL|http/);
    expect(() => resolveSite({ baseUrl: 'not a url' })).toThrow(/not an http/);
  });
});

describe('format', () => {
  it('prints compact numbers', () => {
    expect([0, 57, 999, 1000, 1250, 41_000, 999_950, 1_900_000, 3_400_000_000].map(compact)).toEqual([
      '0',
      '57',
      '999',
      '1k',
      '1.3k',
      '41k',
      '1M',
      '1.9M',
      '3.4B',
    ]);
    expect(parameters(41_000_000)).toBe('41M');
    expect(parameters(1_540_000_000)).toBe('1.5B');
    expect(metricValue({ unit: 'share' }, 0.6667)).toBe('67%');
  });

  it('prints dates without a clock or locale data', () => {
    expect(longDate('2026-08-23')).toBe('Sunday, 23 August 2026');
    expect(longDate('2025-06-17')).toBe('Tuesday, 17 June 2025');
    expect(monthTitle('2026-08-01')).toBe('August 2026');
    expect(timestamp('2026-08-23T06:05:00.000Z')).toBe('23 Aug 2026, 06:05 UTC');
    expect(timestamp('garbage')).toBe('garbage');
  });

  it('orders and shortens', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
    expect(shorten('abcdef', 4)).toBe('abc…');
    expect(shorten('🤗🤗🤗', 3)).toBe('🤗🤗🤗');
  });
});
