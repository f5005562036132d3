/**
 * @module renderers/telegram/html
 * Text for the Bot API's HTML parse mode. A post is built as blocks of styled spans rather than as
 * markup, so the visible length of every message is known exactly (Telegram's 4096 limit counts
 * the text after entity parsing, in UTF-16 code units), splitting can never cut a tag, and every
 * outside string passes one escaper.
 */
import { httpUrl } from '../feeds/html.js';

/** A run of text, optionally bold, italic or a link (http(s) only; anything else stays text). */
export interface Span {
  text: string;
  href?: string | undefined;
  bold?: boolean;
  italic?: boolean;
}

/** A paragraph: spans whose text may hold single newlines. Blocks are joined by a blank line. */
export type Block = Span[];

/** Telegram's limit on a message's text after entity parsing. */
export const MESSAGE_LIMIT = 4096;
/** Telegram keeps the first 100 formatting entities of a message and silently drops the rest. */
export const ENTITY_LIMIT = 100;
const BLOCK_GAP = '\n\n';

const UNSAFE =
  // Control characters (but newline), bidirectional overrides and isolates that would let a name
  // reverse the text after it, and lone surrogates, which are not valid UTF-8.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0009\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Outside text as Telegram should show it: no control or direction-override characters. */
export function cleanText(text: string): string {
  return text.replace(UNSAFE, '');
}

/** Outside text on one line, cut to `max` code points with an ellipsis (a name, not prose). */
export function shortText(text: string, max = 120): string {
  const flat = cleanText(text).replace(/\s+/g, ' ').trim();
  const points = Array.from(flat);
  return points.length <= max ? flat : `${points.slice(0, max - 1).join('')}…`;
}

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function spanHtml(span: Span): string {
  let html = escapeText(cleanText(span.text));
  const url = span.href ? httpUrl(span.href) : null;
  if (url) html = `<a href="${escapeAttribute(url)}">${html}</a>`;
  if (span.italic) html = `<i>${html}</i>`;
  if (span.bold) html = `<b>${html}</b>`;
  return html;
}

/** What Telegram will count: the span's text after cleaning, in UTF-16 code units. */
function visibleLength(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + cleanText(span.text).length, 0);
}

function blockHtml(block: Block): string {
  return block.map(spanHtml).join('');
}

/**
 * Cuts text to at most `room` UTF-16 units: at the last whitespace when there is one in the second
 * half, otherwise at the limit, never between the two halves of a surrogate pair. The head is
 * empty when not even one character fits.
 */
function cut(text: string, room: number): [string, string] {
  let end = Math.min(room, text.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const space = text.slice(0, end).search(/\s\S*$/);
  if (space > end / 2) end = space + 1;
  return [text.slice(0, end), text.slice(end)];
}

/** Formatting entities a span makes (Telegram ignores those past the hundredth in a message). */
function entityCount(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => {
    if (!cleanText(span.text)) return sum;
    return (
      sum +
      Number(Boolean(span.bold)) +
      Number(Boolean(span.italic)) +
      Number(Boolean(span.href && httpUrl(span.href)))
    );
  }, 0);
}

export interface MessageLimits {
  /** Visible characters (UTF-16 code units) per message. */
  length: number;
  /** Formatting entities per message. */
  entities: number;
}

/** A block longer than one message, as several blocks that each fit. */
function splitBlock(block: Block, limits: MessageLimits): Block[] {
  const pieces: Block[] = [];
  let current: Block = [];
  let used = 0;
  let entities = 0;
  const next = () => {
    pieces.push(current);
    current = [];
    used = 0;
    entities = 0;
  };
  const queue = block.map((span) => ({ ...span, text: cleanText(span.text) }));
  let span = queue.shift();
  while (span) {
    const spanEntities = entityCount([span]);
    if (current.length > 0 && entities + spanEntities > limits.entities) {
      next();
      continue;
    }
    const room = limits.length - used;
    if (span.text.length <= room) {
      current.push(span);
      used += span.text.length;
      entities += spanEntities;
      span = queue.shift();
      continue;
    }
    // A span that fits a message of its own starts one rather than being cut.
    if (span.text.length <= limits.length && current.length > 0) {
      next();
      continue;
    }
    const [head, tail] = cut(span.text, room);
    if (head) current.push({ ...span, text: head });
    next();
    span = { ...span, text: head ? tail.replace(/^\s+/, '') : tail };
    if (!span.text) span = queue.shift();
  }
  if (current.length > 0) pieces.push(current);
  return pieces.filter((piece) => piece.length > 0);
}

/**
 * Blocks as messages in HTML parse mode, each within Telegram's limits, split between blocks
 * where possible (a block too big for one message is split between words).
 */
export function toMessages(
  blocks: readonly Block[],
  limits: MessageLimits = { length: MESSAGE_LIMIT, entities: ENTITY_LIMIT },
): string[] {
  // Two units hold any character, even one outside the Basic Multilingual Plane; three entities
  // any span (a bold, italic link).
  if (limits.length < 2 || limits.entities < 3)
    throw new RangeError(
      `Message limits must allow 2 characters and 3 entities, not ${JSON.stringify(limits)}.`,
    );
  const messages: string[] = [];
  let html: string[] = [];
  let used = 0;
  let entities = 0;
  const flush = () => {
    if (html.length > 0) messages.push(html.join(BLOCK_GAP));
    html = [];
    used = 0;
    entities = 0;
  };
  for (const block of blocks) {
    const length = visibleLength(block);
    if (length === 0) continue;
    const fits = length <= limits.length && entityCount(block) <= limits.entities;
    for (const piece of fits ? [block] : splitBlock(block, limits)) {
      const pieceLength = visibleLength(piece);
      const pieceEntities = entityCount(piece);
      const gap = html.length > 0 ? BLOCK_GAP.length : 0;
      if (used + gap + pieceLength > limits.length || entities + pieceEntities > limits.entities) flush();
      used += (html.length > 0 ? BLOCK_GAP.length : 0) + pieceLength;
      entities += pieceEntities;
      html.push(blockHtml(piece));
    }
  }
  flush();
  return messages;
}
