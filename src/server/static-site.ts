/**
 * @module server/static-site
 * Serves the rendered site folder: index resolution, directory redirects, the 404 page,
 * compression by Accept-Encoding, validators and conditional GET.
 *
 * The common request, a file already in memory and unchanged on disk, takes one path: the URL
 * path's remembered location, a stat to see the file is still the one cached (at most one per
 * path per event-loop turn), the encoding for this Accept-Encoding (parsed once per distinct
 * header), the conditional check, then `writeHead` with headers prepared once for that version
 * and encoding, and `end` with its bytes. Anything else (first sight, a changed file, a variant
 * not made yet, redirects, 404, 406, large files) goes the slow way, which resolves the path
 * afresh.
 */
import { type Stats, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { FileStore, FileVersion, LargeFile, Prepared } from './file-store.js';
import { CACHE_NONE, CACHE_PAGE, cacheControlFor } from './headers.js';
import { type Encoding, negotiateEncodingCached } from './negotiate.js';
import { encodePath, type RequestTarget } from './request-target.js';
import { sendText } from './respond.js';
import { entityTag, isNotModified } from './validators.js';

/** Below about one packet, compression saves nothing worth its header and CPU. */
export const COMPRESS_MIN_BYTES = 1024;

/** Where a URL path was found last time: checked by one stat before the cached bytes are sent. */
interface Remembered {
  /** The real path: the file store's key. */
  path: string;
  /** The path as asked for; its stat follows symlinks swapped since. */
  requested: string;
  cacheControl: string;
  /** The event-loop turn in which a stat last found the cached version current. */
  checkedIn: number;
}

/**
 * Requests read in one event-loop turn arrived together, so a stat made for one of them answers
 * for the others: under load that turns a stat per request (3–4 µs, a tenth of what Node's HTTP
 * stack costs per request) into one per turn. A file renamed into place is seen by the first
 * request of the next turn; one read in the same turn as the rename gets the old bytes, as if it
 * had come a moment earlier. The counter moves on in the check phase after the turn's I/O.
 */
let turn = 0;
let turnEnding = false;

function currentTurn(): number {
  if (!turnEnding) {
    turnEnding = true;
    setImmediate(endTurn);
  }
  return turn;
}

function endTurn(): void {
  turn++;
  turnEnding = false;
}

/** URL paths remembered; past this many the memory starts over (aliases and typos cannot grow it). */
const MAX_REMEMBERED_PATHS = 20_000;

export class StaticSite {
  readonly #files: FileStore;
  readonly #security: ReadonlyArray<readonly [string, string]>;
  readonly #securityFlat: readonly string[];
  readonly #paths = new Map<string, Remembered>();

  constructor(files: FileStore, security: ReadonlyArray<readonly [string, string]>) {
    this.#files = files;
    this.#security = security;
    this.#securityFlat = security.flat();
  }

  /** Answers a GET or HEAD; the security headers are part of every answer. */
  serve(req: IncomingMessage, res: ServerResponse, target: RequestTarget): void | Promise<void> {
    const remembered = this.#paths.get(target.pathname);
    if (remembered !== undefined) {
      const now = currentTurn();
      let file: FileVersion | undefined;
      // Checked this turn: the cached version is that one, or one read since, newer still.
      if (remembered.checkedIn === now) file = this.#files.cached(remembered.path);
      else {
        file = this.#files.current(remembered.path, statOrUndefined(remembered.requested));
        if (file !== undefined) remembered.checkedIn = now;
      }
      if (file !== undefined) {
        const encoding = negotiateEncodingCached(req.headers['accept-encoding'], worthCompressing(file));
        const prepared =
          encoding === null ? undefined : this.#prepared(file, remembered.cacheControl, encoding);
        if (prepared !== undefined) return answer(req, res, file, prepared);
      }
    }
    return this.#serveSlowly(req, res, target);
  }

  async #serveSlowly(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> {
    const found = this.#files.lookup(target.segments, target.trailingSlash || target.segments.length === 0);
    if (found.kind !== 'file') this.#paths.delete(target.pathname);
    if (found.kind === 'directory') {
      this.#secure(res);
      sendText(res, 301, 'Moved Permanently\n', {
        // A query with bytes a header cannot carry is dropped rather than failing the redirect.
        Location:
          encodePath(target.segments, true) + (/^[\x21-\x7e]*$/.test(target.search) ? target.search : ''),
        'Cache-Control': CACHE_PAGE,
      });
      return;
    }
    if (found.kind === 'missing') return this.#serveNotFound(req, res);
    const file = await this.#files.read(found.path, found.stats);
    const cacheControl = cacheControlFor(target.pathname);
    if (file.kind === 'large') {
      this.#secure(res);
      return serveLarge(req, res, file, cacheControl);
    }
    if (this.#paths.size >= MAX_REMEMBERED_PATHS) this.#paths.clear();
    // The stat of this turn was of the real path, not the path asked for: the next request stats.
    this.#paths.set(target.pathname, {
      path: found.path,
      requested: found.requested,
      cacheControl,
      checkedIn: -1,
    });
    const encoding = await this.#negotiate(req, res, file);
    if (encoding === undefined) return;
    answer(req, res, file, this.#prepared(file, cacheControl, encoding) ?? missingVariant());
  }

  /**
   * The body and header lists for one version, cache policy and negotiated encoding, made on first
   * use; undefined while that encoding's variant has not been made yet.
   */
  #prepared(file: FileVersion, cacheControl: string, encoding: Encoding): Prepared | undefined {
    let forPolicy = file.prepared.get(cacheControl);
    if (forPolicy === undefined) {
      forPolicy = {};
      file.prepared.set(cacheControl, forPolicy);
    }
    const made = forPolicy[encoding];
    if (made !== undefined) return made;
    const body = bodyIfReady(file, encoding);
    if (body === undefined) return undefined;
    const etag = entityTag(file.hash, body.encoding);
    const vary = varyOf(file, body.encoding);
    const validators = ['ETag', etag, 'Last-Modified', file.lastModified, 'Cache-Control', cacheControl];
    const prepared: Prepared = {
      body: body.body,
      etag,
      ok: [...representation(file, body), ...vary, ...validators, ...this.#securityFlat],
      notModified: [...vary, ...validators, ...this.#securityFlat],
    };
    forPolicy[encoding] = prepared;
    return prepared;
  }

  /** 404 with the site's own 404.html when it has one; never cached, no validators. */
  async #serveNotFound(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const page = this.#files.lookup(['404.html'], false);
    const file = page.kind === 'file' ? await this.#files.read(page.path, page.stats) : undefined;
    if (file?.kind === 'large') await file.handle.close();
    if (file?.kind !== 'file') {
      this.#secure(res);
      sendText(res, 404, 'Not Found\n');
      return;
    }
    const encoding = await this.#negotiate(req, res, file);
    if (encoding === undefined) return;
    let forNotFound = file.prepared.get(NOT_FOUND);
    if (forNotFound === undefined) {
      forNotFound = {};
      file.prepared.set(NOT_FOUND, forNotFound);
    }
    let prepared = forNotFound[encoding];
    if (prepared === undefined) {
      const body = bodyIfReady(file, encoding) ?? missingVariant();
      prepared = {
        body: body.body,
        etag: '',
        ok: [
          ...representation(file, body),
          ...varyOf(file, body.encoding),
          'Cache-Control',
          CACHE_NONE,
          ...this.#securityFlat,
        ],
        notModified: [],
      };
      forNotFound[encoding] = prepared;
    }
    res.writeHead(404, prepared.ok);
    res.end(prepared.body);
  }

  /**
   * The encoding to answer in, its variant made; undefined after answering 406 when the client
   * accepts nothing we have.
   */
  async #negotiate(
    req: IncomingMessage,
    res: ServerResponse,
    file: FileVersion,
  ): Promise<Encoding | undefined> {
    const wanted = negotiateEncodingCached(req.headers['accept-encoding'], worthCompressing(file));
    if (!wanted) {
      this.#secure(res);
      if (file.compressible) res.setHeader('Vary', 'Accept-Encoding');
      sendText(res, 406, 'Not Acceptable: no acceptable content coding\n');
      return undefined;
    }
    await this.#files.encode(file, wanted);
    return wanted;
  }

  #secure(res: ServerResponse): void {
    for (const [name, value] of this.#security) res.setHeader(name, value);
  }
}

