import { afterEach, describe, expect, it } from 'vitest';
import { isMorningPostError, MorningPostError } from '../../core/errors.js';
import { failFirst } from '../../testing/email/smtp-server.js';
import { type DeliveryWorld, deliveryWorld, editionOn, messageIdCounts } from '../../testing/email/world.js';
import { createMailTransport } from './transport.js';

const DATE = '2026-08-23';
let world: DeliveryWorld;
afterEach(async () => world?.close());

const addressOf = (world: DeliveryWorld, n: number) => world.subscribers[n - 1]?.email ?? '';

describe('email delivery under SMTP faults', () => {
  it('retries 421 and 451 replies, then sends', async () => {
    world = await deliveryWorld({ subscribers: 3 });
    const first = addressOf(world, 1);
    const second = addressOf(world, 2);
    const first451 = failFirst(1, { code: 451, message: 'Try again later' }, (a) => a === first);
    const second421 = failFirst(2, { code: 421, message: 'Closing, busy' }, (a) => a === second);
    world.server.onRcpt = (address, offered) => first451(address, offered) ?? second421(address, offered);
    const summary = await world.deliver(editionOn(DATE));
    expect(summary).toMatchObject({ sent: 3, failed: 0, retried: 3 });
    expect([...messageIdCounts(world).values()]).toEqual([1, 1, 1]);
    const rows = await world.store.deliveries.list({ editionDate: DATE });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
      ['sent', 3],
      ['sent', 1],
    ]);
    // Backoff doubles per attempt, with half of it jittered (random fixed at 0.5 here).
    expect([...world.clock.slept].sort((a, b) => a - b)).toEqual([750, 750, 1500]);
  });

  it('fails a 550 address, counts the bounce, sends the rest; bounced after bounceLimit editions', async () => {
    world = await deliveryWorld({ subscribers: 3, settings: { bounceLimit: 3 } });
    const refused = world.subscribers[1];
    if (!refused) throw new Error('fixture');
    world.server.onRcpt = (address) =>
      address === refused.email ? { code: 550, message: 'No such user here' } : undefined;

    const days = ['2026-08-23', '2026-08-24', '2026-08-25'];
    for (const [n, day] of days.entries()) {
      const summary = await world.deliver(editionOn(day));
      expect(summary).toMatchObject({ planned: 3, sent: 2, failed: 1, retried: 0 });
      const after = await world.store.subscribers.get(refused.id);
      expect(after?.bounceCount).toBe(n + 1);
      expect(after?.status).toBe(n + 1 < 3 ? 'confirmed' : 'bounced');
    }
    const [failed] = await world.store.deliveries.list({ editionDate: DATE, status: 'failed' });
    expect(failed?.subscriberId).toBe(refused.id);
    expect(failed?.attempts).toBe(1);
    expect(failed?.error).toMatch(/550.*No such user/);

    const next = await world.deliver(editionOn('2026-08-26'));
    expect(next).toMatchObject({ planned: 2, sent: 2, failed: 0 });
  });

  it('resets the bounce count after a success', async () => {
    world = await deliveryWorld({ subscribers: 1 });
    const [only] = world.subscribers;
    if (!only) throw new Error('fixture');
    await world.store.subscribers.recordBounce(only.id, '2026-08-20T00:00:00Z');
    await world.deliver(editionOn(DATE));
    expect((await world.store.subscribers.get(only.id))?.bounceCount).toBe(0);
  });

  it('gives a message up as failed after maxAttempts transient replies', async () => {
    world = await deliveryWorld({ subscribers: 2, settings: { maxAttempts: 3 } });
    const stuck = addressOf(world, 1);
    world.server.onRcpt = (address) =>
      address === stuck ? { code: 452, message: 'Mailbox busy' } : undefined;
    const summary = await world.deliver(editionOn(DATE));
    expect(summary).toMatchObject({ sent: 1, failed: 1, retried: 2 });
    const [row] = await world.store.deliveries.list({ editionDate: DATE, status: 'failed' });
    expect(row?.attempts).toBe(3);
    // A busy mailbox is not a bounce.
    expect((await world.store.subscribers.get(row?.subscriberId ?? 0))?.bounceCount).toBe(0);
  });

  it('sends everything exactly once when connections drop mid-batch', async () => {
    world = await deliveryWorld({ subscribers: 24 });
    world.server.onData = ({ count }) => (count === 4 || count === 9 || count === 10 ? 'drop' : undefined);
    const summary = await world.deliver(editionOn(DATE));
    expect(summary).toMatchObject({ planned: 24, sent: 24, failed: 0, retried: 3 });
    const counts = messageIdCounts(world);
    expect(counts.size).toBe(24);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(world.server.received).toHaveLength(24);
  });

  it('stops the run and keeps every row pending while the server is unreachable', async () => {
    world = await deliveryWorld({ subscribers: 5, settings: { maxAttempts: 2 } });
    const closed = { ...world.settings, smtpUrl: 'smtp://127.0.0.1:1' };
    const transport = createMailTransport(closed);
    const error = await world
      .deliver(editionOn(DATE), { transport, settings: closed })
      .catch((e: unknown) => e);
    transport.close();
    expect(error).toBeInstanceOf(MorningPostError);
    expect(isMorningPostError(error) && error.retryable).toBe(true);
    const counts = await world.store.deliveries.counts(DATE, 'email');
    expect(counts).toMatchObject({ pending: 5, sent: 0, failed: 0, sending: 0 });
    // Once the server is back, the next run sends them all.
    expect(await world.deliver(editionOn(DATE))).toMatchObject({ sent: 5 });
  });

  it('stops on an authentication failure and never lets the password out', async () => {
    const pass = 'Sup3r-Secret-Pa55';
    world = await deliveryWorld({ subscribers: 3, server: { auth: { user: 'mailer', pass } } });
    const wrong = {
      ...world.settings,
      smtpUrl: world.server.url.replace(encodeURIComponent(pass), 'wrong-Pa55word'),
    };
    const transport = createMailTransport(wrong);
    const error = await world
      .deliver(editionOn(DATE), { transport, settings: wrong })
      .catch((e: unknown) => e);
    transport.close();
    expect(isMorningPostError(error) && error.code).toBe('CONFIG_INVALID');
    expect(String((error as Error).message)).not.toContain('wrong-Pa55word');
    const rows = await world.store.deliveries.list({ editionDate: DATE });
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    const written = JSON.stringify([rows, world.log.records]);
    expect(written).not.toContain('wrong-Pa55word');
    expect(written).not.toContain(pass);

    expect(await world.deliver(editionOn(DATE))).toMatchObject({ sent: 3 });
    expect(world.server.passwords).toContain(pass);
    expect(JSON.stringify(world.log.records)).not.toContain(pass);
  });
});
