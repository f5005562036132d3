/**
 * The published site in a real browser (Debian's Chromium via playwright-core), served by our
 * own server with its strict CSP: every section visible with real content at desktop and phone
 * widths, no console errors, no horizontal scroll, axe-core clean in light and dark schemes,
 * readable without JavaScript, and hostile data inert. Screenshots go to test-artifacts/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/schema.js';
import { publishSite } from '../src/pipeline/publish.js';
import { startServer } from '../src/server/index.js';
import {
  axeViolations,
  type BrowserSession,
  CHROMIUM_MISSING_REASON,
  hasChromium,
  launchBrowser,
  type PageUnderTest,
  screenshot,
} from '../src/testing/browser/chromium.js';
import {
  generatedEdition,
  HOSTILE_STRINGS,
  hostileEdition,
  seedEdition,
} from '../src/testing/editions/editions.js';

if (!hasChromium) process.stderr.write(`${CHROMIUM_MISSING_REASON}\n`);

const SECTIONS = [
  'lead',
  'metrics',
  'deep-dive',
  'opinion',
  'tools',
  'trending',
  'movers',
  'reading',
  'subscribe',
];

async function serveSite(editions: Parameters<typeof publishSite>[0]) {
  const dir = mkdtempSync(join(tmpdir(), 'mp-browser-site-'));
  const site = ConfigSchema.parse({
    site: { dir, url: 'https://post.example.org', telegramChannel: '@aimorningpost' },
  }).site;
  await publishSite(editions, site);
  return startServer({ siteDir: dir, publicUrl: site.url, port: 0, host: '127.0.0.1' });
}

/** Horizontal overflow in CSS pixels: 0 when nothing sticks out of the viewport. */
const overflow = (tab: PageUnderTest) =>
  tab.page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;

describe.skipIf(!hasChromium)('the site in Chromium', () => {
  let browser: BrowserSession;
  let site: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    const earlier = generatedEdition('2026-08-22', { number: 1 });
    site = await serveSite([earlier, await seedEdition({ number: 2 })]);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const width of [1280, 375]) {
    it(`shows every section with real content at ${width} px, without errors or sideways scrolling`, async () => {
      const tab = await browser.newPage({ width });
      await tab.page.goto(`${site.url}/`);
      for (const id of SECTIONS) {
        const section = tab.page.locator(`#${id}`);
        expect(await section.isVisible(), `#${id} visible`).toBe(true);
        expect((await section.innerText()).trim().length, `#${id} has content`).toBeGreaterThan(60);
      }
      expect(await tab.page.locator('h1').count()).toBe(1);
      expect(await tab.page.locator('#movers svg').count()).toBeGreaterThan(3);
      expect(await tab.page.locator('#metrics svg[role="img"]').count()).toBeGreaterThan(0);
      expect(await tab.page.locator('#subscribe svg').count(), 'QR code').toBe(1);
      expect(await overflow(tab)).toBeLessThanOrEqual(0);
      await screenshot(tab.page, `edition-${width}`);
      expect(tab.problems).toEqual([]);
      expect(await axeViolations(tab.page)).toEqual([]);
      await tab.context.close();
    });
  }

  it('passes axe in the dark colour scheme too', async () => {
    const tab = await browser.newPage({ width: 1280 });
    await tab.page.emulateMedia({ colorScheme: 'dark' });
    await tab.page.goto(`${site.url}/editions/2026-08-23/`);
    await screenshot(tab.page, 'edition-1280-dark');
    expect(await axeViolations(tab.page)).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('reads the same without JavaScript, and the archive and methodology pages pass axe', async () => {
    const tab = await browser.newPage({ width: 375, javaScriptEnabled: false });
    await tab.page.goto(`${site.url}/`);
    expect(await tab.page.locator('#lead h1').innerText()).not.toBe('');
    await tab.context.close();

    for (const path of ['/editions/', '/methodology/', '/editions/2026-08-22/']) {
      const page = await browser.newPage({ width: 375 });
      await page.page.goto(`${site.url}${path}`);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
      expect(await axeViolations(page.page), path).toEqual([]);
      expect(page.problems, path).toEqual([]);
      await page.context.close();
    }
  });

  it('links the editions to each other and to the archive', async () => {
    const tab = await browser.newPage({ width: 1280 });
    await tab.page.goto(`${site.url}/editions/2026-08-23/`);
    await tab.page.locator('a[rel="prev"]').first().click();
    await tab.page.waitForURL(`${site.url}/editions/2026-08-22/`);
    await tab.page.goto(`${site.url}/editions/`);
    expect(await tab.page.locator('a[href$="/editions/2026-08-23/"]').count()).toBeGreaterThan(0);
    expect(await tab.page.locator('a[href$="/editions/2026-08-22/"]').count()).toBeGreaterThan(0);
    await tab.context.close();
  });

  it('prints without the navigation or the subscribe form', async () => {
    const tab = await browser.newPage({ width: 1280 });
    await tab.page.emulateMedia({ media: 'print' });
    await tab.page.goto(`${site.url}/`);
    expect(await tab.page.locator('.site-nav').isVisible()).toBe(false);
    expect(await tab.page.locator('#subscribe form').isVisible()).toBe(false);
    expect(await tab.page.locator('#lead').isVisible()).toBe(true);
    await tab.context.close();
  });
});

describe.skipIf(!hasChromium)('hostile data in Chromium', () => {
  let browser: BrowserSession;
  let site: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    site = await serveSite([await hostileEdition({ number: 1 })]);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const width of [1280, 375]) {
    it(`renders scripts, javascript: links, attribute breakouts, RTL overrides and 10 kB names inert at ${width} px`, async () => {
      const tab = await browser.newPage({ width });
      const dialogs: string[] = [];
      tab.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await tab.page.goto(`${site.url}/`);
      expect(await tab.page.evaluate('window.__pwned')).toBeUndefined();
      expect(dialogs).toEqual([]);
      const text = await tab.page.locator('body').innerText();
      expect(text).toContain(HOSTILE_STRINGS.script);
      expect(await tab.page.locator('img').count()).toBe(0);
      expect(await tab.page.locator('a[href^="javascript:" i]').count()).toBe(0);
      expect(await tab.page.locator('[onerror], [onclick], [onload]').count()).toBe(0);
      expect(await overflow(tab)).toBeLessThanOrEqual(0);
      for (const id of SECTIONS) expect(await tab.page.locator(`#${id}`).isVisible(), `#${id}`).toBe(true);
      await screenshot(tab.page, `hostile-${width}`);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
      // The hostile page repeats 10 kB names in every story: Chromium lays it out and takes a full
      // screenshot in 15–28 s on this machine, too near vitest's 30 s default to leave to it.
    }, 90_000);
  }
});
