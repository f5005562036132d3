import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, RateLimiter, rateKey } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then refills one request per window/capacity', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 5, windowMs: 600_000 }, () => now);
    for (let i = 0; i < 5; i++) expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 120 });
    now += 60_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 60 });
    now += 60_000;
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b')).toEqual({ ok: true });
  });

  it('never holds more than a full bucket, however long a client stayed away', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 2, windowMs: 1000 }, () => now);
    limiter.take('a');
    now += 1_000_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('stays within its client bound, forgetting the least recently seen first', () => {
    const now = 0;
    const limiter = new RateLimiter({ capacity: 1, windowMs: 1000 }, () => now, 3);
    for (const key of ['a', 'b', 'c', 'd']) limiter.take(key);
    expect(limiter.size).toBe(3);
    // `a` was forgotten, so it has a fresh bucket; `d` was not.
    expect(limiter.take('d').ok).toBe(false);
    expect(limiter.take('a').ok).toBe(true);
  });
});

describe('rateKey', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::7', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:0DB8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('keys %s as %s', (address, key) => {
    expect(rateKey(address)).toBe(key);
  });
});

describe('clientAddress', () => {
  const req = (remoteAddress: string, forwarded?: string) =>
    ({
      socket: { remoteAddress },
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    }) as unknown as IncomingMessage;

  it('believes the right-most X-Forwarded-For entry from a local proxy', () => {
    expect(clientAddress(req('127.0.0.1', '10.0.0.1, 198.51.100.7'), 'loopback')).toBe('198.51.100.7');
    expect(clientAddress(req('::ffff:127.0.0.1', '198.51.100.7'), 'loopback')).toBe('198.51.100.7');
    expect(clientAddress(req('::1', '2001:db8::5'), 'loopback')).toBe('2001:db8::5');
  });

  it('ignores X-Forwarded-For from a remote peer unless told to trust every proxy', () => {
    expect(clientAddress(req('203.0.113.9', '198.51.100.7'), 'loopback')).toBe('203.0.113.9');
    expect(clientAddress(req('203.0.113.9', '198.51.100.7'), true)).toBe('198.51.100.7');
    expect(clientAddress(req('127.0.0.1', '198.51.100.7'), false)).toBe('127.0.0.1');
  });

  it('falls back to the peer when the header is not an address', () => {
    expect(clientAddress(req('127.0.0.1', 'unknown'), 'loopback')).toBe('127.0.0.1');
    expect(clientAddress(req('::ffff:192.0.2.1'), 'loopback')).toBe('192.0.2.1');
  });
});
