/**
 * @module server/request-target
 * Turns the raw request target into path segments that are safe to join to the site folder, or
 * says why it cannot (400 for malformed or traversing paths, 414 for overlong ones).
 */

/** Longer targets are answered 414; nginx's default request-line buffer is in the same range. */
export const MAX_TARGET_LENGTH = 4096;

export interface RequestTarget {
  ok: true;
  /** Decoded, non-empty segments; never `.`, `..`, or containing `/`, `\` or control characters. */
  segments: string[];
  /** Normalised path: `/` + segments, with a trailing slash when the request had one. */
  pathname: string;
  trailingSlash: boolean;
  /** The raw query string with its `?`, or ''. */
  search: string;
}

export interface BadTarget {
  ok: false;
  status: 400 | 414;
  reason: string;
}

export function parseRequestTarget(raw: string | undefined): RequestTarget | BadTarget {
  if (!raw) return bad('empty request target');
  if (raw.length > MAX_TARGET_LENGTH) return { ok: false, status: 414, reason: 'request target too long' };
  // Absolute-form and `*` targets are for proxies and OPTIONS; a site has no use for them.
  if (!raw.startsWith('/')) return bad('request target must start with /');
  const queryAt = raw.search(/[?#]/);
  const rawPath = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const search = queryAt < 0 || raw[queryAt] === '#' ? '' : raw.slice(queryAt).replace(/#.*$/s, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return bad('malformed percent-encoding');
  }
  // Backslashes are separators on Windows and a classic traversal disguise elsewhere.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return bad('control character or backslash in path');
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return bad('dot segment in path');
  const trailingSlash = decoded.endsWith('/');
  const pathname = `/${segments.join('/')}${trailingSlash && segments.length > 0 ? '/' : ''}`;
  return { ok: true, segments, pathname, trailingSlash, search };
}

function bad(reason: string): BadTarget {
  return { ok: false, status: 400, reason };
}

/** The canonical, re-encoded URL path for segments; never protocol-relative (`//host`). */
export function encodePath(segments: readonly string[], trailingSlash: boolean): string {
  const path = `/${segments.map(encodeURIComponent).join('/')}`;
  return trailingSlash && segments.length > 0 ? `${path}/` : path;
}
