import { describe, expect, it } from 'vitest';
import { negotiateEncoding, negotiateEncodingCached, parseAcceptEncoding } from './negotiate.js';

describe('parseAcceptEncoding', () => {
  it('reads codings and q-values, case-insensitively, ignoring malformed members', () => {
    expect([...parseAcceptEncoding('GZIP;q=0.8, br , identity;q=0, x;q=2, y;q=abc, ,deflate;Q=0.1')]).toEqual(
      [
        ['gzip', 0.8],
        ['br', 1],
        ['identity', 0],
        ['deflate', 0.1],
      ],
    );
  });

  it('treats x-gzip as gzip', () => {
    expect(parseAcceptEncoding('x-gzip').get('gzip')).toBe(1);
  });
});

describe('negotiateEncoding', () => {
  it.each([
    [undefined, true, 'identity'],
    ['', true, 'identity'],
    ['gzip', true, 'gzip'],
    ['gzip, deflate, br', true, 'br'],
    ['gzip, deflate, br, zstd', false, 'identity'],
    ['br;q=0.5, gzip;q=0.9', true, 'gzip'],
    ['br;q=0.5, gzip;q=0.9, identity', true, 'identity'],
    ['br;q=0, gzip;q=0', true, 'identity'],
    ['*', true, 'br'],
    ['*;q=0.5, gzip', true, 'gzip'],
    ['deflate', true, 'identity'],
    ['gzip, identity;q=0', false, 'gzip'],
    ['identity;q=0', true, null],
    ['*;q=0', true, null],
    ['*;q=0, identity', true, 'identity'],
  ] as const)('%j (worth compressing: %s) → %s', (header, worth, expected) => {
    expect(negotiateEncoding(header, worth)).toBe(expected);
  });
});

describe('negotiateEncodingCached', () => {
  it('answers as negotiateEncoding for both kinds of body, also when asked again', () => {
    const headers = [
      undefined,
      'gzip',
      'gzip, deflate, br',
      'br;q=0.5, gzip;q=0.9, identity',
      'identity;q=0',
      '*',
    ];
    for (let round = 0; round < 2; round++)
      for (const header of headers)
        for (const worth of [true, false])
          expect(negotiateEncodingCached(header, worth), `${header} ${worth}`).toBe(
            negotiateEncoding(header, worth),
          );
  });

  it('still answers once it remembers as many headers as it keeps', () => {
    for (let i = 0; i < 300; i++)
      expect(negotiateEncodingCached(`gzip;q=0.${(i % 9) + 1}, x-${i}`, true)).toBe('gzip');
    expect(negotiateEncodingCached('br;q=0.2, gzip;q=0.1', true)).toBe('br');
    expect(negotiateEncodingCached('br;q=0.2, gzip;q=0.1', true)).toBe('br');
  });
});
