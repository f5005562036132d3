/**
 * @module server/file-store
 * Finds files inside the site folder and keeps their bytes and compressed variants in a bounded
 * in-memory cache keyed by path, inode, size and mtime. The site is re-published by writing new
 * files and renaming them into place, so a key never describes two contents, and bytes are read
 * from the same open file whose stat made the key: a half-written file is never served.
 */
import { realpathSync, type Stats, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ByteLru } from './byte-lru.js';
import { contentTypeFor } from './content-types.js';
import type { Encoding } from './negotiate.js';
import { contentHash } from './validators.js';

export interface FileVersion {
  kind: 'file';
  key: string;
  body: Buffer;
  hash: string;
  mtimeMs: number;
  /** The HTTP date of mtimeMs, formatted once. */
  lastModified: string;
  contentType: string;
}

/** A file too big to hold in memory: streamed from this handle, which the caller must close. */
export interface LargeFile {
  kind: 'large';
  handle: FileHandle;
  stats: Stats;
  contentType: string;
}

interface Variant {
  kind: 'variant';
  /** null when compression did not make the body smaller. */
  body: Buffer | null;
}

export type Lookup =
  | { kind: 'file'; path: string; stats: Stats }
  | { kind: 'directory' }
  | { kind: 'missing' };

export interface FileStoreOptions {
  siteDir: string;
  /** Budget for cached bodies and compressed variants together. */
  cacheBytes?: number;
  /** Larger files are streamed, uncompressed, instead of cached; default min(4 MiB, cacheBytes / 4). */
  maxCachedFileBytes?: number;
}

const NOT_THERE = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EACCES', 'EPERM']);
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export class FileStore {
  readonly #siteDir: string;
  readonly #maxCachedFileBytes: number;
  readonly #cache: ByteLru<FileVersion | Variant>;
  readonly #compressing = new Map<string, Promise<Buffer | null>>();

  constructor(options: FileStoreOptions) {
    this.#siteDir = options.siteDir;
    const cacheBytes = options.cacheBytes ?? 64 * 1024 * 1024;
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
    const relative = index ? [...segments, 'index.html'] : [...segments];
    try {
      // Synchronous on purpose: these are metadata calls on a local folder, microseconds each,
      // cheaper than a thread-pool round trip (measured: half the CPU per request); nginx
      // makes the same blocking calls. The root is resolved per request too: deployments may
      // swap it as a symlink.
      const root = realpathSync.native(this.#siteDir);
      const real = realpathSync.native(join(this.#siteDir, ...relative));
      if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) return { kind: 'missing' };
      const stats = statSync(real);
      if (stats.isFile()) return { kind: 'file', path: real, stats };
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

  /** The file's bytes, from the cache when `stats` still describes them. */
  async read(path: string, stats: Stats): Promise<FileVersion | LargeFile> {
    const cached = this.#cache.get(versionKey(path, stats));
    if (cached?.kind === 'file') return cached;
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
      const key = versionKey(path, fresh);
      const version: FileVersion = {
        kind: 'file',
        key,
        body,
        hash: contentHash(body),
        mtimeMs: fresh.mtimeMs,
        lastModified: new Date(fresh.mtimeMs).toUTCString(),
        contentType,
      };
      this.#cache.set(key, version, body.length);
      return version;
    } finally {
      if (!keepOpen) await handle.close();
    }
  }

  /** The body in `encoding`, compressed once per file version; identity when that is no smaller. */
  async encode(version: FileVersion, encoding: Encoding): Promise<{ encoding: Encoding; body: Buffer }> {
    if (encoding === 'identity') return { encoding, body: version.body };
    const key = `${version.key}\0${encoding}`;
    const cached = this.#cache.get(key);
    let body: Buffer | null;
    if (cached?.kind === 'variant') body = cached.body;
    else {
      let pending = this.#compressing.get(key);
      if (!pending) {
        pending = compress(version.body, encoding).then((compressed) =>
          compressed.length < version.body.length ? compressed : null,
        );
        this.#compressing.set(key, pending);
        pending.then(
          (result) => this.#cache.set(key, { kind: 'variant', body: result }, result?.length ?? 64),
          () => {},
        );
        pending.finally(() => this.#compressing.delete(key)).catch(() => {});
      }
      body = await pending;
    }
    return body ? { encoding, body } : { encoding: 'identity', body: version.body };
  }
}

function versionKey(path: string, stats: Stats): string {
  return `${path}\0${stats.ino}\0${stats.size}\0${stats.mtimeMs}`;
}

// Variants are made once per file version, so the slowest, smallest settings pay off.
function compress(body: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: 9 });
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}
