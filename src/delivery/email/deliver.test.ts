import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { isMorningPostError } from '../../core/errors.js';
import { renderEditionEmail } from '../../renderers/email/index.js';
import { hashToken } from '../../subscriptions/tokens.js';
import { hostileEdition } from '../../testing/editions/editions.js';
import { BASE_URL, type DeliveryWorld, deliveryWorld, editionOn } from '../../testing/email/world.js';

const DATE = '2026-08-23';
let world: DeliveryWorld;

/** A header as it was on the wire (mailparser folds List-* into one object), unfolded. */
function header(parsed: ParsedMail, key: string): string {
  const line = parsed.headerLines.find((h) => h.key === key)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}
afterEach(async () => world?.close());

describe('deliverEditionByEmail', () => {
  it('sends one message per confirmed subscriber with the bulk-mail headers', async () => {
    world = await deliveryWorld({ subscribers: 2 });
    const summary = await world.deliver(editionOn(DATE));
    expect(summary).toEqual({
      channel: 'email',
      editionDate: DATE,
      planned: 2,
      sent: 2,
      skipped: 0,
      failed: 0,
      retried: 0,
      alreadySent: 0,
    });
    expect(world.server.received).toHaveLength(2);
    for (const subscriber of world.subscribers) {
      const mail = world.server.received.find((m) => m.envelopeTo[0] === subscriber.email);
      if (!mail) throw new Error(`nothing reached ${subscriber.email}`);
      const { parsed } = mail;
      expect(mail.envelopeTo).toEqual([subscriber.email]);
      expect(mail.envelopeFrom).toBe('post@example.org');
      expect(parsed.from?.value).toEqual([{ name: 'The AI Morning Post', address: 'post@example.org' }]);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual([
        subscriber.email,
      ]);
      expect(parsed.subject).toBe(`The AI Morning Post — ${DATE}`);
      expect(parsed.date?.toISOString()).toBe('2026-08-23T07:00:00.000Z');
      expect(parsed.messageId).toBe(`<edition-${DATE}.sub-${subscriber.id}@post.example.org>`);
      expect(parsed.html).toContain('<h1>');
      expect(parsed.text).toContain('Unsubscribe:');
      expect(parsed.headers.get('precedence')).toBe('bulk');
      expect(header(parsed, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(header(parsed, 'list-id')).toBe('"The AI Morning Post" <morning-post.post.example.org>');

      const unfolded = header(parsed, 'list-unsubscribe');
      const https = unfolded.match(
        /<(https:\/\/post\.example\.org\/unsubscribe\?token=([A-Za-z0-9_-]{43}))>/,
      );
      expect(unfolded).toContain('<mailto:post@example.org?subject=unsubscribe>');
      expect(https, unfolded).not.toBeNull();
      const token = https?.[2] ?? '';
      // The link's token is one the store knows, for this subscriber, for unsubscribing.
      const found = await world.store.subscribers.findToken({
        tokenHash: hashToken(token),
        purpose: 'unsubscribe',
        now: '2030-01-01T00:00:00.000Z',
      });
      expect(found).toEqual({ subscriberId: subscriber.id });
      expect(parsed.html).toContain(https?.[1]);
    }
    const rows = await world.store.deliveries.list({ editionDate: DATE, channel: 'email' });
    expect(rows.map((r) => [r.status, r.attempts, r.messageId])).toEqual(
      world.subscribers.map((s) => ['sent', 1, `<edition-${DATE}.sub-${s.id}@post.example.org>`]),
    );
  });

  it('sends the real edition email (hostile edition) with the link the store knows in both parts', async () => {
    world = await deliveryWorld({ subscribers: 2 });
    const edition = await hostileEdition();
    const summary = await world.deliver(edition, { render: renderEditionEmail });
    expect(summary).toMatchObject({ sent: 2, failed: 0 });
    for (const { parsed, envelopeTo } of world.server.received) {
      expect(envelopeTo).toHaveLength(1);
      expect(parsed.subject).toBe(
        renderEditionEmail(edition, { baseUrl: BASE_URL, unsubscribeUrl: BASE_URL }).subject,
      );
      const url =
        /<(https:\/\/[^>]+\/unsubscribe\?token=[^>]+)>/.exec(header(parsed, 'list-unsubscribe'))?.[1] ?? '';
      expect(url).not.toBe('');
      expect(parsed.html).toContain(url.replaceAll('&', '&amp;'));
      expect(parsed.text).toContain(url);
      expect(parsed.html).not.toMatch(/<script/i);
    }
  });

  it('sends nothing the second time (alreadySent)', async () => {
    world = await deliveryWorld({ subscribers: 3 });
    await world.deliver(editionOn(DATE));
    const again = await world.deliver(editionOn(DATE));
    expect(again).toMatchObject({ planned: 3, sent: 0, alreadySent: 3, failed: 0 });
    expect(world.server.received).toHaveLength(3);
  });

  it('skips a subscriber who unsubscribed between planning and sending', async () => {
    world = await deliveryWorld({ subscribers: 3, settings: { poolSize: 1 } });
    const third = world.subscribers[2];
    if (!third) throw new Error('fixture');
    const events: string[] = [];
    const summary = await world.deliver(editionOn(DATE), {
      onProgress: (event) => {
        events.push(`${event.done}/${event.total} ${event.recipient} ${event.status}`);
        if (event.done === 1)
          void world.store.subscribers.setStatus(third.id, 'unsubscribed', '2026-08-23T07:00:01Z');
      },
    });
    expect(summary).toMatchObject({ planned: 3, sent: 2, skipped: 1 });
    expect(world.server.received.map((m) => m.envelopeTo[0])).not.toContain(third.email);
    expect(events.at(-1)).toBe(`3/3 subscriber:${third.id} skipped`);
    const rows = await world.store.deliveries.list({ editionDate: DATE, status: 'skipped' });
    expect(rows.map((r) => [r.subscriberId, r.error])).toEqual([[third.id, 'subscriber is unsubscribed']]);
  });

  it('refuses a draft edition and plans nothing', async () => {
    world = await deliveryWorld({ subscribers: 2 });
    const error = await world.deliver(editionOn(DATE, 'draft')).catch((e: unknown) => e);
    expect(isMorningPostError(error) && error.message).toMatch(/draft/);
    expect(await world.store.deliveries.list({ editionDate: DATE })).toEqual([]);
    expect(world.server.received).toEqual([]);
  });

  it('says SMTP_URL is missing before planning anything', async () => {
    world = await deliveryWorld({ subscribers: 2 });
    const error = await world
      .deliver(editionOn(DATE), { transport: undefined, settings: { ...world.settings, smtpUrl: undefined } })
      .catch((e: unknown) => e);
    expect(isMorningPostError(error) && error.hint).toMatch(/SMTP_URL/);
    expect(await world.store.deliveries.list({ editionDate: DATE })).toEqual([]);
  });

  it('counts what it would send in a dry run and writes nothing', async () => {
    world = await deliveryWorld({ subscribers: 4 });
    const summary = await world.deliver(editionOn(DATE), { dryRun: true });
    expect(summary).toMatchObject({ planned: 4, sent: 0, alreadySent: 0 });
    expect(await world.store.deliveries.list({ editionDate: DATE })).toEqual([]);
    expect(world.server.received).toEqual([]);
  });

  it('stops taking rows when aborted and leaves the rest pending', async () => {
    world = await deliveryWorld({ subscribers: 6, settings: { poolSize: 1 } });
    const controller = new AbortController();
    const summary = await world.deliver(editionOn(DATE), {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.done === 2) controller.abort();
      },
    });
    expect(summary.sent).toBe(2);
    expect((await world.store.deliveries.counts(DATE, 'email')).pending).toBe(4);
    const rest = await world.deliver(editionOn(DATE));
    expect(rest).toMatchObject({ sent: 4, alreadySent: 2 });
    expect(new Set(world.server.received.map((m) => m.messageId)).size).toBe(6);
    expect(world.server.received).toHaveLength(6);
  });

  it('uses the host of the public URL in every Message-ID', async () => {
    world = await deliveryWorld({ subscribers: 1 });
    await world.deliver(editionOn(DATE), { baseUrl: 'https://news.example.net/post/' });
    expect(world.server.received[0]?.messageId).toMatch(/^<edition-2026-08-23\.sub-\d+@news\.example\.net>$/);
    expect(BASE_URL).not.toContain('news');
  });
});
