/**
 * @module renderers/email/short
 * Outside text cut down for an email: on one line, without control or bidi characters, names
 * clipped so a 10 kB model name cannot blow the message past Gmail's clipping size, paragraphs
 * cut at a word, and only http(s) links kept. Both the HTML and the text part read the result.
 */
import type { Inline, Paragraph } from '../../core/text.js';
import { xmlSafe } from '../feeds/html.js';
import { safeHref } from '../site/context.js';

/** Longest name (model, repository, paper title) the email prints. */
export const NAME_MAX = 120;
export const SUBJECT_MAX = 120;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const BREAKS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
// Bidi controls could reorder the text around a name; an email cannot isolate them everywhere.
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Outside text as one clean line: line breaks and control characters become single spaces. */
export function oneLine(text: string): string {
  return xmlSafe(text).replace(BIDI, '').replace(BREAKS, ' ').replace(/ {2,}/g, ' ');
}

/** Cuts `text` to at most `max` UTF-16 units, at a space when one is near, ending in `…`. */
export function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  const atWordEnd = /\s/.test(text.charAt(cut.length));
  const space = cut.lastIndexOf(' ');
  // A break far back would drop most of the text; a hard cut reads better then.
  const kept = atWordEnd || space < max / 2 ? cut : cut.slice(0, space);
  return `${kept.trimEnd()}…`;
}

/** A name on one line, at most NAME_MAX long. */
export const name = (text: string): string => clipWords(oneLine(text).trim(), NAME_MAX);

/** An unbroken run longer than a name (a 10,000-character "word") is clipped like a name. */
const longWords = (text: string): string => text.replace(/\S{121,}/g, (word) => clipWords(word, NAME_MAX));

/** Outside prose on one line, long words clipped, the whole at most `max` long. */
export const prose = (text: string, max: number): string => clipWords(longWords(oneLine(text)).trim(), max);

/**
 * A paragraph of at most `max` characters: runs cleaned, link texts clipped like names, links
 * other than http(s) turned into their text, and the paragraph cut at a word with `…`.
 */
export function shortParagraph(paragraph: Paragraph, max: number): Paragraph {
  const out: Inline[] = [];
  let left = max;
  for (const piece of paragraph) {
    const href = typeof piece === 'string' ? null : safeHref(piece.href);
    const raw = oneLine(typeof piece === 'string' ? piece : piece.text);
    const text = href ? name(raw) : longWords(raw);
    if (text.length <= left) {
      if (text) out.push(href ? { text, href } : text);
      left -= text.length;
      continue;
    }
    // Out of room: prose is cut at a word; a link is left out rather than cut to a stub.
    if (!href) out.push(clipWords(text, left));
    else {
      const last = out.at(-1);
      if (typeof last === 'string') out[out.length - 1] = `${last.trimEnd()}…`;
      else out.push('…');
    }
    break;
  }
  return trimRuns(out);
}

function trimRuns(paragraph: Paragraph): Paragraph {
  const out = [...paragraph];
  const first = out[0];
  if (typeof first === 'string') out[0] = first.trimStart();
  const last = out.at(-1);
  if (typeof last === 'string') out[out.length - 1] = last.trimEnd();
  return out.filter((piece) => piece !== '');
}

/** The paragraph up to the end of its first sentence (a `.`, `!` or `?` before a space or the end). */
export function firstSentence(paragraph: Paragraph): Paragraph {
  const out: Inline[] = [];
  for (const [i, piece] of paragraph.entries()) {
    if (typeof piece !== 'string') {
      out.push(piece);
      continue;
    }
    const inside = /[.!?…](?=\s)/.exec(piece);
    if (inside) {
      out.push(piece.slice(0, inside.index + 1));
      return out;
    }
    out.push(piece);
    if (/[.!?…]$/.test(piece) && startsWithSpaceOrEnd(paragraph[i + 1])) return out;
  }
  return out;
}

function startsWithSpaceOrEnd(next: Inline | undefined): boolean {
  if (next === undefined) return true;
  const text = typeof next === 'string' ? next : next.text;
  return /^\s/.test(text);
}

/** Drops a leading `Opinion:`, which the email prints as a label of its own. */
export function withoutOpinionLabel(paragraph: Paragraph): Paragraph {
  const [first, ...rest] = paragraph;
  if (typeof first !== 'string') return paragraph;
  const stripped = first.replace(/^\s*Opinion:\s*/i, '');
  if (stripped === first) return paragraph;
  // A handle keeps its case ("kvasir-dev has…"): only a plain lower-case word is capitalised.
  const word = /^\S*/.exec(stripped)?.[0] ?? '';
  const plainWord = /^\p{Ll}+[,:;]?$/u.test(word);
  const capital = plainWord ? stripped.charAt(0).toUpperCase() + stripped.slice(1) : stripped;
  return capital ? [capital, ...rest] : rest;
}

/** `The AI Morning Post — headline` on one line, at most SUBJECT_MAX long, cut at a word. */
export function subjectLine(paperName: string, headline: string, fallback: string): string {
  const title = oneLine(headline).trim() || fallback;
  return clipWords(`${paperName} — ${title}`, SUBJECT_MAX);
}