/** The key of the 404 page's header lists among a version's prepared ones. */
const NOT_FOUND = '404';

/** Sends a prepared answer: 304 when the client's copy is current, else 200 with the body. */
function answer(req: IncomingMessage, res: ServerResponse, file: FileVersion, prepared: Prepared): void {
  if (isNotModified(req.headers, prepared.etag, file.mtimeMs)) {
    res.writeHead(304, prepared.notModified);
    res.end();
    return;
  }
  // Node sends no body for HEAD; Content-Length still tells its size.
  res.writeHead(200, prepared.ok);
  res.end(prepared.body);
}

function worthCompressing(file: FileVersion): boolean {
  return file.compressible && file.body.length > COMPRESS_MIN_BYTES;
}

/** The body in `encoding` when it is at hand (identity when compressing did not help), else undefined. */
function bodyIfReady(
  file: FileVersion,
  encoding: Encoding,
): { encoding: Encoding; body: Buffer } | undefined {
  if (encoding === 'identity') return { encoding, body: file.body };
  const variant = file.variants[encoding];
  if (variant === undefined) return undefined;
  return variant === null ? { encoding: 'identity', body: file.body } : { encoding, body: variant };
}

/** `FileStore.encode` has just made the variant, so this cannot happen. */
function missingVariant(): never {
  throw new Error('the compressed variant was not made');
}

function representation(file: FileVersion, body: { encoding: Encoding; body: Buffer }): string[] {
  const headers = ['Content-Type', file.contentType, 'Content-Length', String(body.body.length)];
  if (body.encoding !== 'identity') headers.push('Content-Encoding', body.encoding);
  return headers;
}

/** Compressible files vary by Accept-Encoding even when sent plain; anything sent compressed does. */
function varyOf(file: FileVersion, encoding: Encoding): string[] {
  return file.compressible || encoding !== 'identity' ? ['Vary', 'Accept-Encoding'] : [];
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Files too big to cache are streamed as they are. Hashing them per request would cost a full
 * read, so the tag comes from inode, size and mtime: publishing renames new files into place,
 * which changes the inode, so the tag still changes whenever the bytes do.
 */
async function serveLarge(req: IncomingMessage, res: ServerResponse, file: LargeFile, cacheControl: string) {
  let streaming = false;
  try {
    const { ino, size, mtimeMs } = file.stats;
    const etag = `"${ino.toString(36)}-${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', new Date(mtimeMs).toUTCString());
    res.setHeader('Cache-Control', cacheControl);
    if (isNotModified(req.headers, etag, mtimeMs)) {
      res.writeHead(304);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    streaming = true;
    // The stream closes the handle when it ends or fails; a client hanging up is not our error.
    await pipeline(file.handle.createReadStream(), res).catch(() => res.destroy());
  } finally {
    if (!streaming) await file.handle.close();
  }
}
