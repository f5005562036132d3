/**
 * @module store/rate-limits.case
 * Conformance cases for the shared rate limits (store/rate-limits.ts), run on every dialect by
 * delivery.case.ts: the bucket's arithmetic, and a burst from two connections that must not be
 * granted more than the bucket holds.
 */
import { describe, expect, it } from 'vitest';
import type { DeliveryCaseContext } from './delivery.case.js';

const LIMIT = { capacity: 5, windowMs: 600_000 };
const T0 = Date.parse('2025-03-01T06:00:00.000Z');

export function rateLimitCases({ current, withPair }: DeliveryCaseContext): void {
  describe('rate limits', () => {
    const take = (key: string, at: number, limit = LIMIT) => current().rateLimits.take(key, limit, at);

    it('grants a burst of capacity, then one per window/capacity, per key', async () => {
      for (let i = 0; i < 5; i++) expect(await take('a', T0)).toEqual({ ok: true, tokens: 4 - i });
      expect(await take('a', T0)).toEqual({ ok: false, tokens: 0 });
      // Half a token after a minute: still refused, and the half is kept.
      expect(await take('a', T0 + 60_000)).toEqual({ ok: false, tokens: 0.5 });
      expect(await take('a', T0 + 120_000)).toEqual({ ok: true, tokens: 0 });
      expect((await take('a', T0 + 120_000)).ok).toBe(false);
      expect(await take('b', T0 + 120_000)).toEqual({ ok: true, tokens: 4 });
    });

    it('never refills past capacity, and a clock behind the row takes without refilling', async () => {
      expect((await take('a', T0)).ok).toBe(true);
      expect(await take('a', T0 + 10 * LIMIT.windowMs)).toEqual({ ok: true, tokens: 4 });
      // Another instance whose clock is a minute behind: no negative refill, the time kept.
      expect(await take('a', T0 + 10 * LIMIT.windowMs - 60_000)).toEqual({ ok: true, tokens: 3 });
      const row = await current()
        .db.selectFrom('rate_limits')
        .select('at_ms')
        .where('key', '=', 'a')
        .executeTakeFirst();
      expect(Number(row?.at_ms)).toBe(T0 + 10 * LIMIT.windowMs);
    });

    it('grants exactly capacity to a concurrent burst from two connections', async () => {
      const results = await withPair((a, b) =>
        Promise.all(
          Array.from({ length: 24 }, (_, i) => (i % 2 ? b : a).rateLimits.take('burst', LIMIT, T0)),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(5);
      expect((await take('burst', T0)).ok).toBe(false);
    });

    it('prunes buckets untouched since a time, keeping the rest', async () => {
      await take('old', T0);
      await take('new', T0 + LIMIT.windowMs);
      expect(await current().rateLimits.prune(T0 + 1)).toBe(1);
      const keys = await current().db.selectFrom('rate_limits').select('key').execute();
      expect(keys.map((row) => row.key)).toEqual(['new']);
      // The pruned key starts again from a full bucket.
      expect(await take('old', T0 + LIMIT.windowMs)).toEqual({ ok: true, tokens: 4 });
    });
  });
}
