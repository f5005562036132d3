/**
 * @module server/content-types
 * Media types by file name and whether a type is worth compressing.
 */
import { basename, extname } from 'node:path';

const UTF8 = '; charset=utf-8';

// Feeds share extensions with other files, so their names decide.
const BY_NAME: Record<string, string> = {
  'feed.xml': `application/rss+xml${UTF8}`,
  'atom.xml': `application/atom+xml${UTF8}`,
  'feed.json': `application/feed+json${UTF8}`,
};

const BY_EXTENSION: Record<string, string> = {
  '.html': `text/html${UTF8}`,
  '.css': `text/css${UTF8}`,
  '.js': `text/javascript${UTF8}`,
  '.xml': `application/xml${UTF8}`,
  '.json': `application/json${UTF8}`,
  '.webmanifest': `application/manifest+json${UTF8}`,
  '.md': `text/markdown${UTF8}`,
  '.txt': `text/plain${UTF8}`,
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

export const FALLBACK_TYPE = 'application/octet-stream';

export function contentTypeFor(filePath: string): string {
  const name = basename(filePath).toLowerCase();
  return BY_NAME[name] ?? BY_EXTENSION[extname(name)] ?? FALLBACK_TYPE;
}

/** Text formats shrink; images other than SVG, fonts and archives are compressed already. */
export function isCompressible(contentType: string): boolean {
  const type = contentType.split(';', 1)[0]?.trim() ?? '';
  return (
    type.startsWith('text/') ||
    /^application\/(?:[\w.-]+\+)?(?:json|xml)$/.test(type) ||
    type === 'image/svg+xml' ||
    type === 'image/x-icon'
  );
}
