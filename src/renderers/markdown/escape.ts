/**
 * @module renderers/markdown/escape
 * Outside strings as CommonMark/GFM text that renders as exactly those characters: no emphasis,
 * links, headings, quotes, lists, tables, code or raw HTML can be smuggled in, and only http(s)
 * URLs become links.
 */
import type { Paragraph } from '../../core/text.js';
import { httpUrl, xmlSafe } from '../feeds/html.js';

const BREAKS = /[\r\n\t\f\v\u0085\u2028\u2029]+/g;
// Special anywhere in a line (`#` only at a heading's end, but it is rare in prose and escaping it
// everywhere keeps the rule simple).
const ALWAYS = new Set(['\\', '`', '*', '[', ']', '#', '|', '~']);
const WORD = /[\p{L}\p{N}]/u;

/** Plain text as Markdown inline text, on one line. */
export function mdText(text: string): string {
  const flat = xmlSafe(text).replace(BREAKS, ' ');
  let out = '';
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i] as string;
    if (ALWAYS.has(c)) out += `\\${c}`;
    else if (c === '<') out += '&lt;';
    // Inside a word `_` cannot open or close emphasis; model names like `whisper_small` stay readable.
    else if (c === '_') out += WORD.test(flat[i - 1] ?? '') && WORD.test(flat[i + 1] ?? '') ? c : '\\_';
    // Only `&name;` / `&#123;` would be read as an entity; a bare `&` is literal already.
    else if (c === '&') out += /^&#?[A-Za-z0-9]+;/.test(flat.slice(i)) ? '\\&' : c;
    else out += c;
  }
  return out;
}

/**
 * Text that starts a block (a paragraph, a list item): a leading `>`, `-`, `+`, `=` or `1.` would
 * otherwise make a quote, a list, a heading underline or a numbered list, and leading spaces a
 * code block.
 */
export function mdBlock(markdown: string): string {
  const text = markdown.trimStart();
  if (/^[-+=>]/.test(text)) return `\\${text}`;
  return text.replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * An http(s) URL as a link destination, or null. Characters that end or confuse a destination
 * (parentheses, brackets, spaces, backslashes, angle brackets) are percent-encoded; an `&` that
 * would read as an entity is backslash-escaped, which CommonMark honours inside destinations.
 */
export function mdUrl(href: string): string | null {
  const url = httpUrl(href);
  if (url === null) return null;
  const encoded = url.replace(/[^A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/gu, (c) =>
    c.length === 1 && c.charCodeAt(0) < 0x80
      ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
      : encodeURIComponent(c),
  );
  return encoded.replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** `[text](url)` when the URL is http(s); otherwise the text alone. */
export function mdLink(text: string, href: string): string {
  const url = mdUrl(href);
  return url === null ? mdText(text) : `[${mdText(text)}](${url})`;
}

export function mdInline(paragraph: Paragraph): string {
  return paragraph
    .map((piece) => (typeof piece === 'string' ? mdText(piece) : mdLink(piece.text, piece.href)))
    .join('');
}

/** A paragraph as one Markdown block. */
export function mdParagraph(paragraph: Paragraph): string {
  return mdBlock(mdInline(paragraph));
}
