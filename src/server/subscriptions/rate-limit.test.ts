import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { proxyEntryProblem, proxyTrust } from '../../lib/proxy-trust.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { clientAddress, RateLimiter, rateKey, StoreRateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then refills one request per window/capacity', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 5, windowMs: 600_000 }, () => now);
    for (let i = 0; i < 5; i++) expect(limiter.take('a')).toEqual({ ok: true, remaining: 4 - i });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 120 });
    now += 60_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 60 });
    now += 60_000;
    expect(limiter.take('a')).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b')).toEqual({ ok: true, remaining: 4 });
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
  const loopback = proxyTrust(['loopback']);
  const none = proxyTrust(['none']);
  const balancers = proxyTrust(['loopback', '10.0.0.0/8', '2001:db8:ffff::/48']);

  it('believes the right-most X-Forwarded-For entry from a local proxy', () => {
    expect(clientAddress(req('127.0.0.1', '10.0.0.1, 198.51.100.7'), loopback)).toBe('198.51.100.7');
    expect(clientAddress(req('::ffff:127.0.0.1', '198.51.100.7'), loopback)).toBe('198.51.100.7');
    expect(clientAddress(req('::1', '2001:db8::5'), loopback)).toBe('2001:db8::5');
  });

  it('ignores a spoofed X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress(req('203.0.113.9', '198.51.100.7'), loopback)).toBe('203.0.113.9');
    expect(clientAddress(req('203.0.113.9', '127.0.0.1'), balancers)).toBe('203.0.113.9');
    expect(clientAddress(req('127.0.0.1', '198.51.100.7'), none)).toBe('127.0.0.1');
  });

  it('walks from the right past trusted proxies to the first address that is not one', () => {
    // Client (spoofing an entry) → load balancer 10.1.2.3 → nginx on this machine.
    const chain = '192.0.2.66, 198.51.100.7, 10.1.2.3';
    expect(clientAddress(req('127.0.0.1', chain), balancers)).toBe('198.51.100.7');
    // Trusting only loopback, the balancer is the client: its word about who it served is not taken.
    expect(clientAddress(req('127.0.0.1', chain), loopback)).toBe('10.1.2.3');
    expect(clientAddress(req('10.9.9.9', '2001:db8::7, 2001:db8:ffff:1::2'), balancers)).toBe('2001:db8::7');
    // Every hop trusted: the left-most is the client.
    expect(clientAddress(req('127.0.0.1', '10.0.0.5, 10.0.0.6'), balancers)).toBe('10.0.0.5');
  });

  it('reads entries with ports, and stops at one that is not an address', () => {
    expect(clientAddress(req('127.0.0.1', '198.51.100.7:51234'), loopback)).toBe('198.51.100.7');
    expect(clientAddress(req('127.0.0.1', '[2001:db8::9]:443'), loopback)).toBe('2001:db8::9');
    expect(clientAddress(req('127.0.0.1', 'unknown'), loopback)).toBe('127.0.0.1');
    expect(clientAddress(req('127.0.0.1', 'garbage, 10.0.0.5'), balancers)).toBe('10.0.0.5');
    expect(clientAddress(req('::ffff:192.0.2.1'), loopback)).toBe('192.0.2.1');
  });
});

describe('proxyTrust', () => {
  it('matches addresses, CIDR blocks and loopback, and none trusts nobody', () => {
    const trust = proxyTrust(['192.0.2.10', '10.0.0.0/8', 'fd00::/8', 'loopback']);
    for (const address of ['192.0.2.10', '10.255.0.1', 'fd12::1', '127.0.0.2', '::1']) {
      expect(trust(address)).toBe(true);
    }
    for (const address of ['192.0.2.11', '11.0.0.1', 'fe80::1', '203.0.113.9', 'nonsense']) {
      expect(trust(address)).toBe(false);
    }
    expect(proxyTrust(['none', '10.0.0.0/8'])('10.0.0.1')).toBe(false);
  });

  it.each(['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', '::/129', '10.0.0.0/x'])('refuses %s', (entry) => {
    expect(proxyEntryProblem(entry)).toBeDefined();
    expect(() => proxyTrust([entry])).toThrow(/trustProxy/);
  });
});

describe('StoreRateLimiter', () => {
  it('limits through the store, says when to retry, and prunes at most once a window', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    try {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const limit = { capacity: 2, windowMs: 60_000 };
      const pruned: number[] = [];
      const rateLimits = {
        ...store.rateLimits,
        prune: (before: number) => {
          pruned.push(before);
          return store.rateLimits.prune(before);
        },
      };
      const one = new StoreRateLimiter(rateLimits, limit, () => now);
      const two = new StoreRateLimiter(store.rateLimits, limit, () => now);
      expect(await one.take('1.2.3.4')).toEqual({ ok: true, remaining: 1 });
      expect(await two.take('1.2.3.4')).toEqual({ ok: true, remaining: 0 });
      expect(await one.take('1.2.3.4')).toEqual({ ok: false, retryAfterSeconds: 30 });
      expect(await two.take('5.6.7.8')).toEqual({ ok: true, remaining: 1 });
      now += 15_000;
      expect(await two.take('1.2.3.4')).toEqual({ ok: false, retryAfterSeconds: 15 });
      expect(pruned).toHaveLength(1);
      now += 60_000;
      await one.take('9.9.9.9');
      expect(pruned).toEqual([now - 75_000 - 60_000, now - 60_000]);
    } finally {
      await store.close();
    }
  });
});
