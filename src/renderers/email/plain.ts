/**
 * @module renderers/email/plain
 * Plain text for the text/plain part: lines wrapped at 76 columns (a URL is never broken, so a
 * long one may run past), and links inside prose as numbered footnotes listed after their
 * section, so the prose stays readable.
 */
import type { Paragraph } from '../../core/text.js';

export const WIDTH = 76;
const URL_LIKE = /^<?https?:\/\//;

/** `text` as lines of at most `width` columns; `indent` starts the first line, `hanging` the rest. */
export function wrap(text: string, indent = '', hanging = indent, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = indent;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = Math.max(width - hanging.length, 8);
    for (const piece of word.length > room && !URL_LIKE.test(word) ? chunks(word, room) : [word]) {
      if (empty) line += piece;
      else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
      else {
        lines.push(line);
        line = hanging + piece;
      }
      empty = false;
    }
  }
  if (!empty) lines.push(line);
  return lines;
}

/** A word too long for a line, cut into line-sized pieces (whole code points). */
function chunks(word: string, size: number): string[] {
  const out: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece.length + char.length > size) {
      out.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece) out.push(piece);
  return out;
}

/** Numbered link footnotes: `H25 [1]` in the prose, `[1] https://…` after the section. */
export class Footnotes {
  private readonly numbers = new Map<string, number>();
  private pending: Array<[number, string]> = [];

  ref(href: string): number {
    let n = this.numbers.get(href);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(href, n);
      this.pending.push([n, href]);
    }
    return n;
  }

  /** The prose with each link marked by its footnote number. */
  text(paragraph: Paragraph): string {
    return paragraph
      .map((piece) => (typeof piece === 'string' ? piece : `${piece.text} [${this.ref(piece.href)}]`))
      .join('');
  }

  /** The footnotes added since the last call, one per line. */
  flush(): string[] {
    const lines = this.pending.map(([n, href]) => `[${n}] ${href}`);
    this.pending = [];
    return lines;
  }
}

/** `text <url>`, or the text alone when there is no link. */
export const withUrl = (text: string, href: string | null): string => (href ? `${text} <${href}>` : text);
