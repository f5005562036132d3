/**
 * @module api/http
 * How the API answers: JSON with a strong ETag over the body (If-None-Match → 304), CORS for
 * GET and HEAD (any origin: the data is public and no credentials are involved), the rate
 * limit's headers, and errors as RFC 9457 problem details.
 *
 * `Access-Control-Allow-Origin` is always `*`, never the request's Origin echoed back, so no
 * answer varies by Origin and none carries `Vary: Origin`; the body does not vary by encoding
 * either (the API does not compress: a proxy in front may), so there is no `Vary` at all.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { send } from '../server/respond.js';
import type { Problem } from './schemas.js';

export const API_METHODS = 'GET, HEAD, OPTIONS';

/** Headers a browser script may read besides the simple ones. */
const EXPOSED = 'ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy';

export const CORS_HEADERS: OutgoingHttpHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': EXPOSED,
};

/** What a preflight may ask for: conditional requests and content negotiation, nothing that writes. */
const ALLOWED_REQUEST_HEADERS = 'Accept, If-None-Match, Cache-Control';
const PREFLIGHT_MAX_AGE = '86400';

/** Cache policy per kind of answer (see docs/api.md). */
export const API_CACHE = {
  /** The document changes only with a release. */
  document: 'public, max-age=3600',
  /** One edition: a rebuild may replace a draft, so revalidate like the site's pages. */
  edition: 'public, max-age=300, must-revalidate',
  /** Lists and histories that grow when a new day arrives. */
  list: 'public, max-age=60, must-revalidate',
  error: 'no-store',
} as const;

/** A strong validator: the body's SHA-256, 22 base64url characters, like the static files'. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): `W/"x"` matches `"x"`; `*` matches anything. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

export function jsonBody(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

/** A 200 JSON answer, or 304 when the client's copy is current. */
export function sendData(
  req: IncomingMessage,
  res: ServerResponse,
  value: unknown,
  cacheControl: string,
  headers: OutgoingHttpHeaders = {},
): void {
  const body = jsonBody(value);
  const etag = etagOf(body);
  const common = { ...CORS_HEADERS, ...headers, ETag: etag, 'Cache-Control': cacheControl };
  const ifNoneMatch = req.headers['if-none-match'];
  if (noneMatch(typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined, etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  send(res, 200, body, { 'Content-Type': 'application/json; charset=utf-8', ...common });
}

export interface ProblemOptions {
  detail: string;
  instance?: string;
  errors?: Problem['errors'];
  headers?: OutgoingHttpHeaders;
}

export function problemBody(status: number, options: ProblemOptions): Problem {
  return {
    // about:blank: the status says what kind of problem it is (RFC 9457 4.2.1); `detail` says what.
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: options.detail,
    ...(options.instance ? { instance: options.instance } : {}),
    ...(options.errors ? { errors: options.errors } : {}),
  };
}

export function sendProblem(res: ServerResponse, status: number, options: ProblemOptions): void {
  send(res, status, jsonBody(problemBody(status, options)), {
    ...CORS_HEADERS,
    ...options.headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Cache-Control': API_CACHE.error,
  });
}

/** OPTIONS: a CORS preflight for GET or HEAD is allowed; any other method is not offered. */
export function sendOptions(req: IncomingMessage, res: ServerResponse): void {
  const preflight = req.headers['access-control-request-method'];
  const headers: OutgoingHttpHeaders = { Allow: API_METHODS, 'Cache-Control': API_CACHE.error };
  if (typeof preflight === 'string') {
    Object.assign(headers, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD',
      'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
      'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
    });
  }
  res.writeHead(204, headers);
  res.end();
}
