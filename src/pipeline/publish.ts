/**
 * @module pipeline/publish
 * Renders every stored edition into the site folder: pages, archive, feeds, sitemap, and each
 * edition's JSON and Markdown, with brotli (`.br`) and gzip (`.gz`) copies beside every file that
 * compresses, for `morning-post serve` and for nginx's `gzip_static`/`brotli_static`. Each file is
 * written beside its place and renamed over it, a file's compressed copies before the file itself,
 * so a server reading the folder never sees half a file. With `site.publish` set, the same files
 * then go to an S3 bucket (pipeline/publish-s3).
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SiteSettings } from '../config/schema.js';
import type { Edition } from '../core/edition.js';
import { renderSite, type SiteFile } from '../renderers/index.js';
import { contentTypeFor, isCompressible } from '../server/content-types.js';
import { type Coding, compress, decodesTo, VARIANTS } from '../server/precompressed.js';
import type { UploadResult } from './publish-s3.js';

export interface PublishResult {
  dir: string;
  files: number;
  bytes: number;
  editions: number;
  /** Compressed copies (`.br`, `.gz`) written by this publish; unchanged ones are kept as they are. */
  variantsWritten: number;
  /** Old content-hashed assets that no page refers to any more, and compressed copies left without their file. */
  removed: string[];
  /** The upload to `site.publish`, when set. */
  bucket?: UploadResult;
}

export interface PublishOptions {
  /** The client for `site.publish`; by default one from the standard AWS variables. */
  s3?: S3Client;
  /** Times when a path left the site (a day later its object is deleted). */
  now?: () => Date;
}

/** What to do with one compressed copy of a file. */
type VariantPlan = { coding: Coding; path: string } & (
  | { action: 'keep' }
  | { action: 'write'; bytes: Buffer }
  /** Compressing did not make it smaller: no copy, and an old one goes. */
  | { action: 'remove' }
);

export async function publishSite(
  editions: Edition[],
  site: SiteSettings,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const dir = resolve(site.dir);
  const files = await renderSite(editions, {
    baseUrl: site.url,
    ...(site.telegramChannel ? { telegramChannel: site.telegramChannel } : {}),
  });
  const targets = files.map((file) => ({ file, target: targetPath(dir, file) }));
  const plans = await mapConcurrently(targets, availableParallelism(), ({ file, target }) =>
    planVariants(target, file),
  );
  let bytes = 0;
  let variantsWritten = 0;
  for (const [i, { file, target }] of targets.entries()) {
    mkdirSync(dirname(target), { recursive: true });
    for (const plan of plans[i] ?? []) {
      if (plan.action === 'write') {
        writeAtomically(plan.path, plan.bytes);
        variantsWritten++;
      } else if (plan.action === 'remove') rmSync(plan.path, { force: true });
    }
    bytes += writeAtomically(target, file.body);
  }
  const removed = removeStaleAssets(dir, files);
  const result: PublishResult = {
    dir,
    files: files.length,
    bytes,
    editions: editions.length,
    variantsWritten,
    removed: [...removed, ...removeOrphanVariants(dir)],
  };
  if (site.publish) result.bucket = await uploadToBucket(files, site.publish, options);
  return result;
}

/** The folder is the build; the bucket gets the same files (see pipeline/publish-s3 for order and headers). */
async function uploadToBucket(
  files: SiteFile[],
  target: string,
  options: PublishOptions,
): Promise<UploadResult> {
  // Loaded only when a bucket is configured: the SDK is large.
  const { s3ClientFromEnvironment, uploadSite } = await import('./publish-s3.js');
  const client = options.s3 ?? s3ClientFromEnvironment();
  try {
    return await uploadSite(files, { target, client, ...(options.now ? { now: options.now } : {}) });
  } finally {
    if (!options.s3) client.destroy();
  }
}

function targetPath(dir: string, file: SiteFile): string {
  const target = join(dir, file.path);
  if (!target.startsWith(dir)) throw new Error(`refusing to write outside the site folder: ${file.path}`);
  return target;
}

function writeAtomically(target: string, body: string | Buffer): number {
  // Random as well as the pid: two publishers on one folder may share a pid (containers, where
  // each runs as pid 1, on one volume), and must never write into each other's temporary file.
  const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, body);
  renameSync(temporary, target);
  return Buffer.byteLength(body);
}

/**
 * Brotli at quality 11 costs about a second per megabyte, and a publish renders every edition
 * again, so a copy already on disk that decodes to the new bytes is kept: only changed files are
 * compressed.
 */
async function planVariants(target: string, file: SiteFile): Promise<VariantPlan[]> {
  if (!isCompressible(contentTypeFor(target))) return [];
  const body = Buffer.from(file.body);
  return Promise.all(
    VARIANTS.map(async ({ coding, suffix }): Promise<VariantPlan> => {
      const path = `${target}${suffix}`;
      const existing = readIfFile(path);
      if (existing && existing.length < body.length && (await decodesTo(existing, coding, body)))
        return { coding, path, action: 'keep' };
      const bytes = await compress(body, coding);
      return bytes.length < body.length
        ? { coding, path, action: 'write', bytes }
        : { coding, path, action: 'remove' };
    }),
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readIfFile(path: string): Buffer | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/** `fn` over `items` with at most `limit` at once (zlib works on the thread pool), results in order. */
async function mapConcurrently<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
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
  return removed.map((name) => `assets/${name}`);
}

/**
 * `.br` and `.gz` copies whose file is gone. Only copies of files we compress count, so an
 * archive someone put in the folder (`data.tar.gz`) is never taken for one.
 */
function removeOrphanVariants(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const variant = VARIANTS.find(({ suffix }) => entry.endsWith(suffix));
    if (!variant) continue;
    const source = entry.slice(0, -variant.suffix.length);
    if (!isCompressible(contentTypeFor(source)) || isFile(join(dir, source))) continue;
    rmSync(join(dir, entry), { force: true });
    removed.push(entry);
  }
  return removed;
}
