/**
 * The whole subscription flow against `morning-post serve` in a child process, driven in Chromium,
 * with a real SMTP server receiving the mail: subscribe on the page → confirmation email → confirm
 * → `morning-post deliver` → the edition email (headers, both parts, working links) → unsubscribe
 * from the email's link in the browser, and RFC 8058 one-click for a second subscriber.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import {
  type BrowserSession,
  CHROMIUM_MISSING_REASON,
  hasChromium,
  launchBrowser,
} from '../src/testing/browser/chromium.js';
import { cli, spawnCli } from '../src/testing/cli/run.js';
import { seedEdition } from '../src/testing/editions/editions.js';
import {
  type ReceivedMail,
  startTestSmtpServer,
  type TestSmtpServer,
} from '../src/testing/email/smtp-server.js';
import { SEED_DAY } from '../src/testing/plans/seed-scenario.js';

if (!hasChromium) process.stderr.write(`${CHROMIUM_MISSING_REASON}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForMail(
  smtp: TestSmtpServer,
  predicate: (mail: ReceivedMail) => boolean,
): Promise<ReceivedMail> {
  for (let i = 0; i < 200; i++) {
    const mail = smtp.received.find(predicate);
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no matching mail; received: ${smtp.received.map((m) => m.parsed.subject).join(' | ')}`);
}

const linkTo = (mail: ReceivedMail, path: string): string => {
  const match = (mail.parsed.text ?? '').match(new RegExp(`https?://[^\\s>]+${path}\\?token=[\\w-]+`));
  if (!match) throw new Error(`no ${path} link in:\n${mail.parsed.text}`);
  return match[0];
};

describe.skipIf(!hasChromium)('subscribe → confirm → receive → unsubscribe', () => {
  let smtp: TestSmtpServer;
  let browser: BrowserSession;
  let base = '';
  let env: Record<string, string> = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'mp-flow-'));
  let server: ReturnType<typeof spawnCli> | undefined;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'The AI Morning Post <post@example.org>',
      MORNING_POST_URL: base,
      PORT: String(port),
      MORNING_POST_SCHEDULE: 'off',
    };
    const store = await openStore({ databaseUrl: undefined, dataDir: join(dataDir, 'data') });
    await store.migrate();
    const edition = await seedEdition();
    await store.saveEdition(
      { date: edition.date, plan: edition.plan, text: edition.text, meta: edition.meta },
      `${SEED_DAY}T06:00:00.000Z`,
      { publish: true },
    );
    await store.close();
    server = spawnCli(
      ['serve', '--host', '127.0.0.1'],
      env,
      dataDir,
      /Serving .* at http:\/\/127\.0\.0\.1:\d+/,
    );
    await server.started;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    server?.child.kill();
    await browser?.close();
    await smtp?.close();
  });

  it('subscribes from the page, confirms from the email, receives the edition, and unsubscribes in the browser', async () => {
    const tab = await browser.newPage({ width: 375 });
    await tab.page.goto(`${base}/`);
    await tab.page.fill('#subscribe-email', 'Reader@Example.ORG');
    await tab.page.click('#subscribe button[type="submit"]');
    await tab.page.waitForLoadState();
    expect(await tab.page.locator('h1').innerText()).toMatch(/inbox/i);

    const confirmation = await waitForMail(smtp, (m) => m.envelopeTo.includes('Reader@example.org'));
    await tab.page.goto(linkTo(confirmation, '/confirm'));
    expect(await tab.page.locator('body').innerText()).toMatch(/confirmed|welcome|subscribed/i);

    const delivered = await cli(['deliver', '--date', SEED_DAY, '--channel', 'email'], env, dataDir);
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(delivered.stdout).toMatch(/email\s+1\s+1\s+0\s+0\s+0/);
    const mail = await waitForMail(
      smtp,
      (m) =>
        m.parsed.subject?.startsWith('The AI Morning Post') === true &&
        m.envelopeTo.includes('Reader@example.org') &&
        !m.parsed.text?.includes('/confirm?'),
    );
    // Unfolded: long header lines arrive folded over several lines (RFC 5322).
    const header = (name: string) =>
      (mail.parsed.headerLines.find((h) => h.key === name)?.line ?? '').replace(/\r\n[ \t]+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toMatch(
      /<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=[\w-]+>, <mailto:/,
    );
    expect(mail.messageId).toMatch(new RegExp(`edition-${SEED_DAY}`));
    expect(mail.parsed.html).toBeTruthy();
    expect(mail.parsed.text).toContain(`${base}/editions/${SEED_DAY}/`);
    expect((await fetch(`${base}/editions/${SEED_DAY}/`)).status).toBe(200);

    await tab.page.goto(linkTo(mail, '/unsubscribe'));
    // The page's own form, not the masthead's search box beside it.
    const unsubscribe = tab.page.locator('main button[type="submit"]');
    expect(await unsubscribe.innerText()).toMatch(/unsubscribe/i);
    await unsubscribe.click();
    await tab.page.waitForLoadState();
    expect(await tab.page.locator('body').innerText()).toMatch(/unsubscribed/i);
    expect(tab.problems).toEqual([]);

    const listed = await cli(['subscribers', 'list', '--json'], env, dataDir);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ email: 'Reader@example.org', status: 'unsubscribed' }),
    ]);
    await tab.context.close();
  }, 120_000); // a browser session and two CLI runs

  it('takes an RFC 8058 one-click POST from a mail provider, and the next delivery skips the address', async () => {
    const added = await cli(
      ['subscribers', 'add', 'second@example.org', '--consent-source', 'test'],
      env,
      dataDir,
    );
    expect(added.code, added.stderr).toBe(0);
    // While the daily job holds the store's lock, a hand-run delivery waits its turn.
    const store = await openStore({ databaseUrl: undefined, dataDir: join(dataDir, 'data') });
    const lock = { name: 'daily-job', holder: 'other-server:1' };
    const inAMinute = new Date(Date.now() + 60_000).toISOString();
    await store.locks.acquire({ ...lock, now: new Date().toISOString(), expiresAt: inAMinute });
    const refused = await cli(['deliver', '--date', SEED_DAY, '--channel', 'email'], env, dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('daily job or another delivery is running');
    await store.locks.release(lock);
    await store.close();
    const delivered = await cli(['deliver', '--date', SEED_DAY, '--channel', 'email'], env, dataDir);
    expect(delivered.code, delivered.stderr).toBe(0);
    const mail = await waitForMail(smtp, (m) => m.envelopeTo.includes('second@example.org'));
    const oneClick = await fetch(linkTo(mail, '/unsubscribe'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.provider.example',
      },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const listed = JSON.parse((await cli(['subscribers', 'list', '--json'], env, dataDir)).stdout) as {
      email: string;
      status: string;
    }[];
    expect(listed.find((s) => s.email === 'second@example.org')?.status).toBe('unsubscribed');
    const before = smtp.received.length;
    const again = await cli(['deliver', '--date', SEED_DAY, '--channel', 'email'], env, dataDir);
    expect(again.code).toBe(0);
    expect(smtp.received.length).toBe(before);
  }, 120_000); // six CLI runs, one after another
});
