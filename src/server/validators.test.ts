import { describe, expect, it } from 'vitest';
import { contentHash, entityTag, isNotModified, noneMatchHits } from './validators.js';

describe('entity tags', () => {
  it('differ per content and per encoding', () => {
    const hash = contentHash(Buffer.from('a'));
    expect(hash).not.toBe(contentHash(Buffer.from('b')));
    expect(new Set([entityTag(hash, 'identity'), entityTag(hash, 'gzip'), entityTag(hash, 'br')]).size).toBe(
      3,
    );
  });
});

describe('If-None-Match', () => {
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc" ', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
    ['"a,b", "y"', false],
  ])('%s against "abc" → %s', (header, hit) => {
    expect(noneMatchHits(header, '"abc"')).toBe(hit);
  });

  it('keeps commas inside a tag', () => {
    expect(noneMatchHits('"a,b", "y"', '"a,b"')).toBe(true);
  });
});

describe('isNotModified', () => {
  const mtime = Date.parse('2026-08-23T06:00:00.750Z');
  it('compares If-Modified-Since at one-second resolution', () => {
    expect(isNotModified({ 'if-modified-since': 'Sun, 23 Aug 2026 06:00:00 GMT' }, '"t"', mtime)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Sun, 23 Aug 2026 05:59:59 GMT' }, '"t"', mtime)).toBe(false);
  });

  it('ignores an If-Modified-Since later than the server’s clock', () => {
    const now = Date.parse('Sun, 23 Aug 2026 08:00:00 GMT');
    const future = { 'if-modified-since': 'Mon, 24 Aug 2026 06:00:00 GMT' };
    expect(isNotModified(future, '"t"', mtime, now)).toBe(false);
    // The same date once it has passed is a valid one.
    expect(isNotModified(future, '"t"', mtime, Date.parse('Mon, 24 Aug 2026 06:00:01 GMT'))).toBe(true);
  });

  it('ignores If-Modified-Since when If-None-Match is present', () => {
    const headers = { 'if-none-match': '"other"', 'if-modified-since': 'Sun, 23 Aug 2026 07:00:00 GMT' };
    expect(isNotModified(headers, '"t"', mtime)).toBe(false);
  });

  it('is false without validators or with a bad date', () => {
    expect(isNotModified({}, '"t"', mtime)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'soon' }, '"t"', mtime)).toBe(false);
  });
});
