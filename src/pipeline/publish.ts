/**
 * @module pipeline/publish
 * Renders every stored edition into the site folder: pages, archive, feeds, sitemap, and each
 * edition's JSON and Markdown. Each file is written beside its place and renamed over it, so a
 * server reading the folder never sees half a file.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SiteSettings } from '../config/schema.js';
import type { Edition } from '../core/edition.js';
import { renderSite, type SiteFile } from '../renderers/index.js';

export interface PublishResult {
  dir: string;
  files: number;
  bytes: number;
  editions: number;
  /** Old content-hashed assets that no page refers to any more. */
  removed: string[];
}

export async function publishSite(editions: Edition[], site: SiteSettings): Promise<PublishResult> {
  const dir = resolve(site.dir);
  const files = await renderSite(editions, {
    baseUrl: site.url,
    ...(site.telegramChannel ? { telegramChannel: site.telegramChannel } : {}),
  });
  let bytes = 0;
  for (const file of files) bytes += writeAtomically(dir, file);
  return {
    dir,
    files: files.length,
    bytes,
    editions: editions.length,
    removed: removeStaleAssets(dir, files),
  };
}

function writeAtomically(dir: string, file: SiteFile): number {
  const target = join(dir, file.path);
  if (!target.startsWith(dir)) throw new Error(`refusing to write outside the site folder: ${file.path}`);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, file.body);
  renameSync(temporary, target);
  return Buffer.byteLength(file.body);
}

/** Hashed assets that no page of this build refers to (the stylesheet of an earlier build). */
function removeStaleAssets(dir: string, files: SiteFile[]): string[] {
  const assets = join(dir, 'assets');
  const current = new Set(files.filter((f) => f.path.startsWith('assets/')).map((f) => f.path.slice(7)));
  let names: string[];
  try {
    names = readdirSync(assets);
  } catch {
    return [];
  }
  const removed = names.filter((name) => !current.has(name) && /\.[0-9a-f]{8,}\.\w+$/.test(name));
  for (const name of removed) rmSync(join(assets, name), { force: true });
  return removed;
}
