/**
 * @module server/headers
 * Headers every response carries, and how long each kind of file may be cached.
 *
 * Cache-Control policy:
 * - content-hashed assets (`/assets/…/name.<hash>.ext`): `public, max-age=31536000, immutable`;
 *   a new stylesheet gets a new name, so the old one never needs revalidating.
 * - everything else the site publishes (pages, feeds, edition.json/md, sitemap, robots):
 *   `public, max-age=300, must-revalidate`. An edition appears once a day, so five minutes of
 *   staleness after publishing is harmless, while a CDN or browser in front absorbs repeat loads;
 *   after five minutes a revalidation costs a 304.
 * - 404s, errors, health and anything dynamic: `no-store`.
 */

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_PAGE = 'public, max-age=300, must-revalidate';
export const CACHE_NONE = 'no-store';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * A hash is 8+ hex or base64url characters including a digit, so plain dotted names such as
 * `print.landscape.css` are not mistaken for hashed ones.
 */
const HASHED_ASSET = /^\/assets\/(?:[^/]+\/)*[^/]+\.(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

export function cacheControlFor(pathname: string): string {
  return HASHED_ASSET.test(pathname) ? CACHE_IMMUTABLE : CACHE_PAGE;
}

export function securityHeaders(publicUrl: string): ReadonlyArray<readonly [string, string]> {
  const headers: [string, string][] = [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  // Browsers ignore HSTS over plain HTTP, and a TLS proxy in front is the usual setup, so the
  // public address rather than this socket decides.
  if (new URL(publicUrl).protocol === 'https:') {
    headers.push(['Strict-Transport-Security', 'max-age=31536000']);
  }
  return headers;
}

/** Headers describing a representation; dropped when an error replaces the response. */
export const REPRESENTATION_HEADERS = [
  'cache-control',
  'content-encoding',
  'content-length',
  'content-type',
  'etag',
  'last-modified',
  'location',
  'vary',
] as const;
