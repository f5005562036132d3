/**
 * Subject pages in a real browser (Debian's Chromium), served by our own server with its strict
 * CSP, published from a SQLite store with a few days of history and one edition a day: from an
 * edition page a reader follows an item's name to its subject page and sees its history chart
 * and the editions that named it; the author page and the most-mentioned index are one click
 * further. Every page visited has no script, needs none, passes axe, and scrolls no sideways.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/schema.js';
import type { Edition } from '../src/core/edition.js';
import { publishSite } from '../src/pipeline/publish.js';
import { startServer } from '../src/server/index.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import {
  axeViolations,
  type BrowserSession,
  CHROMIUM_MISSING_REASON,
  hasChromium,
  launchBrowser,
  type PageUnderTest,
  screenshot,
} from '../src/testing/browser/chromium.js';
import { generatedEdition } from '../src/testing/editions/editions.js';
import { createGenerator } from '../src/testing/history/generator.js';
import { editionOfDay, saveDay } from '../src/testing/subjects/world.js';

if (!hasChromium) process.stderr.write(`${CHROMIUM_MISSING_REASON}\n`);

const END = '2025-06-15';

/** The page as the browser has it: no script element, and the served HTML has none either. */
async function expectNoScript(tab: PageUnderTest, label: string): Promise<void> {
  expect(await tab.page.locator('script').count(), `${label}: script elements`).toBe(0);
  expect(await tab.page.content(), label).not.toMatch(/<script\b/i);
}

const overflow = (tab: PageUnderTest) =>
  tab.page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;

describe.skipIf(!hasChromium)('subject pages in Chromium', () => {
  const root = mkdtempSync(join(tmpdir(), 'mp-subject-browser-'));
  let browser: BrowserSession;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: KyselyStore;
  let newest: Edition;

  beforeAll(async () => {
    store = createSqliteStore({ file: join(root, 'store.db') });
    await store.migrate();
    // A gap on day 4: the chart breaks its line there rather than draw across it.
    const generator = createGenerator({
      days: 8,
      itemsPerDay: 40,
      extras: true,
      endDay: END,
      missingDays: [4],
    });
    const template = generatedEdition(END);
    const editions: Edition[] = [];
    for (let n = 1; n <= 8; n++) {
      if (n === 4) continue;
      const day = generator.day(n);
      await saveDay(store, day);
      editions.push(editionOfDay(template, day, editions.length + 1));
    }
    newest = editions.at(-1) as Edition;
    const dir = join(root, 'site');
    const site = ConfigSchema.parse({ site: { dir, url: 'https://post.example.org' } }).site;
    await publishSite(editions, site, { store });
    server = await startServer({ siteDir: dir, publicUrl: site.url, port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('follows an item from an edition to its page: chart, editions, axe clean, no script', async () => {
    const tab = await browser.newPage({ width: 1280 });
    await tab.page.goto(`${server.url}/editions/${newest.date}/`);
    await expectNoScript(tab, 'edition');
    const link = tab.page.locator('#trending .trend-models .item-name a').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/models\/[^/]+\/[^/]+\/$/);
    await link.click();
    await tab.page.waitForURL(`${server.url}${href}`);

    const chart = tab.page.locator('svg.history-chart[role="img"]').first();
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.getAttribute('aria-labelledby')).toMatch(/-t .*-d$/);
    expect(await tab.page.locator('svg.history-chart polyline.line').count()).toBeGreaterThan(0);
    const mentions = tab.page.locator('#mentions + ol.mentions li');
    expect(await mentions.count()).toBeGreaterThan(0);
    expect(await mentions.first().innerText()).toContain(`No. ${newest.number}`);
    // The mention links back to the very section of the edition.
    expect(await mentions.first().locator('a[href*="#trending"]').count()).toBe(1);
    expect(await tab.page.locator('.upstream-line a[href^="https://"]').count()).toBe(1);
    await expectNoScript(tab, 'subject');
    expect(await overflow(tab)).toBeLessThanOrEqual(0);
    await screenshot(tab.page, 'subject-model-1280');
    expect(tab.problems).toEqual([]);
    expect(await axeViolations(tab.page)).toEqual([]);

    // The numbers are there without the picture: open the table.
    await tab.page.locator('details.chart-data summary').first().click();
    expect(await tab.page.locator('details.chart-data table tbody tr').first().isVisible()).toBe(true);
    expect(await axeViolations(tab.page)).toEqual([]);

    // One click on to the author's page.
    const author = tab.page.locator('.facts a[href^="/authors/"]').first();
    const authorHref = await author.getAttribute('href');
    await author.click();
    await tab.page.waitForURL(`${server.url}${authorHref}`);
    expect(await tab.page.locator(`a[href="${href}"]`).count()).toBeGreaterThan(0);
    await expectNoScript(tab, 'author');
    expect(await axeViolations(tab.page)).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 120_000);

  it('reaches the most-mentioned index from the archive; it and a page read at phone width and in dark', async () => {
    const tab = await browser.newPage({ width: 375 });
    await tab.page.emulateMedia({ colorScheme: 'dark' });
    await tab.page.goto(`${server.url}/editions/`);
    await tab.page.locator('a[href="/subjects/"]').click();
    await tab.page.waitForURL(`${server.url}/subjects/`);
    const first = tab.page.locator('ol.most-mentioned a').first();
    expect(await first.isVisible()).toBe(true);
    await expectNoScript(tab, 'index');
    expect(await axeViolations(tab.page)).toEqual([]);
    expect(await overflow(tab)).toBeLessThanOrEqual(0);
    await first.click();
    await tab.page.waitForLoadState();
    expect(await tab.page.locator('h1').count()).toBe(1);
    expect(await overflow(tab)).toBeLessThanOrEqual(0);
    await expectNoScript(tab, 'most mentioned subject');
    await screenshot(tab.page, 'subject-375-dark');
    expect(await axeViolations(tab.page)).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 120_000);

  it('reads the same without JavaScript', async () => {
    const tab = await browser.newPage({ width: 1280, javaScriptEnabled: false });
    await tab.page.goto(`${server.url}/editions/${newest.date}/`);
    await tab.page.locator('#trending .item-name a').first().click();
    await tab.page.waitForLoadState();
    expect(await tab.page.locator('svg.history-chart').first().isVisible()).toBe(true);
    expect(await tab.page.locator('ol.mentions li').count()).toBeGreaterThan(0);
    await tab.context.close();
  }, 60_000);
});
