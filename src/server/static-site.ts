/**
 * @module server/static-site
 * Serves the rendered site folder: index resolution, directory redirects, the 404 page,
 * compression by Accept-Encoding, validators and conditional GET.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isCompressible } from './content-types.js';
import type { FileStore, FileVersion, LargeFile } from './file-store.js';
import { CACHE_NONE, CACHE_PAGE, cacheControlFor } from './headers.js';
import { negotiateEncoding } from './negotiate.js';
import { encodePath, type RequestTarget } from './request-target.js';
import { send, sendText } from './respond.js';
import { entityTag, isNotModified } from './validators.js';

/** Below about one packet, compression saves nothing worth its header and CPU. */
export const COMPRESS_MIN_BYTES = 1024;

export async function serveStatic(
  files: FileStore,
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
): Promise<void> {
  const found = files.lookup(target.segments, target.trailingSlash || target.segments.length === 0);
  if (found.kind === 'directory') {
    sendText(res, 301, 'Moved Permanently\n', {
      // A query with bytes a header cannot carry is dropped rather than failing the redirect.
      Location:
        encodePath(target.segments, true) + (/^[\x21-\x7e]*$/.test(target.search) ? target.search : ''),
      'Cache-Control': CACHE_PAGE,
    });
    return;
  }
  if (found.kind === 'missing') return serveNotFound(files, req, res);
  const file = await files.read(found.path, found.stats);
  if (file.kind === 'large') return serveLarge(req, res, file, cacheControlFor(target.pathname));
  const body = await negotiateBody(files, req, res, file);
  if (!body) return;
  const etag = entityTag(file.hash, body.encoding);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', file.lastModified);
  res.setHeader('Cache-Control', cacheControlFor(target.pathname));
  if (isNotModified(req.headers, etag, file.mtimeMs)) {
    res.writeHead(304);
    res.end();
    return;
  }
  send(res, 200, body.body, bodyHeaders(file, body.encoding));
}

/** 404 with the site's own 404.html when it has one; never cached, no validators. */
export async function serveNotFound(
  files: FileStore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const page = files.lookup(['404.html'], false);
  const file = page.kind === 'file' ? await files.read(page.path, page.stats) : undefined;
  if (file?.kind === 'large') await file.handle.close();
  if (file?.kind !== 'file') {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  const body = await negotiateBody(files, req, res, file);
  if (!body) return;
  send(res, 404, body.body, { ...bodyHeaders(file, body.encoding), 'Cache-Control': CACHE_NONE });
}

/** The body in the best acceptable encoding, or undefined after answering 406. */
async function negotiateBody(files: FileStore, req: IncomingMessage, res: ServerResponse, file: FileVersion) {
  const compressible = isCompressible(file.contentType);
  const worth = compressible && file.body.length > COMPRESS_MIN_BYTES;
  const wanted = negotiateEncoding(req.headers['accept-encoding'], worth);
  if (compressible) res.setHeader('Vary', 'Accept-Encoding');
  if (!wanted) {
    sendText(res, 406, 'Not Acceptable: no acceptable content coding\n');
    return undefined;
  }
  const body = await files.encode(file, wanted);
  if (body.encoding !== 'identity') res.setHeader('Vary', 'Accept-Encoding');
  return body;
}

function bodyHeaders(file: FileVersion, encoding: string): Record<string, string> {
  return encoding === 'identity'
    ? { 'Content-Type': file.contentType }
    : { 'Content-Type': file.contentType, 'Content-Encoding': encoding };
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
