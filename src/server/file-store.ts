/**
 * @module server/file-store
 * Finds files inside the site folder and keeps their bytes and compressed variants in a bounded
 * in-memory cache keyed by real path, each entry remembering the device, inode, size and mtime it
 * was read with. The site is re-published by writing new files and renaming them into place, so
 * an entry whose identity still matches a fresh stat holds the current bytes, and bytes are read
 * from the same open file whose stat made the identity: a half-written file is never served.
 */
import { realpathSync, type Stats, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { ByteLru } from './byte-lru.js';
import { contentTypeFor, isCompressible } from './content-types.js';
import type { Encoding } from './negotiate.js';
import { type Coding, compress, decodesTo, VARIANTS } from './precompressed.js';
import { contentHash } from './validators.js';

export interface FileVersion {
  kind: 'file';
  /** The real path (symlinks resolved): the cache key. */
  path: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  body: Buffer;
  hash: string;
  /** The HTTP date of mtimeMs, formatted once. */
  lastModified: string;
  contentType: string;
  compressible: boolean;
  /**
   * Compressed bodies: a Buffer once made or loaded from a verified `.br`/`.gz` beside the file,
   * null when compression did not make the body smaller, absent until first wanted.
   */
  variants: Partial<Record<Coding, Buffer | null>>;
  /**
   * Answers prepared once by the server, by cache policy (or the 404 page's key) and negotiated
   * encoding: they hold the body and its header lists.
   */
  prepared: Map<string, Partial<Record<Encoding, Prepared>>>;
}

/** One answer ready to send: the body and the header lists `res.writeHead` takes (name, value, …). */
export interface Prepared {
  body: Buffer;
  etag: string;
  ok: string[];
  notModified: string[];
}

/** A file too big to hold in memory: streamed from this handle, which the caller must close. */
export interface LargeFile {
  kind: 'large';
  handle: FileHandle;
  stats: Stats;
  contentType: string;
}

export type Lookup =
  | {
      kind: 'file';
      /** The real path, inside the site folder. */
      path: string;
      /** The path as asked for (site folder + segments): a stat of it follows any swapped symlink. */
      requested: string;
      stats: Stats;
    }
  | { kind: 'directory' }
  | { kind: 'missing' };

export interface FileStoreOptions {
  siteDir: string;
  /** Budget for cached bodies and compressed variants together; 64 MiB by default. */
  cacheBytes?: number;
  /** Larger files are streamed, uncompressed, instead of cached; default min(4 MiB, cacheBytes / 4). */
  maxCachedFileBytes?: number;
}

export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
const NOT_THERE = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EACCES', 'EPERM']);

export class FileStore {
  readonly #siteDir: string;
  readonly #maxCachedFileBytes: number;
  readonly #cache: ByteLru<FileVersion>;
  readonly #compressing = new Map<string, Promise<Buffer | null>>();

  constructor(options: FileStoreOptions) {
    this.#siteDir = options.siteDir;
    const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
    this.#cache = new ByteLru(cacheBytes);
    // One file may take a quarter of the budget at most, so a few big ones cannot flush the rest.
    this.#maxCachedFileBytes = options.maxCachedFileBytes ?? Math.min(4 * 1024 * 1024, cacheBytes / 4);
  }

  get cachedBytes(): number {
    return this.#cache.bytes;
  }

  /**
   * Where `segments` lead: a regular file whose real path (symlinks resolved) lies inside the site
   * folder, a directory with an index (the caller redirects), or nothing. Hidden names are never
   * served, except `.well-known`.
   */
  lookup(segments: readonly string[], index: boolean): Lookup {
    if (segments.some((segment) => segment.startsWith('.') && segment !== '.well-known')) {
      return { kind: 'missing' };
    }
    const requested = join(this.#siteDir, ...segments, ...(index ? ['index.html'] : []));
    try {
      // Synchronous on purpose: these are metadata calls on a local folder, microseconds each,
      // cheaper than a thread-pool round trip (measured: half the CPU per request); nginx
      // makes the same blocking calls. The root is resolved per lookup too: deployments may
      // swap it as a symlink.
      const root = realpathSync.native(this.#siteDir);
      const real = realpathSync.native(requested);
      if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) return { kind: 'missing' };
      const stats = statSync(real);
      if (stats.isFile()) return { kind: 'file', path: real, requested, stats };
      if (!index && stats.isDirectory()) {
        const indexStats = statSync(join(real, 'index.html'));
        if (indexStats.isFile()) return { kind: 'directory' };
      }
      return { kind: 'missing' };
    } catch (error) {
      if (NOT_THERE.has((error as NodeJS.ErrnoException).code ?? '')) return { kind: 'missing' };
      throw error;
    }
  }

  /** The cached version of the file at real path `path`, unchecked. */
  cached(path: string): FileVersion | undefined {
    return this.#cache.get(path);
  }

  /** The cached version of the file at real path `path` when `stats` (fresh) still describe it. */
  current(path: string, stats: Stats | undefined): FileVersion | undefined {
    if (stats === undefined) return undefined;
    const cached = this.#cache.get(path);
    return cached && sameFile(cached, stats) ? cached : undefined;
  }

  /**
   * The file's bytes, from the cache when `stats` still describes them; otherwise read, with the
   * `.br` and `.gz` variants beside it when they decode to the same bytes.
   */
  async read(path: string, stats: Stats): Promise<FileVersion | LargeFile> {
    const cached = this.current(path, stats);
    if (cached) return cached;
    const handle = await open(path, 'r');
    let keepOpen = false;
    try {
      const fresh = await handle.stat();
      const contentType = contentTypeFor(path);
      if (fresh.size > this.#maxCachedFileBytes) {
        keepOpen = true;
        return { kind: 'large', handle, stats: fresh, contentType };
      }
      const body = await handle.readFile();
      const compressible = isCompressible(contentType);
      const version: FileVersion = {
        kind: 'file',
        path,
        dev: fresh.dev,
        ino: fresh.ino,
        size: fresh.size,
        mtimeMs: fresh.mtimeMs,
        body,
        hash: contentHash(body),
        lastModified: new Date(fresh.mtimeMs).toUTCString(),
        contentType,
        compressible,
        variants: compressible ? await readVariants(path, body) : {},
        prepared: new Map(),
      };
      this.#cache.set(path, version, versionBytes(version));
      return version;
    } finally {
      if (!keepOpen) await handle.close();
    }
  }

  /** The body in `encoding`, compressed once per file version; identity when that is no smaller. */
  async encode(version: FileVersion, encoding: Encoding): Promise<{ encoding: Encoding; body: Buffer }> {
    if (encoding === 'identity') return { encoding, body: version.body };
    let body = version.variants[encoding];
    if (body === undefined) {
      const key = `${version.path}\0${version.ino}\0${version.mtimeMs}\0${encoding}`;
      let pending = this.#compressing.get(key);
      if (!pending) {
        pending = compress(version.body, encoding).then((compressed) =>
          compressed.length < version.body.length ? compressed : null,
        );
        this.#compressing.set(key, pending);
        pending.then(
          (result) => {
            version.variants[encoding] = result;
            // Re-counted only while this version is the cached one; a replaced one is garbage.
            if (this.#cache.get(version.path) === version)
              this.#cache.set(version.path, version, versionBytes(version));
          },
          () => {},
        );
        pending.finally(() => this.#compressing.delete(key)).catch(() => {});
      }
      body = await pending;
    }
    return body ? { encoding, body } : { encoding: 'identity', body: version.body };
  }
}

export function sameFile(version: FileVersion, stats: Stats): boolean {
  return (
    version.ino === stats.ino &&
    version.mtimeMs === stats.mtimeMs &&
    version.size === stats.size &&
    version.dev === stats.dev
  );
}

function versionBytes(version: FileVersion): number {
  let bytes = version.body.length;
  for (const variant of Object.values(version.variants)) bytes += variant?.length ?? 0;
  return bytes;
}

/** The variants beside `path` that are smaller than `body` and decode to it. */
async function readVariants(path: string, body: Buffer): Promise<Partial<Record<Coding, Buffer | null>>> {
  const variants: Partial<Record<Coding, Buffer | null>> = {};
  await Promise.all(
    VARIANTS.map(async ({ coding, suffix }) => {
      const bytes = await readSmallFile(`${path}${suffix}`, body.length);
      if (bytes && (await decodesTo(bytes, coding, body))) variants[coding] = bytes;
    }),
  );
  return variants;
}

/** A regular file's bytes when it exists and is smaller than `limit`; otherwise undefined. */
async function readSmallFile(path: string, limit: number): Promise<Buffer | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const stats = await handle.stat();
    return stats.isFile() && stats.size < limit ? await handle.readFile() : undefined;
  } finally {
    await handle.close();
  }
}
