/**
 * @module bench/site
 * The web edition: time to render a full edition page and the whole site, and the page weight a
 * reader downloads (HTML + CSS, gzip), for the seed edition and a generated month.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { ConfigSchema } from '../src/config/schema.js';
import type { Edition } from '../src/core/edition.js';
import { publishSite } from '../src/pipeline/publish.js';
import { renderSite } from '../src/renderers/index.js';
import { createPageAssets, renderEditionPage, stylesheetFile } from '../src/renderers/site/index.js';
import { generatedEdition, seedEdition } from '../src/testing/editions/editions.js';

export interface SiteBenchResult {
  name: string;
  pageMedianMs: number;
  siteMedianMs: number;
  siteFiles: number;
  htmlGzipBytes: number;
  cssGzipBytes: number;
}

const SITE = { baseUrl: 'https://post.example.org', telegramChannel: '@aimorningpost' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(name: string, edition: Edition, runs = 40): Promise<SiteBenchResult> {
  const assets = await createPageAssets(SITE);
  const pageTimes: number[] = [];
  let html = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    html = renderEditionPage(edition, {}, SITE, assets);
    pageTimes.push(performance.now() - started);
  }
  const siteTimes: number[] = [];
  let files = 0;
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    files = (await renderSite([edition], SITE)).length;
    siteTimes.push(performance.now() - started);
  }
  return {
    name,
    pageMedianMs: median(pageTimes),
    siteMedianMs: median(siteTimes),
    siteFiles: files,
    htmlGzipBytes: gzipSync(html, { level: 9 }).length,
    cssGzipBytes: gzipSync(stylesheetFile().body, { level: 9 }).length,
  };
}

export async function siteBenchmarks(): Promise<SiteBenchResult[]> {
  return [
    await measure('seed edition (Sunday 2026-08-23)', await seedEdition()),
    await measure('generated month (full lists)', generatedEdition('2026-08-22')),
  ];
}

/** A site folder holding the seed edition and the month before it, for the serving benchmark. */
export async function publishedBenchSite(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-site-'));
  const site = ConfigSchema.parse({
    site: { dir, url: SITE.baseUrl, telegramChannel: SITE.telegramChannel },
  }).site;
  // Publishing writes the .br and .gz copies: nginx's gzip_static and our server both send them.
  await publishSite([generatedEdition('2026-08-22', { number: 1 }), await seedEdition({ number: 2 })], site);
  return dir;
}
