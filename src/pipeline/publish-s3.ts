/**
 * @module pipeline/publish-s3
 * Uploads the rendered site to an S3-compatible bucket (`site.publish = s3://bucket/prefix`):
 * AWS S3, MinIO, Cloudflare R2 and the like, through @aws-sdk/client-s3.
 *
 * Order. A reader enters the site through the index, a feed or the sitemap and follows links from
 * there, so objects go up in waves, each finished before the next starts: assets (the hashed
 * stylesheet, images), then the subject pages that editions link to, then each edition's folder,
 * newest first (a changed older page links "next" to the newer one, which is then already there),
 * then the other pages (archive, methodology, 404, the most-mentioned index), and last the entry
 * points: `index.html`, the feeds, `sitemap.xml`, `robots.txt`. A wave that fails stops the
 * upload, so the index never points at an edition that did not arrive. Subject pages a publish
 * did not render again (pipeline/subjects) are passed as `kept`: still in the site, never
 * retired, read from the folder only when the bucket's manifest lacks them.
 *
 * Headers. Each object carries the Content-Type and Cache-Control `morning-post serve` sends for
 * the same path (`contentTypeFor`, `cacheControlFor`), and its SHA-256 as `x-amz-meta-sha256`.
 * Only the identity bytes are uploaded: an object has one Content-Encoding and S3 does not
 * negotiate, so `.br`/`.gz` keys would need edge logic to pick them, while every CDN in front of a
 * bucket (CloudFront, Cloudflare, Fastly) compresses text itself and caches the result. The
 * `.br`/`.gz` copies stay in the local folder for `serve` and nginx's `gzip_static`.
 *
 * Change detection. A manifest object, `<prefix>/.morning-post-manifest.json`, maps each site path
 * to the SHA-256 and headers of what was uploaded; one GET replaces a HEAD per object. A file is
 * uploaded when its hash or headers differ from the manifest's. The manifest is written last and
 * records only what was uploaded, so after a failure (written then too, when the bucket still
 * answers) the next publish uploads exactly what is missing. Objects changed behind its back are
 * not noticed: delete the manifest to upload everything again.
 *
 * Deletion. A path that leaves the site (an old hashed stylesheet) stays for a day, since pages in
 * browsers and CDNs (five minutes at most) may still ask for it; the first publish after that
 * deletes it. Only objects listed in the manifest are ever deleted, never others in the bucket.
 */
import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
import { MorningPostError } from '../core/errors.js';
import { SUBJECT_SECTIONS } from '../core/subjects.js';
import type { SiteFile } from '../renderers/index.js';
import { contentTypeFor } from '../server/content-types.js';
import { CACHE_NONE, cacheControlFor } from '../server/headers.js';

export const MANIFEST_NAME = '.morning-post-manifest.json';
const MANIFEST_FORMAT = 'morning-post/s3-manifest@1';
/** How long a path that left the site is kept in the bucket. */
export const RETIRE_AFTER_MS = 24 * 60 * 60 * 1000;
/** Uploads in flight at once within a wave. */
const DEFAULT_CONCURRENCY = 8;

/** Read last, so the reader's first stop lists only what is already there. */
const ENTRY_POINTS = new Set([
  'index.html',
  'feed.xml',
  'atom.xml',
  'feed.json',
  'sitemap.xml',
  'robots.txt',
]);
const EDITION_FOLDER = /^editions\/(\d{4}-\d{2}-\d{2})\//;
/** Subject pages (pipeline/subjects): up before the editions that link to them. */
const SUBJECT_FOLDER = new RegExp(`^(${[...Object.values(SUBJECT_SECTIONS), 'authors'].join('|')})/`);

export interface BucketTarget {
  bucket: string;
  /** '' or a key prefix ending in `/`. */
  prefix: string;
}

/** `s3://bucket` or `s3://bucket/some/prefix` (the config schema has checked the shape). */
export function parseBucketUrl(url: string): BucketTarget {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match?.[1]) throw new MorningPostError('CONFIG_INVALID', `Not an s3:// address: ${url}`);
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: match[1], prefix: prefix === '' ? '' : `${prefix}/` };
}

const ManifestEntrySchema = z.object({
  sha256: z.string(),
  contentType: z.string(),
  cacheControl: z.string(),
  /** When the path left the site (ISO time); deleted from the bucket a day later. */
  retiredAt: z.string().optional(),
});
type ManifestEntry = z.infer<typeof ManifestEntrySchema>;
const ManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  objects: z.record(z.string(), ManifestEntrySchema),
});

/**
 * Files of the site that this publish did not render again (unchanged subject pages): still part
 * of the site, so never retired; read from the folder only when the bucket lacks them.
 */
export interface KeptFiles {
  paths: readonly string[];
  /** Those of `paths` this publish wrote anew: read and compared with the manifest, like `files`. */
  written: ReadonlySet<string>;
  read: (path: string) => Buffer;
}

export interface UploadOptions {
  /** `s3://bucket/prefix`. */
  target: string;
  client: S3Client;
  concurrency?: number;
  now?: () => Date;
  kept?: KeptFiles;
}

