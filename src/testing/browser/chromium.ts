/**
 * @module testing/browser/chromium
 * Debian's Chromium driven by playwright-core for page tests: launched with the flags this
 * machine needs (no sandbox as root, no background networking on a closed network), a fresh
 * profile each time (playwright makes one per launch), and axe-core injected from node_modules for accessibility checks.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from '../sources/fixtures.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const CHROMIUM_MISSING_REASON = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped`;

/** Where screenshots go: CI keeps test-artifacts/. */
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');

export interface BrowserSession {
  browser: Browser;
  newPage(options: { width: number; height?: number; javaScriptEnabled?: boolean }): Promise<PageUnderTest>;
  close(): Promise<void>;
}

export interface PageUnderTest {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
}

export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async newPage({ width, height = 900, javaScriptEnabled = true }) {
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('requestfailed', (request) =>
        problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
      );
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      return { page, context, problems };
    },
    async close() {
      await browser.close();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules) in the page; an empty list means no violations. It is
 * evaluated through the DevTools protocol, which the page's CSP (no scripts at all) does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // A string, not a function: the test code is compiled without DOM types.
  const violations = await page.evaluate(`axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }).then((results) => results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  })))`);
  return violations as AxeViolation[];
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  // A full-page shot of the 10 kB hostile page took 30 s on a busy two-core machine: Playwright's
  // own 30 s limit, not the page, was what failed. The test's time budget bounds it instead.
  await page.screenshot({ path, fullPage: true, timeout: 80_000 });
  return path;
}
