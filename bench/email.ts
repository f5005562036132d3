/**
 * @module bench/email
 * What the delivery log costs: emails per second through deliverEditionByEmail (the real renderer;
 * plan, a subscriber read, a token, `sending` and `sent` writes per message, SQLite file) against plain pooled
 * nodemailer sending the same message to the same addresses, both into a local SMTP server that
 * discards what it gets. `npx tsx bench/email.ts [count]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type EmailSettings, EmailSettingsSchema } from '../src/config/schema.js';
import { systemClock } from '../src/core/clock.js';
import { deliverEditionByEmail } from '../src/delivery/email/index.js';
import { editionMessage, editionMessageId } from '../src/delivery/email/message.js';
import { createMailTransport, type MailTransport } from '../src/delivery/email/transport.js';
import { silentLogger } from '../src/lib/logger.js';
import { renderEditionEmail } from '../src/renderers/email/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { generatedEdition } from '../src/testing/editions/editions.js';
import { startTestSmtpServer } from '../src/testing/email/smtp-server.js';

const BASE_URL = 'https://post.example.org';
const PLACEHOLDER = 'https://post.example.org/unsubscribe?token=BENCHBENCHBENCHBENCHBENCHBENCHBENCHBENCHBEN';

export interface EmailBenchResult {
  count: number;
  poolSize: number;
  messageBytes: number;
  /** One render of the edition email; delivery renders twice and fills in each link (render-once.ts). */
  renderMs: number;
  deliveredPerSecond: number;
  /** Every message handed to the pool at once. */
  plainPerSecond: number;
  /** At most poolSize messages in flight, as the delivery has: separates bookkeeping from queue depth. */
  plainWindowedPerSecond: number;
  /** plain / delivered: how many times faster sending is without the log. */
  ratio: number;
}

export async function emailBenchmark(count = 10_000): Promise<EmailBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-email-'));
  const server = await startTestSmtpServer({ discard: true });
  const settings = EmailSettingsSchema.parse({
    smtpUrl: server.url,
    from: 'The AI Morning Post <post@example.org>',
  });
  const store = createSqliteStore({ file: join(dir, 'morning-post.db') });
  try {
    await store.migrate();
    const addresses: string[] = [];
    for (let i = 1; i <= count; i++) {
      const at = '2025-06-01T00:00:00.000Z';
      const s = await store.subscribers.addConfirmed({
        email: `reader${i}@example.com`,
        consentSource: 'bench',
        consentAt: at,
        at,
      });
      addresses.push(s.email);
    }
    const edition = generatedEdition('2025-06-15');
    const renderStart = performance.now();
    const rendered = renderEditionEmail(edition, { baseUrl: BASE_URL, unsubscribeUrl: PLACEHOLDER });
    const renderMs = performance.now() - renderStart;
    const delivered = createMailTransport(settings);
    const deliverStart = performance.now();
    const summary = await deliverEditionByEmail({
      store,
      edition,
      settings,
      baseUrl: BASE_URL,
      clock: systemClock,
      log: silentLogger,
      transport: delivered,
    });
    const deliverSeconds = (performance.now() - deliverStart) / 1000;
    delivered.close();
    if (summary.sent !== count) throw new Error(`delivery sent ${summary.sent} of ${count}`);

    const message = (to: string, i: number) =>
      editionMessage({
        settings,
        baseUrl: BASE_URL,
        to,
        messageId: editionMessageId(edition.date, i + 1, BASE_URL),
        unsubscribeUrl: PLACEHOLDER,
        rendered,
        date: new Date(),
      });
    const plainSeconds = await timed(settings, (transport) =>
      Promise.all(addresses.map((to, i) => transport.sendMail(message(to, i)))),
    );
    const windowedSeconds = await timed(settings, async (transport) => {
      let next = 0;
      const worker = async () => {
        while (next < addresses.length) {
          const i = next++;
          await transport.sendMail(message(addresses[i] ?? '', i));
        }
      };
      await Promise.all(Array.from({ length: settings.poolSize }, worker));
    });

    const deliveredPerSecond = Math.round(count / deliverSeconds);
    const plainPerSecond = Math.round(count / plainSeconds);
    return {
      count,
      poolSize: settings.poolSize,
      messageBytes: Buffer.byteLength(rendered.html) + Buffer.byteLength(rendered.text),
      renderMs: Math.round(renderMs * 100) / 100,
      deliveredPerSecond,
      plainPerSecond,
      plainWindowedPerSecond: Math.round(count / windowedSeconds),
      ratio: Math.round((plainPerSecond / deliveredPerSecond) * 100) / 100,
    };
  } finally {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timed(
  settings: EmailSettings,
  send: (transport: MailTransport) => Promise<unknown>,
): Promise<number> {
  const transport = createMailTransport(settings);
  const start = performance.now();
  await send(transport);
  const seconds = (performance.now() - start) / 1000;
  transport.close();
  return seconds;
}

export function formatEmailBench(result: EmailBenchResult): string {
  return [
    `${result.count} emails, pool of ${result.poolSize}, ${(result.messageBytes / 1024).toFixed(1)} kB html+text each`,
    `deliverEditionByEmail (delivery log, SQLite)   ${String(result.deliveredPerSecond).padStart(6)} emails/s`,
    `plain pooled nodemailer (no bookkeeping)       ${String(result.plainPerSecond).padStart(6)} emails/s`,
    `  the same, ${result.poolSize} in flight at most               ${String(result.plainWindowedPerSecond).padStart(6)} emails/s`,
    `plain / delivered                              ${result.ratio}`,
    `one render of the edition email                ${result.renderMs} ms (done twice per delivery, not per subscriber)`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const count = Number(process.argv[2] ?? 10_000);
  emailBenchmark(count).then(
    (result) => console.log(formatEmailBench(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
