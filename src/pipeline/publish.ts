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
import { renderSite, type SiteContext, type SiteFile } from '../renderers/index.js';
import { contentTypeFor, isCompressible } from '../server/content-types.js';
import { type Coding, compress, decodesTo, VARIANTS } from '../server/precompressed.js';
import type { Store } from '../store/store.js';
import type { KeptFiles, UploadResult } from './publish-s3.js';
import {
  buildSubjectPages,
  parseSubjectManifest,
  SUBJECTS_MANIFEST,
  type SubjectStageResult,
} from './subjects.js';

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
  /** The subject pages, when published with a store. */
  subjects?: SubjectPublishResult;
}

export interface PublishOptions {
  /** The client for `site.publish`; by default one from the standard AWS variables. */
  s3?: S3Client;
  /** Times when a path left the site (a day later its object is deleted). */
  now?: () => Date;
  /**
   * The store: with it, every subject the Post has seen gets its page (pipeline/subjects, only the
   * changed ones written), and the editions' item names link to those pages. Without it, the site
   * has no subject pages and no links to them.
   */
  store?: Store;
}

export interface SubjectPublishResult {
  /** Subject pages in the site (models, datasets, Spaces, repositories, papers, authors). */
  pages: number;
  /** Pages rendered and written by this publish (the rest were already right). */
  written: number;
  /** Pages of subjects that are gone, deleted. */
  removed: number;
  /** Items whose daily history was read. */
  historiesRead: number;
  /** Wall time of the subject stage: reading the store, rendering and writing its pages. */
  durationMs: number;
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
  const context: SiteContext = {
    baseUrl: site.url,
    ...(site.telegramChannel ? { telegramChannel: site.telegramChannel } : {}),
    ...(options.store ? { subjectPages: true } : {}),
    // site.search as `serve` resolved it (cli/commands/serve: servedSite); `auto` alone means off.
    ...(site.search === 'on' ? { search: true } : {}),
  };
  let bytes = 0;
  let variantsWritten = 0;
  const write = async (batch: readonly SiteFile[], effort: 'max' | 'fast' = 'max') => {
    const written = await writeFiles(dir, batch, effort);
    bytes += written.bytes;
    variantsWritten += written.variants;
  };
  // Subject pages first: the edition pages written after them link to them.
  const subjects = options.store
    ? await publishSubjects(dir, editions, context, options.store, write)
    : undefined;
  const files = await renderSite(editions, context, subjects?.stage.summary);
  await write(files);
  const removed = removeStaleAssets(dir, files);
  const result: PublishResult = {
    dir,
    files: files.length + (subjects?.stage.written.length ?? 0),
    bytes,
    editions: editions.length,
    variantsWritten,
    removed: [...removed, ...(subjects?.stage.removed ?? []), ...removeOrphanVariants(dir)],
    ...(subjects ? { subjects: subjects.result } : {}),
  };
  if (site.publish) {
    const kept = subjects
      ? {
          paths: subjects.stage.files,
          written: new Set(subjects.stage.written),
          read: (path: string) => readFileSync(targetPath(dir, path)),
        }
      : undefined;
    result.bucket = await uploadToBucket(files, site.publish, options, kept);
  }
  return result;
}

/** Writes a batch of files with their compressed copies, each renamed into place. */
async function writeFiles(
  dir: string,
  files: readonly SiteFile[],
  effort: 'max' | 'fast',
): Promise<{ bytes: number; variants: number }> {
  const targets = files.map((file) => ({ file, target: targetPath(dir, file.path) }));
  const plans = await mapConcurrently(targets, availableParallelism(), ({ file, target }) =>
    planVariants(target, file, effort),
  );
  let bytes = 0;
  let variants = 0;
  for (const [i, { file, target }] of targets.entries()) {
    mkdirSync(dirname(target), { recursive: true });
    for (const plan of plans[i] ?? []) {
      if (plan.action === 'write') {
        writeAtomically(plan.path, plan.bytes);
        variants++;
      } else if (plan.action === 'remove') rmSync(plan.path, { force: true });
    }
    bytes += writeAtomically(target, file.body);
  }
  return { bytes, variants };
}

/**
 * The subject stage (pipeline/subjects) against this folder: the manifest of the last build says
 * which pages are right; changed pages are written, pages of subjects that left are deleted (with
 * their compressed copies, by removeOrphanVariants), and the new manifest is written last, so a
 * publish that dies midway only makes the next one write more.
 */
async function publishSubjects(
  dir: string,
  editions: Edition[],
  site: SiteContext,
  store: Store,
  write: (files: readonly SiteFile[], effort: 'fast') => Promise<void>,
): Promise<{ stage: SubjectStageResult; result: SubjectPublishResult }> {
  const started = performance.now();
  const manifestPath = join(dir, SUBJECTS_MANIFEST);
  const stage = await buildSubjectPages({
    store,
    editions,
    site,
    previous: parseSubjectManifest(readIfFile(manifestPath)?.toString('utf8')),
    exists: (file) => isFile(targetPath(dir, file)),
    write: (files) => write(files, 'fast'),
  });
  for (const file of stage.removed) rmSync(targetPath(dir, file), { force: true });
  mkdirSync(dir, { recursive: true });
  writeAtomically(manifestPath, `${JSON.stringify(stage.manifest)}\n`);
  return {
    stage,
    result: {
      pages: stage.files.length,
      written: stage.written.length,
      removed: stage.removed.length,
      historiesRead: stage.historiesRead,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

/** The folder is the build; the bucket gets the same files (see pipeline/publish-s3 for order and headers). */
async function uploadToBucket(
  files: SiteFile[],
  target: string,
  options: PublishOptions,
  kept?: KeptFiles,
): Promise<UploadResult> {
  // Loaded only when a bucket is configured: the SDK is large.
  const { s3ClientFromEnvironment, uploadSite } = await import('./publish-s3.js');
  const client = options.s3 ?? s3ClientFromEnvironment();
  try {
    return await uploadSite(files, {
      target,
      client,
      ...(options.now ? { now: options.now } : {}),
      ...(kept ? { kept } : {}),
    });
  } finally {
    if (!options.s3) client.destroy();
  }
}

function targetPath(dir: string, path: string): string {
  const target = join(dir, path);
  if (!target.startsWith(`${dir}/`)) throw new Error(`refusing to write outside the site folder: ${path}`);
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
async function planVariants(target: string, file: SiteFile, effort: 'max' | 'fast'): Promise<VariantPlan[]> {
  if (!isCompressible(contentTypeFor(target))) return [];
  const body = Buffer.from(file.body);
  return Promise.all(
    VARIANTS.map(async ({ coding, suffix }): Promise<VariantPlan> => {
      const path = `${target}${suffix}`;
      const existing = readIfFile(path);
      if (existing && existing.length < body.length && (await decodesTo(existing, coding, body)))
        return { coding, path, action: 'keep' };
      const bytes = await compress(body, coding, effort);
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
