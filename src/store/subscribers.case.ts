/**
 * @module store/subscribers.case
 * Conformance cases for subscribers and their tokens; run by delivery.case.ts on every dialect.
 */
import { describe, expect, it } from 'vitest';
import type { DeliveryCaseContext } from './delivery.case.js';

const T0 = '2026-12-01T06:00:00.000Z';
const T1 = '2026-12-01T06:05:00.000Z';
const T2 = '2026-12-01T07:00:00.000Z';
const T3 = '2026-12-02T06:00:00.000Z';

export function subscriberCases({ current, withPair }: DeliveryCaseContext): void {
  describe('subscribers', () => {
    it('adds a pending subscriber with its consent, normalising the email', async () => {
      const store = current();
      const { subscriber, created } = await store.subscribers.upsertPending({
        email: '  Ada.Lovelace@Example.ORG ',
        consentSource: 'web-form',
        consentIp: '203.0.113.7',
        at: T0,
      });
      expect(created).toBe(true);
      expect(subscriber).toEqual({
        id: expect.any(Number),
        email: 'Ada.Lovelace@example.org',
        status: 'pending',
        consentAt: T0,
        consentSource: 'web-form',
        consentIp: '203.0.113.7',
        createdAt: T0,
        confirmedAt: null,
        unsubscribedAt: null,
        bounceCount: 0,
        updatedAt: T0,
        cadence: 'daily',
        topics: { domains: [], sources: [] },
      });
      expect(await store.subscribers.get(subscriber.id)).toEqual(subscriber);
      expect(await store.subscribers.findByEmail('Ada.Lovelace@EXAMPLE.org')).toEqual(subscriber);
      // The local part keeps its case: a different local part is a different address.
      expect(await store.subscribers.findByEmail('ada.lovelace@example.org')).toBeUndefined();
      expect(await store.subscribers.get(subscriber.id + 1000)).toBeUndefined();

      const again = await store.subscribers.upsertPending({
        email: 'Ada.Lovelace@example.org',
        consentSource: 'cli',
        at: T1,
      });
      expect(again).toEqual({ subscriber, created: false });
    });

    it('creates one row when the same address signs up concurrently', async () => {
      const store = current();
      const results = await withPair((a, b) =>
        Promise.all(
          [a, b, a, b, a, b].map((s, i) =>
            s.subscribers.upsertPending({
              email: i % 2 ? 'race@example.com' : 'race@EXAMPLE.com',
              consentSource: 'web-form',
              at: T0,
            }),
          ),
        ),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.subscriber.id)).size).toBe(1);
      expect(await store.subscribers.list()).toHaveLength(1);
    });

    it('keeps a confirmed subscriber confirmed and brings back one who left as pending', async () => {
      const store = current();
      const confirmed = await store.subscribers.addConfirmed({
        email: 'kept@example.com',
        consentSource: 'import',
        consentAt: '2026-01-01T00:00:00.000Z',
        at: T0,
      });
      expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAt: T0, consentSource: 'import' });
      const kept = await store.subscribers.upsertPending({
        email: 'kept@example.com',
        consentSource: 'web-form',
        consentIp: '198.51.100.1',
        at: T1,
      });
      expect(kept).toEqual({ subscriber: confirmed, created: false });

      for (const status of ['unsubscribed', 'bounced'] as const) {
        const email = `${status}@example.com`;
        const { subscriber } = await store.subscribers.upsertPending({ email, consentSource: 'cli', at: T0 });
        await store.subscribers.setStatus(subscriber.id, 'confirmed', T0);
        await store.subscribers.recordBounce(subscriber.id, T0);
        await store.subscribers.setStatus(subscriber.id, status, T1);
        const back = await store.subscribers.upsertPending({
          email,
          consentSource: 'web-form',
          consentIp: '198.51.100.2',
          at: T2,
        });
        expect(back.created).toBe(false);
        expect(back.subscriber).toMatchObject({
          id: subscriber.id,
          status: 'pending',
          consentAt: T2,
          consentSource: 'web-form',
          consentIp: '198.51.100.2',
          confirmedAt: null,
          bounceCount: 0,
          createdAt: T0,
          updatedAt: T2,
        });
      }
    });

    it('confirms an existing address on addConfirmed, leaving a confirmed one as it was', async () => {
      const store = current();
      const { subscriber } = await store.subscribers.upsertPending({
        email: 'p@example.com',
        consentSource: 'web-form',
        consentIp: '203.0.113.9',
        at: T0,
      });
      const added = await store.subscribers.addConfirmed({
        email: 'p@example.com',
        consentSource: 'import',
        consentAt: T1,
        at: T2,
      });
      expect(added).toMatchObject({
        id: subscriber.id,
        status: 'confirmed',
        consentAt: T1,
        consentSource: 'import',
        consentIp: null,
        confirmedAt: T2,
        createdAt: T0,
      });
      const again = await store.subscribers.addConfirmed({
        email: 'p@EXAMPLE.COM',
        consentSource: 'cli',
        consentAt: T3,
        at: T3,
      });
      expect(again).toEqual(added);
    });

    it('stamps status changes once and lists by status in id order', async () => {
      const store = current();
      const ids: number[] = [];
      for (const email of ['a@x.test', 'b@x.test', 'c@x.test']) {
        ids.push(
          (await store.subscribers.upsertPending({ email, consentSource: 'cli', at: T0 })).subscriber.id,
        );
      }
      const [a, b, c] = ids as [number, number, number];
      await store.subscribers.setStatus(c, 'confirmed', T1);
      await store.subscribers.setStatus(a, 'confirmed', T1);
      await store.subscribers.setStatus(a, 'confirmed', T2);
      await store.subscribers.setStatus(b, 'unsubscribed', T1);
      await store.subscribers.setStatus(b, 'unsubscribed', T2);
      expect(await store.subscribers.get(a)).toMatchObject({ confirmedAt: T1, updatedAt: T1 });
      expect(await store.subscribers.get(b)).toMatchObject({
        status: 'unsubscribed',
        unsubscribedAt: T1,
        updatedAt: T1,
      });
      const confirmed = await store.subscribers.list({ status: 'confirmed' });
      expect(confirmed.map((s) => s.id)).toEqual([a, c]);
      expect((await store.subscribers.list()).map((s) => s.id)).toEqual([a, b, c]);
      expect(await store.subscribers.list({ status: 'bounced' })).toEqual([]);
    });

    it('lists one keyset page at a time (afterId, limit) in id order', async () => {
      const store = current();
      const ids: number[] = [];
      for (let i = 1; i <= 7; i++) {
        const s = await store.subscribers.addConfirmed({
          email: `page${i}@example.org`,
          consentSource: 'cli',
          consentAt: T0,
          at: T0,
        });
        ids.push(s.id);
      }
      await store.subscribers.setStatus(ids[2] as number, 'unsubscribed', T1);
      const page = (afterId: number) =>
        store.subscribers
          .list({ status: 'confirmed', afterId, limit: 3 })
          .then((rows) => rows.map((r) => r.id));
      expect(await page(0)).toEqual([ids[0], ids[1], ids[3]]);
      expect(await page(ids[3] as number)).toEqual([ids[4], ids[5], ids[6]]);
      expect(await page(ids[6] as number)).toEqual([]);
    });

    it('records where a confirmation email stands, the latest state winning, and forgets it on erase', async () => {
      const store = current();
      const a = await store.subscribers.upsertPending({
        email: 'conf-a@example.org',
        consentSource: 'web-form',
        at: T0,
      });
      const b = await store.subscribers.upsertPending({
        email: 'conf-b@example.org',
        consentSource: 'web-form',
        at: T0,
      });
      const id = a.subscriber.id;
      await store.subscribers.recordConfirmationSend({
        subscriberId: id,
        status: 'queued',
        attempts: 0,
        error: null,
        at: T0,
      });
      await store.subscribers.recordConfirmationSend({
        subscriberId: id,
        status: 'failed',
        attempts: 5,
        error: '421 busy',
        at: T1,
      });
      await store.subscribers.recordConfirmationSend({
        subscriberId: b.subscriber.id,
        status: 'sent',
        attempts: 1,
        error: null,
        at: T1,
      });
      const all = await store.subscribers.confirmationSends();
      expect(all.get(id)).toEqual({
        subscriberId: id,
        status: 'failed',
        attempts: 5,
        error: '421 busy',
        updatedAt: T1,
      });
      expect([...(await store.subscribers.confirmationSends({ status: 'failed' })).keys()]).toEqual([id]);
      expect(await store.subscribers.remove(id)).toBe(true);
      expect((await store.subscribers.confirmationSends()).has(id)).toBe(false);
    });

    it('counts bounces and resets them', async () => {
      const store = current();
      const { subscriber } = await store.subscribers.upsertPending({
        email: 'b@example.com',
        consentSource: 'cli',
        at: T0,
      });
      expect(await store.subscribers.recordBounce(subscriber.id, T1)).toBe(1);
      expect(await store.subscribers.recordBounce(subscriber.id, T2)).toBe(2);
      expect(await store.subscribers.get(subscriber.id)).toMatchObject({ bounceCount: 2, updatedAt: T2 });
      await store.subscribers.resetBounces(subscriber.id);
      expect((await store.subscribers.get(subscriber.id))?.bounceCount).toBe(0);
      expect(await store.subscribers.recordBounce(subscriber.id + 1000, T1)).toBe(0);
    });

    it('erases a subscriber with its tokens, keeping delivery rows without the link', async () => {
      const store = current();
      const { subscriber } = await store.subscribers.upsertPending({
        email: 'gone@example.com',
        consentSource: 'web-form',
        at: T0,
      });
      const other = (
        await store.subscribers.upsertPending({ email: 'o@example.com', consentSource: 'cli', at: T0 })
      ).subscriber;
      await store.subscribers.saveToken({
        subscriberId: subscriber.id,
        purpose: 'unsubscribe',
        tokenHash: 'gone-hash',
        expiresAt: null,
        at: T0,
      });
      await store.deliveries.plan({
        editionDate: '2026-12-01',
        channel: 'email',
        recipients: [
          { recipient: `subscriber:${subscriber.id}`, subscriberId: subscriber.id },
          { recipient: `subscriber:${other.id}`, subscriberId: other.id },
        ],
        at: T0,
      });
      expect(await store.subscribers.remove(subscriber.id)).toBe(true);
      expect(await store.subscribers.remove(subscriber.id)).toBe(false);
      expect(await store.subscribers.get(subscriber.id)).toBeUndefined();
      expect(await store.db.selectFrom('subscriber_tokens').selectAll().execute()).toEqual([]);
      const rows = await store.deliveries.list({ editionDate: '2026-12-01' });
      expect(rows.map((row) => [row.recipient, row.subscriberId])).toEqual([
        [`subscriber:${subscriber.id}`, null],
        [`subscriber:${other.id}`, other.id],
      ]);
      // Ids are never reused, so an old `subscriber:<id>` recipient never names someone new.
      const next = await store.subscribers.upsertPending({
        email: 'gone@example.com',
        consentSource: 'cli',
        at: T1,
      });
      expect(next.created).toBe(true);
      expect(next.subscriber.id).toBeGreaterThan(other.id);
    });
  });

  describe('confirmation requests', () => {
    const LIMITS = { intervalMs: 10 * 60_000, perDay: 3 };
    let n = 0;
    const request = (
      store: ReturnType<DeliveryCaseContext['current']>,
      email: string,
      at: string,
      source = 'web-form',
    ) => {
      n += 1;
      const hash = `request-hash-${n}`;
      return store.subscribers.requestConfirmation({
        email,
        consentSource: source,
        consentIp: '198.51.100.4',
        at,
        token: { hash, expiresAt: T3 },
        limits: LIMITS,
      });
    };
    const minutes = (from: string, m: number) => new Date(Date.parse(from) + m * 60_000).toISOString();

    it('adds a new address as pending and saves its link; a second ask within the interval saves none', async () => {
      const store = current();
      const first = await request(store, ' New@Example.ORG', T0);
      expect(first).toMatchObject({ created: true, tokenSaved: true });
      expect(first.subscriber).toMatchObject({ email: 'New@example.org', status: 'pending', consentAt: T0 });
      const again = await request(store, 'New@example.org', minutes(T0, 9));
      expect(again).toEqual({ subscriber: first.subscriber, created: false, tokenSaved: false });
      const later = await request(store, 'New@example.org', minutes(T0, 11));
      expect(later.tokenSaved).toBe(true);
      const live = await store.subscribers.findToken({
        tokenHash: `request-hash-${n}`,
        purpose: 'confirm',
        now: T1,
      });
      expect(live).toEqual({ subscriberId: first.subscriber.id });
    });

    it('stops at the daily cap, counting links used or not', async () => {
      const store = current();
      const saved: boolean[] = [];
      for (let i = 0; i < 6; i += 1)
        saved.push((await request(store, 'cap@example.com', minutes(T0, 11 * i))).tokenSaved);
      expect(saved).toEqual([true, true, true, false, false, false]);
      // A day after the first, room again.
      expect((await request(store, 'cap@example.com', minutes(T3, 1))).tokenSaved).toBe(true);
    });

    it('saves no link for a confirmed address, and leaves it confirmed', async () => {
      const store = current();
      const confirmed = await store.subscribers.addConfirmed({
        email: 'in@example.com',
        consentSource: 'import',
        consentAt: T0,
        at: T0,
      });
      const result = await request(store, 'in@example.com', T1);
      expect(result).toEqual({ subscriber: confirmed, created: false, tokenSaved: false });
      expect(
        await store.subscribers.countTokens({ subscriberId: confirmed.id, purpose: 'confirm', since: T0 }),
      ).toBe(0);
    });

    it('brings back an address that left with its new consent, and sends it a link at once', async () => {
      const store = current();
      const first = await request(store, 'back@example.com', T0);
      await store.subscribers.setStatus(first.subscriber.id, 'unsubscribed', T1);
      const back = await request(store, 'back@example.com', minutes(T1, 1), 'cli');
      expect(back.tokenSaved).toBe(true);
      expect(back.subscriber).toMatchObject({
        status: 'pending',
        consentAt: minutes(T1, 1),
        consentSource: 'cli',
        confirmedAt: null,
        bounceCount: 0,
      });
    });

    it('saves one link when one address asks many times at once over two connections', async () => {
      const store = current();
      const results = await withPair((a, b) =>
        Promise.all([a, b, a, b, a, b, a, b].map((s) => request(s, 'burst@example.com', T0))),
      );
      expect(results.filter((result) => result.tokenSaved)).toHaveLength(1);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      const id = results[0]?.subscriber.id ?? -1;
      expect(await store.subscribers.countTokens({ subscriberId: id, purpose: 'confirm', since: T0 })).toBe(
        1,
      );
    });
  });

  describe('tokens', () => {
    async function subscriberWithTokens(): Promise<number> {
      const store = current();
      const { subscriber } = await store.subscribers.upsertPending({
        email: 't@example.com',
        consentSource: 'web-form',
        at: T0,
      });
      const save = (tokenHash: string, purpose: 'confirm' | 'unsubscribe', expiresAt: string | null) =>
        store.subscribers.saveToken({ subscriberId: subscriber.id, purpose, tokenHash, expiresAt, at: T0 });
      await save('confirm-hash', 'confirm', T2);
      await save('unsub-hash', 'unsubscribe', null);
      return subscriber.id;
    }

    it('counts the tokens of a purpose issued since a time, per subscriber', async () => {
      const store = current();
      const id = await subscriberWithTokens();
      const count = (purpose: 'confirm' | 'unsubscribe', since: string) =>
        store.subscribers.countTokens({ subscriberId: id, purpose, since });
      expect(await count('confirm', T0)).toBe(1);
      expect(await count('unsubscribe', T0)).toBe(1);
      expect(await count('confirm', T1)).toBe(0);
      await store.subscribers.findToken({
        tokenHash: 'confirm-hash',
        purpose: 'confirm',
        now: T1,
        consume: true,
      });
      expect(await count('confirm', T0)).toBe(1);
      expect(
        await store.subscribers.countTokens({
          subscriberId: id,
          purpose: 'confirm',
          since: T0,
          unused: true,
        }),
      ).toBe(0);
      expect(
        await store.subscribers.countTokens({ subscriberId: id + 999, purpose: 'confirm', since: T0 }),
      ).toBe(0);
    });

    it('finds a token only by its hash, purpose and before it expires', async () => {
      const store = current();
      const id = await subscriberWithTokens();
      const find = (tokenHash: string, purpose: 'confirm' | 'unsubscribe', now: string) =>
        store.subscribers.findToken({ tokenHash, purpose, now });
      expect(await find('confirm-hash', 'confirm', T1)).toEqual({ subscriberId: id });
      expect(await find('confirm-hash', 'unsubscribe', T1)).toBeUndefined();
      expect(await find('unknown', 'confirm', T1)).toBeUndefined();
      expect(await find('CONFIRM-HASH', 'confirm', T1)).toBeUndefined();
      expect(await find('confirm-hash', 'confirm', T2)).toBeUndefined();
      expect(await find('confirm-hash', 'confirm', T3)).toBeUndefined();
      expect(await find('unsub-hash', 'unsubscribe', '2099-01-01T00:00:00.000Z')).toEqual({
        subscriberId: id,
      });
      expect(await find('unsub-hash', 'confirm', T1)).toBeUndefined();
    });

    it('consumes a token once; looking without consuming leaves it usable', async () => {
      const store = current();
      const id = await subscriberWithTokens();
      const look = { tokenHash: 'unsub-hash', purpose: 'unsubscribe' as const, now: T1 };
      expect(await store.subscribers.findToken(look)).toEqual({ subscriberId: id });
      expect(await store.subscribers.findToken(look)).toEqual({ subscriberId: id });
      const use = { tokenHash: 'confirm-hash', purpose: 'confirm' as const, now: T1, consume: true };
      expect(await store.subscribers.findToken({ ...use, purpose: 'unsubscribe' })).toBeUndefined();
      expect(await store.subscribers.findToken(use)).toEqual({ subscriberId: id });
      expect(await store.subscribers.findToken(use)).toBeUndefined();
      expect(await store.subscribers.findToken({ ...use, consume: false })).toBeUndefined();
      const row = await store.db
        .selectFrom('subscriber_tokens')
        .selectAll()
        .where('token_hash', '=', 'confirm-hash')
        .executeTakeFirst();
      expect(row?.used_at).toBe(T1);
    });

    it('lets only one of two concurrent confirmations win', async () => {
      const id = await subscriberWithTokens();
      const results = await withPair((a, b) =>
        Promise.all(
          [a, b, a, b].map((s) =>
            s.subscribers.findToken({
              tokenHash: 'confirm-hash',
              purpose: 'confirm',
              now: T1,
              consume: true,
            }),
          ),
        ),
      );
      expect(results.filter((result) => result !== undefined)).toEqual([{ subscriberId: id }]);
    });

    it('saves a reader’s cadence and topics, normalised, and lists by cadence', async () => {
      const store = current();
      const a = await store.subscribers.addConfirmed({
        email: 'a@example.org',
        consentSource: 'cli',
        consentAt: T0,
        at: T0,
      });
      const b = await store.subscribers.addConfirmed({
        email: 'b@example.org',
        consentSource: 'cli',
        consentAt: T0,
        at: T0,
      });
      const c = await store.subscribers.addConfirmed({
        email: 'c@example.org',
        consentSource: 'cli',
        consentAt: T0,
        at: T0,
      });
      expect(a.cadence).toBe('daily');
      const saved = await store.subscribers.setPreferences(
        b.id,
        // Out of order and repeated: stored in the one order, once.
        { cadence: 'weekly', topics: { domains: ['vision', 'medical', 'vision'], sources: ['github'] } },
        T1,
      );
      expect(saved).toBe(true);
      expect(
        await store.subscribers.setPreferences(
          c.id + 1000,
          { cadence: 'weekly', topics: { domains: [], sources: [] } },
          T1,
        ),
      ).toBe(false);
      const read = await store.subscribers.get(b.id);
      expect(read).toMatchObject({
        status: 'confirmed',
        cadence: 'weekly',
        topics: { domains: ['medical', 'vision'], sources: ['github'] },
        updatedAt: T1,
      });
      const weekly = await store.subscribers.list({ status: 'confirmed', cadence: 'weekly' });
      expect(weekly.map((s) => s.id)).toEqual([b.id]);
      const daily = await store.subscribers.list({
        status: 'confirmed',
        cadence: 'daily',
        afterId: a.id,
        limit: 5,
      });
      expect(daily.map((s) => s.id)).toEqual([c.id]);
      // Back to everything, daily.
      await store.subscribers.setPreferences(
        b.id,
        { cadence: 'daily', topics: { domains: [], sources: [] } },
        T2,
      );
      expect(await store.subscribers.get(b.id)).toMatchObject({
        cadence: 'daily',
        topics: { domains: [], sources: [] },
      });
      // A preference change never changes the status: an unsubscribed reader stays unsubscribed.
      await store.subscribers.setStatus(c.id, 'unsubscribed', T2);
      await store.subscribers.setPreferences(
        c.id,
        { cadence: 'weekly', topics: { domains: ['code'], sources: [] } },
        T3,
      );
      expect(await store.subscribers.get(c.id)).toMatchObject({ status: 'unsubscribed', cadence: 'weekly' });
    });

    it('keeps manage tokens for their lifetime, reusable, and prunes the expired ones', async () => {
      const store = current();
      const { id } = await store.subscribers.addConfirmed({
        email: 'm@example.org',
        consentSource: 'cli',
        consentAt: T0,
        at: T0,
      });
      await store.subscribers.saveToken({
        subscriberId: id,
        purpose: 'manage',
        tokenHash: 'old-manage',
        expiresAt: T1,
        at: T0,
      });
      await store.subscribers.saveToken({
        subscriberId: id,
        purpose: 'manage',
        tokenHash: 'new-manage',
        expiresAt: T3,
        at: T0,
      });
      await store.subscribers.saveToken({
        subscriberId: id,
        purpose: 'unsubscribe',
        tokenHash: 'unsub',
        expiresAt: null,
        at: T0,
      });
      const look = { tokenHash: 'new-manage', purpose: 'manage' as const, now: T2 };
      expect(await store.subscribers.findToken(look)).toEqual({ subscriberId: id });
      expect(await store.subscribers.findToken(look)).toEqual({ subscriberId: id });
      expect(await store.subscribers.findToken({ ...look, purpose: 'unsubscribe' })).toBeUndefined();
      expect(await store.subscribers.findToken({ ...look, tokenHash: 'old-manage' })).toBeUndefined();
      expect(await store.subscribers.pruneExpiredTokens({ purpose: 'manage', now: T2 })).toBe(1);
      expect(await store.subscribers.pruneExpiredTokens({ purpose: 'manage', now: T2 })).toBe(0);
      expect(await store.subscribers.findToken(look)).toEqual({ subscriberId: id });
      expect(
        await store.subscribers.findToken({ tokenHash: 'unsub', purpose: 'unsubscribe', now: T3 }),
      ).toEqual({ subscriberId: id });
    });
  });
}
