/**
 * @module testing/telegram/html
 * A strict reading of the Bot API's HTML parse mode, as the fake Bot API applies it: only the
 * documented tags, properly nested, every `<`, `>` and `&` outside a tag written as an entity, only
 * the four named entities plus numeric ones, and links only to http(s) or tg:// addresses. Gives the
 * visible text and entities (offsets in UTF-16 code units, as Telegram counts them) or the error
 * the real API would answer with. Stricter than Telegram where Telegram is lenient (a bare `>` or
 * an unknown `&name;`), so whatever passes here passes there.
 */

export interface TelegramEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export type ParsedHtml =
  | { ok: true; text: string; entities: TelegramEntity[] }
  | { ok: false; error: string };

const ENTITY_TYPES: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
/** Entities that may contain others (and be contained by anything but code and pre). */
const STYLES = new Set(['bold', 'italic', 'underline', 'strikethrough', 'spoiler']);

interface Open {
  tag: string;
  type: string;
  start: number;
  url?: string;
  language?: string;
}

class HtmlError extends Error {}

export function parseTelegramHtml(html: string): ParsedHtml {
  try {
    return { ok: true, ...parse(html) };
  } catch (error) {
    if (error instanceof HtmlError) return { ok: false, error: error.message };
    throw error;
  }
}

function parse(html: string): { text: string; entities: TelegramEntity[] } {
  const at = (i: number) => `at byte offset ${Buffer.byteLength(html.slice(0, i))}`;
  const stack: Open[] = [];
  const entities: TelegramEntity[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i] as string;
    if (c === '&') {
      const match = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/.exec(html.slice(i));
      const decoded = match ? decodeEntity(match[1] as string) : null;
      if (!match || decoded === null)
        throw new HtmlError(`Character '&' ${at(i)} is not part of a supported entity; write it as &amp;`);
      text += decoded;
      i += match[0].length;
    } else if (c === '>') {
      throw new HtmlError(`Character '>' ${at(i)} is not part of a tag; write it as &gt;`);
    } else if (c === '<' && html[i + 1] === '/') {
      const match = /^<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>/.exec(html.slice(i));
      if (!match) throw new HtmlError(`Unclosed end tag ${at(i)}`);
      const name = (match[1] as string).toLowerCase();
      const open = stack.pop();
      if (!open) throw new HtmlError(`Unexpected end tag ${at(i)}`);
      if (open.tag !== name)
        throw new HtmlError(`Unmatched end tag ${at(i)}, expected "</${open.tag}>", found "</${name}>"`);
      close(open, text.length, entities);
      i += match[0].length;
    } else if (c === '<') {
      const end = tagEnd(html, i);
      if (end < 0) throw new HtmlError(`Unclosed start tag ${at(i)}`);
      const open = startTag(html.slice(i + 1, end), at(i), text.length);
      checkNesting(open, stack, at(i));
      stack.push(open);
      i = end + 1;
    } else {
      text += c;
      i += 1;
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw new HtmlError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return trimmed(text, entities);
}

function decodeEntity(body: string): string | null {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    if (code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return String.fromCodePoint(code);
  }
  return NAMED[body] ?? null;
}

/** The index of the `>` that ends the tag starting at `start`, skipping quoted attribute values. */
function tagEnd(html: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') return -1;
  }
  return -1;
}

function startTag(inside: string, where: string, offset: number): Open {
  const name = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(inside)?.[0]?.toLowerCase() ?? '';
  const attributes = parseAttributes(inside.slice(name.length), where);
  const type = ENTITY_TYPES[name];
  if (!type || (name === 'span' && attributes.get('class') !== 'tg-spoiler'))
    throw new HtmlError(`Unsupported start tag "${name}" ${where}`);
  const open: Open = { tag: name, type, start: offset };
  if (name === 'a') {
    const href = attributes.get('href');
    if (href === undefined) throw new HtmlError(`Tag "a" without href ${where}`);
    if (!/^(https?:\/\/[^\s/?#]+|tg:\/\/)/i.test(href) || !URL.canParse(href))
      throw new HtmlError(`Unsupported URL ${JSON.stringify(href)} in href ${where}`);
    open.url = href;
  }
  const language = /^language-(.+)$/.exec(attributes.get('class') ?? '')?.[1];
  if (name === 'code' && language) open.language = language;
  return open;
}

function parseAttributes(source: string, where: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /\s+([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
  let rest = source.replace(/\s*\/?\s*$/, '');
  while (rest.length > 0) {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match) throw new HtmlError(`Malformed attributes ${where}`);
    const raw = match[2] ?? match[3] ?? match[4] ?? '';
    const decoded = parseTelegramHtml(raw.replace(/>/g, '&gt;').replace(/</g, '&lt;'));
    if (!decoded.ok) throw new HtmlError(`Malformed attribute value ${where}: ${decoded.error}`);
    attributes.set((match[1] as string).toLowerCase(), decoded.text);
    rest = rest.slice(match[0].length);
  }
  return attributes;
}

function checkNesting(open: Open, stack: readonly Open[], where: string): void {
  const parent = stack.at(-1);
  if (!parent) return;
  if (open.type === 'blockquote' && stack.some((o) => o.type === 'blockquote'))
    throw new HtmlError(`Blockquote can't be nested ${where}`);
  if (parent.type === 'pre' && open.type === 'code') return;
  if (parent.type === 'code' || parent.type === 'pre')
    throw new HtmlError(`Tag "${open.tag}" can't be inside "${parent.tag}" ${where}`);
  if (!STYLES.has(open.type) && stack.some((o) => o.type === open.type))
    throw new HtmlError(`Tag "${open.tag}" can't be inside another "${open.tag}" ${where}`);
}

function close(open: Open, end: number, entities: TelegramEntity[]): void {
  if (end === open.start) return;
  const entity: TelegramEntity = { type: open.type, offset: open.start, length: end - open.start };
  if (open.url) entity.url = open.url;
  if (open.language) entity.language = open.language;
  entities.push(entity);
}

/** Telegram drops leading and trailing whitespace from a message; entities move with the text. */
function trimmed(text: string, entities: TelegramEntity[]): { text: string; entities: TelegramEntity[] } {
  const lead = text.length - text.trimStart().length;
  const result = text.trim();
  const kept = entities
    .map((entity) => {
      const start = Math.max(0, entity.offset - lead);
      const end = Math.min(result.length, entity.offset + entity.length - lead);
      return { ...entity, offset: start, length: end - start };
    })
    .filter((entity) => entity.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: result, entities: kept };
}
