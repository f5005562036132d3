import { describe, expect, it } from 'vitest';
import { backoffMs, parseIetfRateLimit, parseRetryAfter, readRateLimit } from './rate-limit.js';

const now = new Date('2026-08-22T06:00:00Z');

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sat, 22 Aug 2026 06:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 22 Aug 2026 05:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('reads the tightest IETF RateLimit policy', () => {
    expect(parseIetfRateLimit('"api";r=0;t=55')).toEqual({ remaining: 0, resetSeconds: 55 });
    expect(parseIetfRateLimit('"api";r=12;t=100, "pages";r=3;t=20')).toEqual({
      remaining: 3,
      resetSeconds: 20,
    });
    expect(parseIetfRateLimit('garbage')).toBeUndefined();
  });

  it('prefers Retry-After, then RateLimit, then GitHub reset', () => {
    const both = new Headers({ 'retry-after': '5', ratelimit: '"api";r=0;t=55' });
    expect(readRateLimit(both, now)).toMatchObject({ waitMs: 5000, via: 'retry-after' });
    expect(readRateLimit(new Headers({ ratelimit: '"api";r=0;t=9' }), now)).toMatchObject({
      waitMs: 10_000,
      via: 'ratelimit',
    });
    const reset = String(now.getTime() / 1000 + 60);
    expect(
      readRateLimit(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), now),
    ).toMatchObject({
      waitMs: 61_000,
      via: 'x-ratelimit-reset',
    });
    expect(
      readRateLimit(new Headers({ 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': reset }), now).waitMs,
    ).toBeUndefined();
  });

  it('backs off exponentially with jitter inside the cap', () => {
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(3, () => 1)).toBe(4000);
    expect(backoffMs(20, () => 1)).toBe(30_000);
    for (let attempt = 0; attempt < 6; attempt++) {
      const wait = backoffMs(attempt, Math.random);
      expect(wait).toBeGreaterThanOrEqual(500);
      expect(wait).toBeLessThanOrEqual(Math.min(30_000, 500 * 2 ** attempt));
    }
  });
});
