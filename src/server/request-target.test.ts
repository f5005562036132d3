import { describe, expect, it } from 'vitest';
import { encodePath, MAX_TARGET_LENGTH, parseRequestTarget } from './request-target.js';

describe('parseRequestTarget', () => {
  it('decodes and splits a path, keeping the query and the trailing slash', () => {
    expect(parseRequestTarget('/editions/2026-08-23/?utm=x#frag')).toEqual({
      ok: true,
      segments: ['editions', '2026-08-23'],
      pathname: '/editions/2026-08-23/',
      trailingSlash: true,
      search: '?utm=x',
    });
    expect(parseRequestTarget('/a%20b//c')).toMatchObject({ segments: ['a b', 'c'], pathname: '/a b/c' });
    expect(parseRequestTarget('/')).toMatchObject({ segments: [], pathname: '/', trailingSlash: true });
  });

  it.each([
    '/../x',
    '/a/./b',
    '/%2e%2e/x',
    '/..%2fx',
    '/a%2f..%2f..%2fx',
    '/a\\b',
    '/a%5cb',
    '/a%00b',
    '/a%0ab',
    '/%zz',
    '/%E0%A4%A',
    'http://example.com/',
    '*',
    '',
    undefined,
  ])('rejects %j with 400', (target) => {
    expect(parseRequestTarget(target)).toMatchObject({ ok: false, status: 400 });
  });

  it('rejects overlong targets with 414', () => {
    expect(parseRequestTarget(`/${'a'.repeat(MAX_TARGET_LENGTH)}`)).toMatchObject({ ok: false, status: 414 });
  });
});

describe('encodePath', () => {
  it('re-encodes segments and never starts with two slashes', () => {
    expect(encodePath(['a b', 'c?d'], true)).toBe('/a%20b/c%3Fd/');
    expect(encodePath([], true)).toBe('/');
  });
});
