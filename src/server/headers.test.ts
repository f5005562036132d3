import { describe, expect, it } from 'vitest';
import { CACHE_IMMUTABLE, CACHE_PAGE, cacheControlFor, securityHeaders } from './headers.js';

describe('cacheControlFor', () => {
  it.each([
    ['/assets/style.3f9a1c2b.css', CACHE_IMMUTABLE],
    ['/assets/fonts/serif.Ab3_x-9zQ.woff2', CACHE_IMMUTABLE],
    ['/assets/print.landscape.css', CACHE_PAGE],
    ['/assets/style.css', CACHE_PAGE],
    ['/assets/style.3f9a.css', CACHE_PAGE],
    ['/style.3f9a1c2b.css', CACHE_PAGE],
    ['/', CACHE_PAGE],
    ['/feed.xml', CACHE_PAGE],
  ])('%s → %s', (path, expected) => {
    expect(cacheControlFor(path)).toBe(expected);
  });
});

describe('securityHeaders', () => {
  it('adds HSTS only for an https public address', () => {
    const names = (url: string) => securityHeaders(url).map(([name]) => name);
    expect(names('https://post.example')).toContain('Strict-Transport-Security');
    expect(names('http://localhost:8080')).not.toContain('Strict-Transport-Security');
  });
});
