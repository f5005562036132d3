/**
 * Search in a real browser (Chromium, JavaScript off): a reader types a query into the masthead's
 * form on a published page, the server answers /search from the store, the hits are read, the
 * type filter and the next page are followed, and every page is axe-clean in both colour
 * schemes, without sideways scrolling on a phone and without a single script.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/schema.js';
import type { CollectedItem } from '../src/core/item.js';
import { publishSite } from '../src/pipeline/publish.js';
import { type RunningServer, startServer } from '../src/server/index.js';
import { searchRoutes } from '../src/server/search.js';
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
import { HOSTILE_STRINGS, seedEdition } from '../src/testing/editions/editions.js';

if (!hasChromium) process.stderr.write(`${CHROMIUM_MISSING_REASON}\n`);

const PUBLIC = 'https://post.example.org';

const item = (
  kind: CollectedItem['kind'],
  id: string,
  extra: Partial<CollectedItem> = {},
): CollectedItem => ({
  kind,
  externalId: id,
  title: id,
  url: `https://example.test/${id}`,
  author: id.split('/')[0],
  attributes: {},
  list: 'trending',
  metrics: {},
  ...extra,
});

/** axe runs through page.evaluate, which a tab with JavaScript off cannot do: it checks the URL in another. */
async function axeAt(browser: BrowserSession, url: string, scheme: 'light' | 'dark' = 'light') {
  const tab = await browser.newPage({ width: 1280 });
  try {
    await tab.page.emulateMedia({ colorScheme: scheme });
    await tab.page.goto(url);
    return await axeViolations(tab.page);
  } finally {
    await tab.context.close();
  }
}

const overflow = (tab: PageUnderTest) =>
  tab.page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;

describe.skipIf(!hasChromium)('search in Chromium', () => {
  let browser: BrowserSession;
  let server: RunningServer;
  let store: KyselyStore;
  let dir: string;

  beforeAll(async () => {
    store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    await store.saveSnapshot({
      source: 'hf-models',
      day: '2026-08-23',
      takenAt: '2026-08-23T06:00:00Z',
      status: 'ok',
      items: [
        item('model', 'Qwen/Qwen3-8B', {
          attributes: { description: 'A dense 8B model of the Qwen3 family.' },
        }),
        item('model', 'unsloth/Qwen3-8B-GGUF'),
        item('model', 'deepseek-ai/DeepSeek-R1'),
        item('model', 'evil/attack', {
          title: `${HOSTILE_STRINGS.script} qwen3 ${HOSTILE_STRINGS.breakout}`,
        }),
        ...Array.from({ length: 30 }, (_, i) => item('model', `org/qwen3-finetune-${i}`)),
      ],
    });
    const edition = await seedEdition();
    await store.saveEdition(
      { date: edition.date, plan: edition.plan, text: edition.text, meta: edition.meta },
      '2026-08-23T06:30:00Z',
      { publish: true },
    );
    dir = mkdtempSync(join(tmpdir(), 'mp-search-browser-'));
    const site = ConfigSchema.parse({ site: { dir, url: PUBLIC, search: 'on' } }).site;
    await publishSite([edition], site);
    server = await startServer({
      siteDir: dir,
      publicUrl: PUBLIC,
      port: 0,
      routes: searchRoutes({ search: store.search, site: { baseUrl: PUBLIC } }),
    });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a query typed into the masthead form to ranked, marked results, without JavaScript', async () => {
    const tab = await browser.newPage({ width: 1280, javaScriptEnabled: false });
    // The published site links to its own host; this test's server is elsewhere.
    await tab.page.goto(`${server.url}/`);
    const box = tab.page.getByRole('searchbox', { name: 'Search the Post' });
    await box.fill('qwen3-8b');
    await Promise.all([tab.page.waitForURL(/\/search\?q=qwen3-8b$/), box.press('Enter')]);
    const titles = await tab.page.locator('.search-hit h2').allInnerTexts();
    expect(titles.slice(0, 2)).toEqual(['Qwen/Qwen3-8B', 'unsloth/Qwen3-8B-GGUF']);
    expect(await tab.page.locator('.search-hit h2 mark').first().innerText()).toBe('Qwen3');
    expect(await tab.page.getByRole('searchbox', { name: 'Words or names to look for' }).inputValue()).toBe(
      'qwen3-8b',
    );
    expect(await tab.page.locator('script').count()).toBe(0);
    await screenshot(tab.page, 'search-1280');
    expect(await axeAt(browser, tab.page.url())).toEqual([]);
    // The first hit's link goes to the model's subject page.
    expect(await tab.page.locator('.search-hit h2 a').first().getAttribute('href')).toBe(
      '/models/Qwen/Qwen3-8B/',
    );
    expect(tab.problems).toEqual([]);
  }, 60_000);

  it('filters by type and pages on, on a phone, axe-clean in both schemes', async () => {
    const tab = await browser.newPage({ width: 375, javaScriptEnabled: false });
    const url = `${server.url}/search?q=qwen3`;
    await tab.page.goto(url);
    const count = await tab.page.locator('.search-count').innerText();
    expect(count).toMatch(/^3\d results for “qwen3”\. \(1–20 shown\)$/);
    expect(await overflow(tab)).toBeLessThanOrEqual(0);
    await screenshot(tab.page, 'search-375');
    expect(await axeAt(browser, url)).toEqual([]);
    expect(await axeAt(browser, url, 'dark')).toEqual([]);

    await Promise.all([
      tab.page.waitForURL(/cursor=20/),
      tab.page.getByRole('link', { name: 'More results' }).click(),
    ]);
    expect(await tab.page.locator('.search-results').getAttribute('start')).toBe('21');
    expect(await tab.page.getByRole('link', { name: 'Previous results' }).count()).toBe(1);

    await tab.page.getByLabel('Show').selectOption('edition');
    await Promise.all([
      tab.page.waitForURL(/type=edition/),
      tab.page.locator('.search-form').getByRole('button', { name: 'Search' }).click(),
    ]);
    const editions = await tab.page.locator('.search-hit .hit-meta').allInnerTexts();
    expect(editions.length).toBeGreaterThan(0);
    expect(editions.every((meta) => meta.startsWith('EDITION') || meta.startsWith('Edition'))).toBe(true);
    expect(await tab.page.locator('.search-hit h2 a').first().getAttribute('href')).toBe(
      '/editions/2026-08-23/',
    );

    await tab.page.goto(`${server.url}/search?q=zzznothing`);
    expect(await tab.page.locator('.search-count').innerText()).toBe('Nothing found for “zzznothing”.');
    expect(await axeAt(browser, tab.page.url())).toEqual([]);
    expect(await overflow(tab)).toBeLessThanOrEqual(0);
  }, 90_000);

  it('shows a hostile title as text: nothing in it runs, with JavaScript on', async () => {
    const tab = await browser.newPage({ width: 1280 });
    await tab.page.goto(`${server.url}/search?q=pwned`);
    const text = await tab.page.locator('.search-results').innerText();
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('"><img src=x onerror="window.__pwned=1">');
    expect(await tab.page.evaluate('window.__pwned')).toBeUndefined();
    expect(await tab.page.locator('.search-results script, .search-results img').count()).toBe(0);
    expect(await axeViolations(tab.page)).toEqual([]);
  }, 90_000);
});
