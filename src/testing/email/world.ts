/**
 * @module testing/email/world (test-only)
 * A delivery world for tests: a migrated in-memory SQLite store with confirmed subscribers, the
 * test SMTP server, settings pointing at it, and a small renderer so tests read headers, not layout.
 */
import { type EmailSettings, EmailSettingsSchema } from '../../config/schema.js';
import { fixedClock } from '../../core/clock.js';
import type { Edition } from '../../core/edition.js';
import { type DeliverEmailOptions, deliverEditionByEmail } from '../../delivery/email/deliver.js';
import { createMailTransport } from '../../delivery/email/transport.js';
import { memoryLogger } from '../../lib/logger.js';
import type { EmailLinks, RenderedEmail } from '../../renderers/email/index.js';
import type { SubscriberRecord } from '../../store/delivery-contract.js';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { generatedEdition } from '../editions/editions.js';
import { startTestSmtpServer, type TestSmtpServerOptions } from './smtp-server.js';

export const BASE_URL = 'https://post.example.org';
export const FROM = 'The AI Morning Post <post@example.org>';

/** Enough of an email to check what delivery adds around it. */
export function simpleRender(edition: Edition, links: EmailLinks): RenderedEmail {
  return {
    subject: `The AI Morning Post — ${edition.date}`,
    html: `<!DOCTYPE html><html><body><h1>${edition.date}</h1><a href="${links.unsubscribeUrl}">Unsubscribe</a></body></html>`,
    text: `The AI Morning Post ${edition.date}\n\nUnsubscribe: ${links.unsubscribeUrl}\n`,
  };
}

export function editionOn(date: string, status: Edition['status'] = 'published'): Edition {
  return { ...generatedEdition('2025-06-15', { status }), date };
}

export interface WorldOptions {
  subscribers?: number;
  settings?: Partial<EmailSettings>;
  server?: TestSmtpServerOptions;
}

export async function deliveryWorld(options: WorldOptions = {}) {
  const server = await startTestSmtpServer(options.server);
  const store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
  const clock = fixedClock('2026-08-23T07:00:00.000Z');
  const log = memoryLogger();
  const settings = EmailSettingsSchema.parse({
    smtpUrl: server.url,
    from: FROM,
    poolSize: 3,
    ...options.settings,
  });
  const subscribers: SubscriberRecord[] = [];
  for (let i = 1; i <= (options.subscribers ?? 3); i++) {
    subscribers.push(
      await store.subscribers.addConfirmed({
        email: `reader${i}@example.com`,
        consentSource: 'test',
        consentAt: '2026-08-01T00:00:00.000Z',
        at: '2026-08-01T00:00:00.000Z',
      }),
    );
  }
  const transport = createMailTransport(settings);
  const deliver = (edition: Edition, extra: Partial<DeliverEmailOptions> = {}) =>
    deliverEditionByEmail({
      store,
      edition,
      settings,
      baseUrl: BASE_URL,
      clock,
      log,
      transport,
      render: simpleRender,
      random: () => 0.5,
      ...extra,
    });
  const close = async () => {
    transport.close();
    await server.close();
    await store.close();
  };
  return { server, store, clock, log, settings, subscribers, transport, deliver, close };
}

export type DeliveryWorld = Awaited<ReturnType<typeof deliveryWorld>>;

/** How many times each Message-ID reached the server. */
export function messageIdCounts(world: DeliveryWorld): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of world.server.received) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
  return counts;
}
