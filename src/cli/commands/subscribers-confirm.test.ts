/**
 * `subscribers list` shows where pending subscribers' confirmation emails stand, and
 * `subscribers resend-confirmation` sends a fresh link, through the real CLI on SQLite and a real
 * SMTP server that first refuses the address, then accepts it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmailSettingsSchema } from '../../config/schema.js';
import { fixedClock } from '../../core/clock.js';
import { confirmationHandler, queuedConfirmations } from '../../delivery/email/confirm-job.js';
import { createMailTransport } from '../../delivery/email/transport.js';
import { silentLogger } from '../../lib/logger.js';
import { createInProcessQueue } from '../../queue/in-process.js';
import { CONFIRMATION_EMAIL, CONFIRMATION_POLICY } from '../../queue/jobs.js';
import { openStore } from '../../store/index.js';
import { subscribe } from '../../subscriptions/service.js';
import { cli } from '../../testing/cli/run.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/email/smtp-server.js';

const SLOW = 240_000;
const BASE_URL = 'https://post.example.org';
const FROM = 'The AI Morning Post <post@example.org>';

let server: TestSmtpServer | undefined;
afterEach(async () => server?.close());

/** A web subscribe 20 minutes ago (past the 10-minute resend limit) whose email the server refused. */
async function subscribedAndRefused(dataDir: string, smtpUrl: string, emails: string[]): Promise<void> {
  const store = await openStore({ dataDir });
  await store.migrate();
  const clock = fixedClock(new Date(Date.now() - 20 * 60_000));
  const settings = EmailSettingsSchema.parse({ smtpUrl, from: FROM });
  const transport = createMailTransport(settings);
  const queue = createInProcessQueue();
  await queue.define(CONFIRMATION_EMAIL, { ...CONFIRMATION_POLICY, retryLimit: 0 });
  await queue.work(
    CONFIRMATION_EMAIL,
    { concurrency: 2 },
    confirmationHandler({ store, settings, baseUrl: BASE_URL, clock, log: silentLogger, transport }),
  );
  const deps = {
    store,
    clock,
    baseUrl: BASE_URL,
    confirmTtlHours: 48,
    sendConfirmation: queuedConfirmations({ queue, store, clock }),
  };
  for (const email of emails) await subscribe(deps, { email, source: 'web-form' });
  for (;;) {
    const counts = await queue.counts(CONFIRMATION_EMAIL);
    if (counts.created + counts.active + counts.retry === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await queue.stop();
  transport.close();
  await store.close();
}

describe('morning-post subscribers: confirmation emails', () => {
  it(
    'lists a refused confirmation as failed with its error, and resend-confirmation sends it once the server accepts',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mp-confirm-cli-'));
      server = await startTestSmtpServer();
      let refuse = true;
      server.onRcpt = () => (refuse ? { code: 550, message: 'No such user here' } : undefined);
      const env = { SMTP_URL: server.url, MAIL_FROM: FROM, MORNING_POST_URL: BASE_URL };
      const run = (...args: string[]) => cli(['subscribers', ...args], env, dir);

      await subscribedAndRefused(join(dir, 'data'), server.url, ['late@example.com', 'other@example.com']);
      expect(server.accepted).toBe(0);

      const table = await run('list');
      expect(table.stdout).toMatch(
        /^email\s+status\s+edition\s+topics\s+consent\s+created\s+confirmed\s+confirmation$/m,
      );
      expect(table.stdout).toMatch(
        /^late@example\.com\s+pending\s+daily\s+everything\s+web-form.*failed, 1 attempt: .*550.*No such user here/m,
      );
      const json = JSON.parse((await run('list', '--json')).stdout) as {
        email: string;
        confirmation: { status: string; attempts: number; error: string | null } | null;
      }[];
      expect(json[0]).toMatchObject({
        email: 'late@example.com',
        confirmation: { status: 'failed', attempts: 1, error: expect.stringContaining('No such user here') },
      });

      // Still refused: the resend is one attempt, recorded as failed, and says so.
      const stillRefused = await run('resend-confirmation', 'other@example.com');
      expect(stillRefused.code).toBe(1);
      expect(stillRefused.stdout).toMatch(/other@example\.com: not sent: .*No such user here/);

      refuse = false;
      const resent = await run('resend-confirmation', '--failed');
      expect(resent.stdout).toContain('late@example.com: new link sent');
      // other@ got a link a moment ago: the same limit as subscribing holds it back.
      expect(resent.stdout).toMatch(/other@example\.com: held back/);
      expect(resent.code).toBe(1);
      expect(server.received.map((m) => m.envelopeTo)).toEqual([['late@example.com']]);
      expect(server.received[0]?.parsed.text).toContain(`${BASE_URL}/confirm?token=`);

      const after = JSON.parse((await run('list', '--json')).stdout) as typeof json;
      expect(after.map((s) => [s.email, s.confirmation?.status])).toEqual([
        ['late@example.com', 'sent'],
        ['other@example.com', 'failed'],
      ]);
      // And again at once: held back, nothing sent.
      const again = await run('resend-confirmation', 'late@example.com');
      expect(again.stdout).toMatch(/late@example\.com: held back/);
      expect(server.accepted).toBe(1);
      const nobody = await run('resend-confirmation', 'nobody@example.com');
      expect(nobody.code).toBe(1);
      expect(nobody.stderr).toContain('no subscriber nobody@example.com');
    },
    SLOW,
  );
});
