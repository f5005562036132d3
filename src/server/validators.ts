/**
 * @module server/validators
 * Entity tags and conditional GET (RFC 9110 §8.8 and §13.2.2).
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Encoding } from './negotiate.js';

/** A short digest of the bytes; the strong validator for every encoding of them. */
export function contentHash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

const SUFFIX: Record<Encoding, string> = { identity: '', br: '-br', gzip: '-gz' };

/** Each encoding is its own representation, so each gets its own strong tag. */
export function entityTag(hash: string, encoding: Encoding): string {
  return `"${hash}${SUFFIX[encoding]}"`;
}

const TAG = /(?:W\/)?("[\x21\x23-\x7e\x80-\xff]*")/g;

/** Whether an If-None-Match value matches `etag` by weak comparison (W/ prefixes ignored). */
export function noneMatchHits(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  for (const match of header.matchAll(TAG)) if (match[1] === etag) return true;
  return false;
}

/**
 * Whether a GET or HEAD may be answered 304. If-None-Match wins over If-Modified-Since when both
 * are present; dates compare at one-second resolution because HTTP dates have no more. A date
 * later than the server's clock is invalid (RFC 9110 §13.1.3) and ignored: a client cannot pin a
 * page by claiming to hold a copy from the future.
 */
export function isNotModified(
  headers: IncomingHttpHeaders,
  etag: string,
  mtimeMs: number,
  nowMs: number = Date.now(),
): boolean {
  const noneMatch = headers['if-none-match'];
  if (noneMatch !== undefined) return noneMatchHits(noneMatch, etag);
  const since = headers['if-modified-since'];
  if (since === undefined) return false;
  const sinceMs = Date.parse(since);
  if (Number.isNaN(sinceMs) || sinceMs > nowMs) return false;
  return Math.floor(mtimeMs / 1000) * 1000 <= sinceMs;
}
