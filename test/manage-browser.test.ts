/**
 * Managing a subscription as a reader does it (issue 13, Done when): the edition is emailed into a
 * real SMTP server, the "Manage your subscription" link is taken from the received email and
 * opened in Chromium, the reader changes cadence and topics with the keyboard
 * and mouse, saves, and the store has the choice. The page has no script and no axe violations,
 * before and after saving; the next delivery planned for a weekly reader is the weekly one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailSettingsSchema } from '../src/config/schema.js';
import { fixedClock } from '../src/core/clock.js';
import { deliverEditionByEmail } from '../src/delivery/email/deliver.js';
import { memoryLogger } from '../src/lib/logger.js';
import { stylesheetFile } from '../src/renderers/site/assets.js';
import { type RunningServer, startServer } from '../src/server/index.js';
import { subscriptionRoutes } from '../src/server/subscriptions/routes.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import {
  axeViolations,
  type BrowserSession,
  CHROMIUM_MISSING_REASON,
  hasChromium,
  launchBrowser,
  screenshot,
} from '../src/testing/browser/chromium.js';
import { seedEdition } from '../src/testing/editions/editions.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/email/smtp-server.js';

if (!hasChromium) process.stderr.write(`${CHROMIUM_MISSING_REASON}\n`);

describe.skipIf(!hasChromium)('manage your subscription, from the email, in a browser', () => {
  let smtp: TestSmtpServer;
  let store: Store;
  let server: RunningServer;
  let browser: BrowserSession;
  const siteDir = mkdtempSync(join(tmpdir(), 'mp-manage-'));

  beforeAll(async () => {
    const css = stylesheetFile();
    mkdirSync(dirname(join(siteDir, css.path)), { recursive: true });
    writeFileSync(join(siteDir, css.path), css.body);
    writeFileSync(join(siteDir, 'index.html'), '<!doctype html><html lang="en"><title>Today</title></html>');
    smtp = await startTestSmtpServer();
    store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const clock = fixedClock('2026-09-01T06:00:00Z');
    const log = memoryLogger();
    // The server first: the email's links point at it.
    server = await startServer({ siteDir, publicUrl: 'http://127.0.0.1', port: 0, log, routes: [] });
    const base = server.url.replace(/\/$/, '');
    await server.close();
    const port = Number(new URL(base).port);
    server = await startServer({
      siteDir,
      publicUrl: base,
      port,
      log,
      routes: subscriptionRoutes(
        { store, clock, baseUrl: base, confirmTtlHours: 72, sendConfirmation: async () => {} },
        { weeklyDay: 'monday' },
      ),
    });
    await store.subscribers.addConfirmed({
      email: 'reader@example.org',
      consentSource: 'test',
      consentAt: '2026-08-01T00:00:00Z',
      at: '2026-08-01T00:00:00Z',
    });
    await deliverEditionByEmail({
      store,
      edition: await seedEdition(),
      settings: EmailSettingsSchema.parse({
        smtpUrl: smtp.url,
        from: 'The AI Morning Post <post@example.org>',
      }),
      baseUrl: base,
      clock,
      log,
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
    await store?.close();
    rmSync(siteDir, { recursive: true, force: true });
  });

  it('follows the link, changes cadence and topics, saves, and the store has them', async () => {
    const [mail] = smtp.received;
    const link = /https?:\/\/[^\s>]+\/manage\?token=[\w-]{43}/.exec(mail?.parsed.text ?? '')?.[0];
    expect(link, mail?.parsed.text).toBeTruthy();

    // JavaScript stays on for axe (evaluated through DevTools); the page itself carries none.
    const tab = await browser.newPage({ width: 390 });
    tab.page.setDefaultTimeout(20_000);
    const response = await tab.page.goto(link as string);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    expect(await tab.page.locator('h1').innerText()).toBe('Manage your subscription');
    expect(await tab.page.locator('script').count()).toBe(0);
    expect(await tab.page.locator('input[name="cadence"][value="daily"]').isChecked()).toBe(true);
    expect(await axeViolations(tab.page)).toEqual([]);

    // As a reader does it: a click on a label, the keyboard for the other choices.
    await tab.page.click('label[for="cadence-weekly"]');
    await tab.page.check('#domain-medical');
    await tab.page.focus('#source-github');
    await tab.page.keyboard.press('Space');
    await screenshot(tab.page, 'manage-before-save');
    await Promise.all([tab.page.waitForURL(/\/manage$/), tab.page.click('main button[type="submit"]')]);
    expect(await tab.page.locator('[role="status"]').innerText()).toBe(
      'Saved. From the next one, you will receive the weekly edition, its lists carrying only medical items from GitHub.',
    );
    expect(await tab.page.locator('input[name="cadence"][value="weekly"]').isChecked()).toBe(true);
    expect(await tab.page.locator('#domain-medical').isChecked()).toBe(true);
    expect(await tab.page.locator('#source-github').isChecked()).toBe(true);
    expect(await tab.page.locator('script').count()).toBe(0);
    expect(await axeViolations(tab.page)).toEqual([]);
    await screenshot(tab.page, 'manage-saved');
    expect(tab.problems).toEqual([]);

    expect(await store.subscribers.findByEmail('reader@example.org')).toMatchObject({
      status: 'confirmed',
      cadence: 'weekly',
      topics: { domains: ['medical'], sources: ['github'] },
    });
    expect(await store.subscribers.list({ status: 'confirmed', cadence: 'daily' })).toEqual([]);
    await tab.context.close();
  }, 120_000);
});
