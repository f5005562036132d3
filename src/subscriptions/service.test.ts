import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import type { Store } from '../store/index.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import {
  type ConfirmationMessage,
  confirm,
  isLiveToken,
  subscribe,
  unsubscribe,
  unsubscribeUrl,
} from './service.js';
import { issueToken, newToken } from './tokens.js';

let store: Store;
let clock: ReturnType<typeof fixedClock>;
let sent: ConfirmationMessage[];

const deps = () => ({
  store,
  clock,
  baseUrl: 'https://post.example.org/',
  confirmTtlHours: 72,
  sendConfirmation: async (message: ConfirmationMessage) => {
    sent.push(message);
  },
});

const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? '';
const hours = (n: number) => clock.sleep(n * 3_600_000);

beforeEach(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
  clock = fixedClock('2026-09-01T06:00:00Z');
  sent = [];
});
afterEach(() => store.close());

describe('subscribe', () => {
  it('stores a normalised pending address with its consent and mails a confirmation link', async () => {
    const result = await subscribe(deps(), {
      email: ' Reader@Example.ORG ',
      source: 'web-form',
      ip: '203.0.113.9',
    });
    expect(result).toEqual({ outcome: 'pending', linkQueued: true });
    const subscriber = await store.subscribers.findByEmail('Reader@example.org');
    expect(subscriber).toMatchObject({
      email: 'Reader@example.org',
      status: 'pending',
      consentSource: 'web-form',
      consentIp: '203.0.113.9',
      consentAt: '2026-09-01T06:00:00.000Z',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.email).toBe('Reader@example.org');
    expect(sent[0]?.subscriberId).toBe(subscriber?.id);
    expect(sent[0]?.confirmUrl).toMatch(/^https:\/\/post\.example\.org\/confirm\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('refuses an invalid address without storing or sending anything', async () => {
    expect(await subscribe(deps(), { email: 'a@b.org\r\nBcc: x@y.org', source: 'web-form' })).toEqual({
      outcome: 'invalid',
    });
    expect(await store.subscribers.list()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('is idempotent: subscribing again while pending keeps one row and, ten minutes on, sends a fresh link', async () => {
    await subscribe(deps(), { email: 'reader@example.org', source: 'web-form' });
    await clock.sleep(11 * 60_000);
    await subscribe(deps(), { email: 'reader@EXAMPLE.org', source: 'web-form' });
    expect(await store.subscribers.list()).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.confirmUrl).not.toBe(sent[1]?.confirmUrl);
    // Either link confirms: the first mail may arrive after the second.
    expect(await confirm(deps(), tokenOf(sent[0]?.confirmUrl ?? ''))).toBe('confirmed');
  });

  it('sends one confirmation for 20 subscribes of one address within a minute, and at most five a day', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await subscribe(deps(), { email: 'victim@example.org', source: 'web-form' })).toEqual({
        outcome: 'pending',
        linkQueued: i === 0,
      });
      await clock.sleep(3_000);
    }
    expect(sent).toHaveLength(1);
    // One every eleven minutes for a day: the daily cap stops it at five.
    for (let i = 0; i < 30; i++) {
      await clock.sleep(11 * 60_000);
      await subscribe(deps(), { email: 'victim@example.org', source: 'web-form' });
    }
    expect(sent).toHaveLength(5);
    // A day later the address may ask again.
    await hours(24);
    await subscribe(deps(), { email: 'victim@example.org', source: 'web-form' });
    expect(sent).toHaveLength(6);
  });

  it('says already-confirmed for a confirmed address and sends nothing', async () => {
    await subscribe(deps(), { email: 'reader@example.org', source: 'web-form' });
    await confirm(deps(), tokenOf(sent[0]?.confirmUrl ?? ''));
    expect(await subscribe(deps(), { email: 'reader@example.org', source: 'web-form' })).toEqual({
      outcome: 'already-confirmed',
    });
    expect(sent).toHaveLength(1);
    expect((await store.subscribers.findByEmail('reader@example.org'))?.status).toBe('confirmed');
  });

  it('puts an unsubscribed address back to pending with a new confirmation', async () => {
    await subscribe(deps(), { email: 'reader@example.org', source: 'web-form' });
    const subscriber = await store.subscribers.findByEmail('reader@example.org');
    await store.subscribers.setStatus(subscriber?.id ?? 0, 'unsubscribed', clock.now().toISOString());
    // Minutes later, a new consent: its link is sent, whatever was sent under the old one.
    await clock.sleep(60_000);
    expect(await subscribe(deps(), { email: 'reader@example.org', source: 'cli' })).toEqual({
      outcome: 'pending',
      linkQueued: true,
    });
    expect(sent).toHaveLength(2);
    expect((await store.subscribers.findByEmail('reader@example.org'))?.status).toBe('pending');
  });

  it('propagates a failed send, so the caller can decide what to tell the person', async () => {
    const failing = { ...deps(), sendConfirmation: () => Promise.reject(new Error('SMTP down')) };
    await expect(subscribe(failing, { email: 'reader@example.org', source: 'cli' })).rejects.toThrow(
      'SMTP down',
    );
  });
});

describe('confirm', () => {
  async function pendingLink(): Promise<string> {
    await subscribe(deps(), { email: 'reader@example.org', source: 'web-form' });
    return tokenOf(sent.at(-1)?.confirmUrl ?? '');
  }

  it('confirms once and stamps the time', async () => {
    const token = await pendingLink();
    await hours(1);
    expect(await confirm(deps(), token)).toBe('confirmed');
    expect(await store.subscribers.findByEmail('reader@example.org')).toMatchObject({
      status: 'confirmed',
      confirmedAt: '2026-09-01T07:00:00.000Z',
    });
  });

  it('refuses a replayed link', async () => {
    const token = await pendingLink();
    expect(await confirm(deps(), token)).toBe('confirmed');
    expect(await confirm(deps(), token)).toBe('invalid');
  });

  it('refuses an expired link and leaves the address pending', async () => {
    const token = await pendingLink();
    await hours(72);
    expect(await confirm(deps(), token)).toBe('invalid');
    expect((await store.subscribers.findByEmail('reader@example.org'))?.status).toBe('pending');
  });

  it('accepts a link just before it expires', async () => {
    const token = await pendingLink();
    await hours(71.9);
    expect(await confirm(deps(), token)).toBe('confirmed');
  });

  it('refuses forged, malformed and wrong-purpose tokens', async () => {
    await pendingLink();
    const subscriber = await store.subscribers.findByEmail('reader@example.org');
    const unsubscribeToken = await issueToken(store.subscribers, {
      subscriberId: subscriber?.id ?? 0,
      purpose: 'unsubscribe',
      expiresAt: null,
      at: clock.now().toISOString(),
    });
    for (const token of [
      newToken().token,
      '',
      'short',
      `${'A'.repeat(42)}=`,
      "' OR 1=1 --",
      unsubscribeToken,
    ]) {
      expect(await confirm(deps(), token)).toBe('invalid');
    }
    expect((await store.subscribers.findByEmail('reader@example.org'))?.status).toBe('pending');
  });

  it('does not resubscribe someone who unsubscribed after the link was sent', async () => {
    const token = await pendingLink();
    const subscriber = await store.subscribers.findByEmail('reader@example.org');
    await store.subscribers.setStatus(subscriber?.id ?? 0, 'unsubscribed', clock.now().toISOString());
    expect(await confirm(deps(), token)).toBe('invalid');
    expect((await store.subscribers.findByEmail('reader@example.org'))?.status).toBe('unsubscribed');
  });

  it('lets a HEAD-style check look without using the link up', async () => {
    const token = await pendingLink();
    expect(await isLiveToken(deps(), 'confirm', token)).toBe(true);
    expect(await isLiveToken(deps(), 'confirm', token)).toBe(true);
    expect(await confirm(deps(), token)).toBe('confirmed');
    expect(await isLiveToken(deps(), 'confirm', token)).toBe(false);
  });
});

describe('unsubscribe', () => {
  async function confirmedWithLink(): Promise<{ id: number; token: string }> {
    await subscribe(deps(), { email: 'reader@example.org', source: 'web-form' });
    await confirm(deps(), tokenOf(sent.at(-1)?.confirmUrl ?? ''));
    const id = (await store.subscribers.findByEmail('reader@example.org'))?.id ?? 0;
    const url = await unsubscribeUrl(deps(), id);
    expect(url).toMatch(/^https:\/\/post\.example\.org\/unsubscribe\?token=[A-Za-z0-9_-]{43}$/);
    return { id, token: tokenOf(url) };
  }

  it('unsubscribes, and the same link keeps answering unsubscribed (permanent, idempotent)', async () => {
    const { id, token } = await confirmedWithLink();
    expect(await unsubscribe(deps(), token)).toBe('unsubscribed');
    const first = await store.subscribers.get(id);
    expect(first).toMatchObject({ status: 'unsubscribed', unsubscribedAt: '2026-09-01T06:00:00.000Z' });
    await hours(24 * 400);
    expect(await unsubscribe(deps(), token)).toBe('unsubscribed');
    expect((await store.subscribers.get(id))?.unsubscribedAt).toBe(first?.unsubscribedAt);
  });

  it('refuses forged and confirm-purpose tokens', async () => {
    await confirmedWithLink();
    await subscribe(deps(), { email: 'other@example.org', source: 'web-form' });
    const confirmToken = tokenOf(sent.at(-1)?.confirmUrl ?? '');
    expect(await unsubscribe(deps(), confirmToken)).toBe('invalid');
    expect(await unsubscribe(deps(), newToken().token)).toBe('invalid');
    expect(await unsubscribe(deps(), 'not a token')).toBe('invalid');
    expect((await store.subscribers.findByEmail('reader@example.org'))?.status).toBe('confirmed');
  });

  it('refuses the link of an erased subscriber', async () => {
    const { id, token } = await confirmedWithLink();
    await store.subscribers.remove(id);
    expect(await unsubscribe(deps(), token)).toBe('invalid');
  });
});
