import { afterEach, describe, expect, it } from 'vitest';
import { isMorningPostError } from '../../core/errors.js';
import { hashToken } from '../../subscriptions/tokens.js';
import { BASE_URL, type DeliveryWorld, deliveryWorld } from '../../testing/email/world.js';
import { confirmationSender, sendConfirmationEmail } from './confirm.js';

let world: DeliveryWorld;
afterEach(async () => world?.close());

const tokenIn = (text: string) => text.match(/\/confirm\?token=([A-Za-z0-9_-]{43})/)?.[1] ?? '';

describe('sendConfirmationEmail', () => {
  it('issues a confirm token that expires after confirmTtlHours and mails its link', async () => {
    world = await deliveryWorld({ subscribers: 0, settings: { confirmTtlHours: 48 } });
    const { subscriber } = await world.store.subscribers.upsertPending({
      email: 'new@example.com',
      consentSource: 'web-form',
      at: world.clock.now().toISOString(),
    });
    await sendConfirmationEmail({
      store: world.store,
      settings: world.settings,
      baseUrl: BASE_URL,
      clock: world.clock,
      email: subscriber.email,
      subscriberId: subscriber.id,
      transport: world.transport,
    });
    const [mail] = world.server.received;
    expect(mail?.envelopeTo).toEqual(['new@example.com']);
    expect(mail?.parsed.messageId).toMatch(/^<confirm-\d+\.[0-9a-f]{16}@post\.example\.org>$/);
    expect(mail?.parsed.html).toContain(`${BASE_URL}/confirm?token=`);
    const token = tokenIn(mail?.parsed.text ?? '');
    const find = (now: string) =>
      world.store.subscribers.findToken({ tokenHash: hashToken(token), purpose: 'confirm', now });
    expect(await find('2026-08-25T06:59:59.000Z')).toEqual({ subscriberId: subscriber.id });
    expect(await find('2026-08-25T07:00:00.000Z')).toBeUndefined();
  });

  it('sends a link the subscription service made, issuing no second token', async () => {
    world = await deliveryWorld({ subscribers: 0 });
    const send = confirmationSender({
      store: world.store,
      settings: world.settings,
      baseUrl: BASE_URL,
      clock: world.clock,
      transport: world.transport,
    });
    const confirmUrl = `${BASE_URL}/confirm?token=${'A'.repeat(43)}`;
    await send({ email: 'other@example.com', confirmUrl, subscriberId: 9 });
    expect(tokenIn(world.server.received[0]?.parsed.text ?? '')).toBe('A'.repeat(43));
  });

  it('retries a busy server, then reports a refusal plainly', async () => {
    world = await deliveryWorld({ subscribers: 0 });
    world.server.onRcpt = (address, offered) => {
      if (address === 'busy@example.com' && offered === 0) return { code: 451 };
      if (address === 'gone@example.com') return { code: 550, message: 'No such user' };
      return undefined;
    };
    const at = world.clock.now().toISOString();
    const pending = async (email: string) =>
      (await world.store.subscribers.upsertPending({ email, consentSource: 'web-form', at })).subscriber.id;
    const options = { store: world.store, settings: world.settings, baseUrl: BASE_URL, clock: world.clock };
    const busy = await pending('busy@example.com');
    await sendConfirmationEmail({
      ...options,
      email: 'busy@example.com',
      subscriberId: busy,
      transport: world.transport,
    });
    expect(world.server.received).toHaveLength(1);
    const gone = await pending('gone@example.com');
    const error = await sendConfirmationEmail({
      ...options,
      email: 'gone@example.com',
      subscriberId: gone,
      transport: world.transport,
    }).catch((e: unknown) => e);
    expect(isMorningPostError(error) && error.message).toMatch(/550/);
    expect(isMorningPostError(error) && error.retryable).toBe(false);
  });
});
