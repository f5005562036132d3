/**
 * @module store/deliveries.case
 * Conformance cases for the delivery log; run by delivery.case.ts on every dialect.
 */
import { describe, expect, it } from 'vitest';
import type { DeliveryCaseContext } from './delivery.case.js';
import type { DeliveryChannel } from './delivery-contract.js';

const DAY = '2026-12-01';
const T0 = '2026-12-01T06:00:00.000Z';
const T1 = '2026-12-01T06:05:00.000Z';
const T2 = '2026-12-01T06:10:00.000Z';
const HOSTILE = `'); drop table deliveries; -- "quoted" <b>é😀</b>`;

function recipients(count: number, from = 1) {
  return Array.from({ length: count }, (_, i) => ({
    recipient: `subscriber:${from + i}`,
    subscriberId: null,
  }));
}

export function deliveryLogCases({ current }: DeliveryCaseContext): void {
  describe('delivery log', () => {
    const plan = (count: number, channel: DeliveryChannel = 'email', from = 1, editionDate = DAY) =>
      current().deliveries.plan({ editionDate, channel, recipients: recipients(count, from), at: T0 });

    it('plans pending rows once per edition, channel and recipient', async () => {
      const store = current();
      expect(await plan(3)).toBe(3);
      expect(await plan(3)).toBe(0);
      expect(await plan(4)).toBe(1);
      expect(await plan(4, 'telegram')).toBe(4);
      expect(await plan(4, 'email', 1, '2026-12-02')).toBe(4);
      expect(
        await store.deliveries.plan({ editionDate: DAY, channel: 'email', recipients: [], at: T1 }),
      ).toBe(0);
      // A recipient named twice in one plan is one row, and the first mention wins.
      const twice = await store.deliveries.plan({
        editionDate: DAY,
        channel: 'telegram',
        recipients: [
          { recipient: '@channel', subscriberId: null },
          { recipient: '@channel', subscriberId: 7 },
        ],
        at: T1,
      });
      expect(twice).toBe(1);
      const rows = await store.deliveries.list({ editionDate: DAY, channel: 'email' });
      expect(rows.map((row) => row.recipient)).toEqual(recipients(4).map((r) => r.recipient));
      expect(rows[0]).toEqual({
        id: expect.any(Number),
        editionDate: DAY,
        channel: 'email',
        recipient: 'subscriber:1',
        subscriberId: null,
        status: 'pending',
        attempts: 0,
        messageId: null,
        error: null,
        createdAt: T0,
        updatedAt: T0,
      });
      const telegram = await store.deliveries.list({ editionDate: DAY, channel: 'telegram' });
      expect(telegram.at(-1)).toMatchObject({ recipient: '@channel', subscriberId: null });
    });

    it('plans 10,000 recipients in one call, and re-planning adds none', async () => {
      const store = current();
      expect(await plan(10_000)).toBe(10_000);
      expect(await plan(10_001)).toBe(1);
      const counts = await store.deliveries.counts(DAY, 'email');
      expect(counts).toEqual({ pending: 10_001, sending: 0, sent: 0, failed: 0, skipped: 0 });
      const first = await store.deliveries.unfinished({ editionDate: DAY, channel: 'email', limit: 5 });
      expect(first.map((row) => row.recipient)).toEqual(recipients(5).map((r) => r.recipient));
    });

    it('links planned rows to subscribers', async () => {
      const store = current();
      const { subscriber } = await store.subscribers.upsertPending({
        email: 'd@example.com',
        consentSource: 'cli',
        at: T0,
      });
      await store.deliveries.plan({
        editionDate: DAY,
        channel: 'email',
        recipients: [{ recipient: `subscriber:${subscriber.id}`, subscriberId: subscriber.id }],
        at: T0,
      });
      expect((await store.deliveries.list({}))[0]?.subscriberId).toBe(subscriber.id);
    });

    it('begins only unfinished rows, counting attempts, and finishes with the outcome', async () => {
      const store = current();
      await plan(2);
      const [row, other] = await store.deliveries.unfinished({ editionDate: DAY, channel: 'email' });
      if (!row || !other) throw new Error('planned rows missing');
      expect(await store.deliveries.begin(row.id, T1)).toBe(true);
      expect(await store.deliveries.list({ status: 'sending' })).toEqual([
        { ...row, status: 'sending', attempts: 1, updatedAt: T1 },
      ]);
      // A crash mid-send leaves `sending`; the retry may begin it again.
      expect(await store.deliveries.begin(row.id, T1)).toBe(true);
      await store.deliveries.finish(row.id, { status: 'sent', messageId: '<m1@example.com>' }, T2);
      expect(await store.deliveries.begin(row.id, T2)).toBe(false);
      expect(await store.deliveries.begin(row.id + 10_000, T2)).toBe(false);
      const sent = (await store.deliveries.list({ status: 'sent' }))[0];
      expect(sent).toMatchObject({ attempts: 2, messageId: '<m1@example.com>', error: null, updatedAt: T2 });

      for (const status of ['failed', 'skipped'] as const) {
        await store.deliveries.finish(other.id, { status, error: HOSTILE }, T2);
        expect(await store.deliveries.begin(other.id, T2)).toBe(false);
      }
      expect(await store.deliveries.list({ status: 'skipped' })).toEqual([
        { ...other, status: 'skipped', error: HOSTILE, updatedAt: T2 },
      ]);
      expect(await store.deliveries.counts(DAY, 'email')).toEqual({
        pending: 0,
        sending: 0,
        sent: 1,
        failed: 0,
        skipped: 1,
      });
    });

    it('keeps messageId and error unless given, clears them when given null', async () => {
      const store = current();
      await plan(1);
      const id = (await store.deliveries.list({}))[0]?.id ?? -1;
      await store.deliveries.begin(id, T0);
      await store.deliveries.finish(id, { status: 'pending', error: 'timeout' }, T1);
      await store.deliveries.begin(id, T1);
      await store.deliveries.finish(id, { status: 'sent', messageId: '1,2' }, T2);
      expect((await store.deliveries.list({}))[0]).toMatchObject({
        status: 'sent',
        attempts: 2,
        messageId: '1,2',
        error: 'timeout',
      });
      await store.deliveries.finish(id, { status: 'sent', messageId: null, error: null }, T2);
      expect((await store.deliveries.list({}))[0]).toMatchObject({ messageId: null, error: null });
    });

    it('lists unfinished rows of one edition and channel, in id order', async () => {
      const store = current();
      await plan(3, 'telegram');
      await plan(4);
      await plan(2, 'email', 1, '2026-12-02');
      const rows = await store.deliveries.unfinished({ editionDate: DAY, channel: 'email' });
      const [a, b, c, d] = rows;
      if (!a || !b || !c || !d) throw new Error('planned rows missing');
      await store.deliveries.begin(b.id, T1);
      await store.deliveries.begin(c.id, T1);
      await store.deliveries.finish(c.id, { status: 'sent' }, T1);
      const left = await store.deliveries.unfinished({ editionDate: DAY, channel: 'email' });
      expect(left.map((row) => [row.id, row.status])).toEqual([
        [a.id, 'pending'],
        [b.id, 'sending'],
        [d.id, 'pending'],
      ]);
      expect(a.id < b.id && b.id < d.id).toBe(true);
      expect(
        await store.deliveries.unfinished({ editionDate: DAY, channel: 'email', limit: 1 }),
      ).toHaveLength(1);
      expect(await store.deliveries.unfinished({ editionDate: '2026-11-30', channel: 'email' })).toEqual([]);
      expect(await store.deliveries.counts(DAY, 'email')).toEqual({
        pending: 2,
        sending: 1,
        sent: 1,
        failed: 0,
        skipped: 0,
      });
      expect(await store.deliveries.counts('2026-11-30', 'telegram')).toEqual({
        pending: 0,
        sending: 0,
        sent: 0,
        failed: 0,
        skipped: 0,
      });
      expect(await store.deliveries.list({ editionDate: '2026-12-02' })).toHaveLength(2);
      expect(await store.deliveries.list({ channel: 'telegram' })).toHaveLength(3);
      expect(await store.deliveries.list({ status: 'sent', channel: 'telegram' })).toEqual([]);
    });

    it('pages unfinished rows by id (afterId, throughId, limit), skipping finished ones', async () => {
      const store = current();
      await plan(10);
      await plan(3, 'telegram');
      const all = await store.deliveries.list({ editionDate: DAY, channel: 'email' });
      const ids = all.map((row) => row.id);
      await store.deliveries.begin(ids[1] as number, T1);
      await store.deliveries.finish(ids[1] as number, { status: 'sent', messageId: '<a@b>' }, T1);
      await store.deliveries.begin(ids[2] as number, T1); // in doubt: still unfinished
      const page = (afterId: number, limit: number) =>
        store.deliveries
          .unfinished({ editionDate: DAY, channel: 'email', afterId, limit })
          .then((rows) => rows.map((row) => row.id));
      expect(await page(0, 3)).toEqual([ids[0], ids[2], ids[3]]);
      expect(await page(ids[3] as number, 3)).toEqual(ids.slice(4, 7));
      expect(await page(ids[9] as number, 3)).toEqual([]);
      // One batch's range: afterId < id <= throughId.
      const range = await store.deliveries.unfinished({
        editionDate: DAY,
        channel: 'email',
        afterId: ids[0] as number,
        throughId: ids[4] as number,
      });
      expect(range.map((row) => [row.id, row.status])).toEqual([
        [ids[2], 'sending'],
        [ids[3], 'pending'],
        [ids[4], 'pending'],
      ]);
    });

    // One store: on Postgres its pool races separate connections. Two in-process SQLite
    // connections cannot race a transaction (the synchronous driver's busy wait blocks the loop).
    it('plans concurrently without duplicates', async () => {
      const store = current();
      const created = await Promise.all(
        [1, 2, 3, 4].map(() =>
          store.deliveries.plan({ editionDate: DAY, channel: 'email', recipients: recipients(500), at: T0 }),
        ),
      );
      expect(created.reduce((sum, n) => sum + n, 0)).toBe(500);
      expect((await store.deliveries.counts(DAY, 'email')).pending).toBe(500);
    });
  });
}
