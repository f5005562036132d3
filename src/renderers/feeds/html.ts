/**
 * @module renderers/feeds/html
 * The small amount of HTML the feeds carry (the lead story, a link to the edition), built from
 * inline pieces with every outside string escaped and only http(s) links kept.
 */

import type { Paragraph } from '../../core/text.js';
import { escapeHtml as escapeSiteHtml } from '../site/html.js';

// XML 1.0 forbids these outright (a single one makes the whole feed unreadable), and lone
// surrogates cannot be encoded as UTF-8 at all.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops characters no XML document may contain; everything else passes unchanged. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/**
 * Text as HTML text or attribute value, without the characters XML forbids. `>` is escaped too,
 * so escaped text can never close the CDATA section the `feed` package wraps it in.
 */
export function escapeHtml(text: string): string {
  return escapeSiteHtml(xmlSafe(text));
}

/** The URL when it is an absolute http(s) URL, normalised; otherwise null (never a link). */
export function httpUrl(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function linkHtml(text: string, href: string): string {
  const url = httpUrl(href);
  return url ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

export function paragraphHtml(paragraph: Paragraph): string {
  const inner = paragraph
    .map((piece) => (typeof piece === 'string' ? escapeHtml(piece) : linkHtml(piece.text, piece.href)))
    .join('');
  return `<p>${inner}</p>`;
}