export interface UploadResult {
  target: string;
  /** Site paths uploaded, in the order their uploads finished. */
  uploaded: string[];
  unchanged: number;
  /** Site paths deleted from the bucket (left the site over a day ago). */
  deleted: string[];
  bytes: number;
}

interface Upload {
  path: string;
  body: Buffer;
  entry: ManifestEntry;
}

/**
 * The waves a set of site paths goes up in, each finished before the next: assets, each edition
 * folder newest first, other pages, entry points. Empty waves are left out.
 */
export function uploadWaves(paths: readonly string[]): string[][] {
  const assets: string[] = [];
  const subjects: string[] = [];
  const editions = new Map<string, string[]>();
  const pages: string[] = [];
  const entries: string[] = [];
  for (const path of paths) {
    const date = EDITION_FOLDER.exec(path)?.[1];
    if (ENTRY_POINTS.has(path)) entries.push(path);
    else if (path.startsWith('assets/')) assets.push(path);
    else if (SUBJECT_FOLDER.test(path)) subjects.push(path);
    else if (date) editions.set(date, [...(editions.get(date) ?? []), path]);
    else pages.push(path);
  }
  const byDate = [...editions.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([, p]) => p);
  return [assets, subjects, ...byDate, pages, entries].filter((wave) => wave.length > 0);
}

/** What `morning-post serve` would send for this path, and the body's hash. */
export function objectHeaders(path: string, body: Buffer): ManifestEntry {
  return {
    sha256: createHash('sha256').update(body).digest('hex'),
    contentType: contentTypeFor(path),
    cacheControl: cacheControlFor(`/${path}`),
  };
}

export async function uploadSite(files: readonly SiteFile[], options: UploadOptions): Promise<UploadResult> {
  const { bucket, prefix } = parseBucketUrl(options.target);
  const { client } = options;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const where = `s3://${bucket}/${prefix}`;
  const fail = (error: unknown, doing?: string) => uploadError(where, bucket, error, doing);

  const previous = await readManifest(client, bucket, prefix, where);
  const manifest: Record<string, ManifestEntry> = {};
  const uploads = new Map<string, Upload>();
  const rendered = new Set(files.map((file) => file.path));
  const current = [...files.map((file) => file.path), ...(options.kept?.paths ?? [])];
  for (const path of options.kept?.paths ?? []) {
    if (rendered.has(path)) continue;
    const old = previous[path];
    const kept = options.kept as KeptFiles;
    if (old && !old.retiredAt && !kept.written.has(path)) {
      // The bucket has it, as the manifest says; it was not rendered again, so it did not change.
      manifest[path] = old;
      continue;
    }
    const body = kept.read(path);
    const entry = objectHeaders(path, body);
    if (old && !old.retiredAt) manifest[path] = old;
    if (!old || old.retiredAt || !sameObject(old, entry)) uploads.set(path, { path, body, entry });
  }
  for (const file of files) {
    const body = Buffer.from(file.body);
    const entry = objectHeaders(file.path, body);
    const old = previous[file.path];
    if (old && !old.retiredAt && sameObject(old, entry)) manifest[file.path] = old;
    else {
      uploads.set(file.path, { path: file.path, body, entry });
      // Until it is uploaded, what the bucket holds is the old object (or none).
      if (old && !old.retiredAt) manifest[file.path] = old;
    }
  }

  const uploaded: string[] = [];
  let bytes = 0;
  const put = async ({ path, body, entry }: Upload) => {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: prefix + path,
        Body: body,
        ContentType: entry.contentType,
        CacheControl: entry.cacheControl,
        Metadata: { sha256: entry.sha256 },
      }),
    );
    manifest[path] = entry;
    uploaded.push(path);
    bytes += body.length;
  };

  try {
    for (const wave of uploadWaves([...uploads.keys()])) {
      await forEachLimited(
        wave.map((path) => uploads.get(path) as Upload),
        concurrency,
        put,
        (upload) => prefix + upload.path,
      );
    }
  } catch (error) {
    // What did arrive is recorded, so the next publish uploads only the rest.
    await writeManifest(client, bucket, prefix, {
      ...retiredEntries(previous, current, now()),
      ...manifest,
    }).catch(() => undefined);
    throw fail(error);
  }

  // Paths that left the site: kept a day for pages still cached elsewhere, then deleted.
  const retired = retiredEntries(previous, current, now());
  const due = Object.entries(retired)
    .filter(([, entry]) => now().getTime() - Date.parse(entry.retiredAt ?? '') >= RETIRE_AFTER_MS)
    .map(([path]) => path);
  if (due.length > 0) {
    try {
      await deleteObjects(client, bucket, prefix, due);
    } catch (error) {
      throw fail(error, 'deleting');
    }
    for (const path of due) delete retired[path];
  }
  const next = { ...retired, ...manifest };
  // Nothing uploaded, deleted or retired: the bucket is untouched, not even the manifest.
  if (manifestJson(next) !== manifestJson(previous)) {
    try {
      await writeManifest(client, bucket, prefix, next);
    } catch (error) {
      throw fail(withKey(error, prefix + MANIFEST_NAME));
    }
  }
  return { target: where, uploaded, unchanged: new Set(current).size - uploads.size, deleted: due, bytes };
}

