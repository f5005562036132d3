import { afterEach, describe, expect, it } from 'vitest';
import { EmailSettingsSchema } from '../../config/schema.js';
import { isMorningPostError } from '../../core/errors.js';
import {
  BASE_URL,
  type DeliveryWorld,
  deliveryWorld,
  editionOn,
  FROM,
  simpleRender,
} from '../../testing/email/world.js';
import { editionMessage, editionMessageId, senderAddress, UnsafeHeaderError } from './message.js';

const settings = EmailSettingsSchema.parse({ smtpUrl: 'smtp://127.0.0.1:2525', from: FROM });
const rendered = { subject: 'The AI Morning Post — today', html: '<p>hi</p>', text: 'hi' };
const base = {
  settings,
  baseUrl: BASE_URL,
  to: 'reader@example.com',
  messageId: editionMessageId('2026-08-23', 7, BASE_URL),
  unsubscribeUrl: `${BASE_URL}/unsubscribe?token=abc`,
  rendered,
  date: new Date('2026-08-23T07:00:00Z'),
};

describe('editionMessage', () => {
  it('derives the Message-ID from the edition, the subscriber and the site host only', () => {
    expect(editionMessageId('2026-08-23', 7, BASE_URL)).toBe('<edition-2026-08-23.sub-7@post.example.org>');
    expect(editionMessageId('2026-08-23', 7, 'http://[::1]:8080/')).toBe('<edition-2026-08-23.sub-7@::1>');
  });

  it('sends to exactly the subscriber: the envelope is fixed, not read from headers', () => {
    const message = editionMessage(base);
    expect(message.envelope).toEqual({ from: 'post@example.org', to: ['reader@example.com'] });
    expect(message.to).toEqual({ name: '', address: 'reader@example.com' });
  });

  it.each([
    ['To', { to: 'reader@example.com\r\nBcc: victim@example.net' }],
    ['To', { to: 'reader@example.com, victim@example.net' }],
    ['To', { to: '"Reader" <reader@example.com>' }],
    ['To', { to: 'reader@example.com\nX-Evil: 1' }],
    ['Subject', { rendered: { ...rendered, subject: 'Hello\r\nBcc: victim@example.net' } }],
    ['Subject', { rendered: { ...rendered, subject: 'Hello\u2028there' } }],
    ['List-Unsubscribe', { unsubscribeUrl: `${BASE_URL}/unsubscribe?token=a\r\nX: y` }],
  ])('rejects a line break or extra address in %s', (header, change) => {
    const build = () => editionMessage({ ...base, ...change });
    expect(build).toThrow(UnsafeHeaderError);
    expect(build).toThrow(header);
  });

  it('rejects a From setting that is not one address', () => {
    for (const from of ['no address here', 'Post <post@example.org>\r\nBcc: x@example.net']) {
      const bad = { ...settings, from };
      expect(() => senderAddress(bad)).toThrow();
    }
    expect(senderAddress(settings)).toBe('post@example.org');
  });
});

describe('header injection end to end', () => {
  let world: DeliveryWorld;
  afterEach(async () => world?.close());

  it('stops before sending anything when the rendered subject carries CR/LF', async () => {
    world = await deliveryWorld({ subscribers: 2 });
    const error = await world
      .deliver(editionOn('2026-08-23'), {
        render: (edition, links) => ({
          ...simpleRender(edition, links),
          subject: 'Hi\r\nBcc: victim@example.net',
        }),
      })
      .catch((e: unknown) => e);
    expect(isMorningPostError(error) && error.message).toMatch(/Subject/);
    expect(world.server.received).toEqual([]);
    expect((await world.store.deliveries.counts('2026-08-23', 'email')).pending).toBe(2);
  });

  it('fails only the row whose stored address would inject a header', async () => {
    world = await deliveryWorld({ subscribers: 1 });
    await world.store.subscribers.addConfirmed({
      email: 'evil@example.com\r\nBcc: victim@example.net',
      consentSource: 'test',
      consentAt: '2026-08-01T00:00:00Z',
      at: '2026-08-01T00:00:00Z',
    });
    const summary = await world.deliver(editionOn('2026-08-23'));
    expect(summary).toMatchObject({ sent: 1, failed: 1 });
    const recipients = world.server.received.flatMap((m) => m.envelopeTo);
    expect(recipients).toEqual(['reader1@example.com']);
    expect(world.server.received.some((m) => /victim/.test(m.raw.toString()))).toBe(false);
  });

  it('nodemailer itself keeps a CR/LF subject inside the Subject header', async () => {
    world = await deliveryWorld({ subscribers: 0 });
    await world.transport.sendMail({
      from: FROM,
      to: 'reader@example.com',
      subject: 'Hello\r\nBcc: victim@example.net\r\nX-Injected: yes',
      text: 'body',
    });
    const [mail] = world.server.received;
    expect(mail?.envelopeTo).toEqual(['reader@example.com']);
    expect(mail?.parsed.headers.has('x-injected')).toBe(false);
    expect(mail?.parsed.headers.has('bcc')).toBe(false);
  });
});