function sameObject(a: ManifestEntry, b: ManifestEntry): boolean {
  return a.sha256 === b.sha256 && a.contentType === b.contentType && a.cacheControl === b.cacheControl;
}

/** Entries of the old manifest whose path this site no longer has, each with when it left. */
function retiredEntries(
  previous: Record<string, ManifestEntry>,
  paths: readonly string[],
  now: Date,
): Record<string, ManifestEntry> {
  const current = new Set(paths);
  const retired: Record<string, ManifestEntry> = {};
  for (const [path, entry] of Object.entries(previous)) {
    if (current.has(path)) continue;
    retired[path] = { ...entry, retiredAt: entry.retiredAt ?? now.toISOString() };
  }
  return retired;
}

async function readManifest(
  client: S3Client,
  bucket: string,
  prefix: string,
  where: string,
): Promise<Record<string, ManifestEntry>> {
  let text: string;
  try {
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + MANIFEST_NAME }));
    text = (await answer.Body?.transformToString('utf8')) ?? '';
  } catch (error) {
    if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.name === 'NoSuchKey'))
      return {};
    throw uploadError(where, bucket, withKey(error, prefix + MANIFEST_NAME), 'reading');
  }
  // A manifest we cannot read only costs a full upload.
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.objects : {};
  } catch {
    return {};
  }
}

/** The manifest's text: paths sorted, each entry's fields in one order. */
function manifestJson(objects: Record<string, ManifestEntry>): string {
  const sorted = Object.entries(objects)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, { sha256, contentType, cacheControl, retiredAt }]) => [
      path,
      { sha256, contentType, cacheControl, ...(retiredAt ? { retiredAt } : {}) },
    ]);
  return `${JSON.stringify({ format: MANIFEST_FORMAT, objects: Object.fromEntries(sorted) }, null, 1)}\n`;
}

async function writeManifest(
  client: S3Client,
  bucket: string,
  prefix: string,
  objects: Record<string, ManifestEntry>,
): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: prefix + MANIFEST_NAME,
      Body: manifestJson(objects),
      ContentType: 'application/json; charset=utf-8',
      CacheControl: CACHE_NONE,
    }),
  );
}

/**
 * One DELETE per key, one at a time: few keys leave a site, every S3-compatible server has this
 * call, and some (s3rver, a folder per prefix) trip over concurrent deletes in one folder.
 */
async function deleteObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  paths: string[],
): Promise<void> {
  for (const path of paths) {
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix + path }));
    } catch (error) {
      throw withKey(error, prefix + path);
    }
  }
}

/** The key an S3 call failed on travels with its error to the message. */
class KeyedError extends Error {
  constructor(
    readonly key: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

function withKey(error: unknown, key: string): KeyedError {
  return error instanceof KeyedError ? error : new KeyedError(key, error);
}

/**
 * One line naming the bucket and key and what S3 said. SDK errors carry the service's code and
 * message, never the request's signature or credentials.
 */
function uploadError(where: string, bucket: string, error: unknown, doing = 'uploading'): MorningPostError {
  const key = error instanceof KeyedError ? error.key : undefined;
  const cause = error instanceof KeyedError ? error.cause : error;
  const name = cause instanceof Error && cause.name !== 'Error' ? `${cause.name}: ` : '';
  const said = cause instanceof Error ? cause.message || 'no message' : String(cause);
  const status =
    cause instanceof S3ServiceException && cause.$metadata.httpStatusCode
      ? ` (HTTP ${cause.$metadata.httpStatusCode})`
      : '';
  return new MorningPostError(
    'PUBLISH_FAILED',
    `Publishing the site to ${where} failed ${doing}${key ? ` s3://${bucket}/${key}` : ''}: ${name}${said}${status}`,
    {
      hint: 'Check that the bucket exists and that AWS_REGION, AWS_ENDPOINT_URL_S3 and the credentials allow writing to it; the next publish uploads only what is missing.',
      retryable: true,
      cause,
    },
  );
}

/**
 * `fn` over `items`, at most `limit` at once. The first failure stops new calls; those in flight
 * finish (and are recorded) before it is thrown, with the key it failed on.
 */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  keyOf: (item: T) => string,
): Promise<void> {
  let next = 0;
  let failure: KeyedError | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failure ??= withKey(error, keyOf(item));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure;
}

/**
 * A client from the standard AWS settings: region, credentials and endpoint through the SDK's
 * default chains (AWS_REGION, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profiles, instance roles;
 * AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, which the SDK reads itself). With an endpoint of its
 * own (MinIO, R2, s3rver) the bucket goes in the path: such servers rarely have a DNS name per
 * bucket.
 */
export function s3ClientFromEnvironment(env: NodeJS.ProcessEnv = process.env): S3Client {
  const customEndpoint = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  return new S3Client({ forcePathStyle: customEndpoint });
}
