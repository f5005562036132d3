/**
 * @module writers/newsroom/links
 * Inline pieces: a small template tag that builds paragraphs of text and links, and the links for
 * every named model, dataset, Space, repository, paper and author. Names are kept as plain
 * strings (markup and emoji included); renderers escape them.
 */
import type { PlannedItem } from '../../core/plan.js';
import type { Inline, Paragraph } from '../../core/text.js';

/** Anything a sentence can be built from; `null`/`false` leave nothing behind. */
export type Piece = Inline | readonly Piece[] | null | false;

function push(out: Inline[], piece: Piece): void {
  if (piece === null || piece === false) return;
  if (typeof piece === 'string') {
    out.push(piece);
    return;
  }
  if (Array.isArray(piece)) {
    for (const p of piece as readonly Piece[]) push(out, p);
    return;
  }
  out.push(piece as Inline);
}

/**
 * Merge neighbouring strings, collapse runs of white space, drop a space before punctuation and
 * empty pieces, so no paragraph shows double spaces or a stray " ,".
 */
export function tidy(pieces: readonly Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (typeof piece === 'string' && typeof last === 'string') merged[merged.length - 1] = last + piece;
    else
      merged.push(
        typeof piece === 'string'
          ? piece
          : { text: piece.text.replace(/\s+/g, ' ').trim(), href: piece.href },
      );
  }
  const out: Inline[] = [];
  for (let i = 0; i < merged.length; i++) {
    let piece = merged[i] as Inline;
    if (typeof piece === 'string') {
      piece = piece.replace(/\s+/g, ' ').replace(/ +([,.;:!?)])/g, '$1');
      const previous = out.at(-1);
      const previousEndsInSpace =
        previous === undefined || (typeof previous === 'string' ? previous.endsWith(' ') : false);
      if (previousEndsInSpace) piece = piece.replace(/^ /, '');
      if (out.length === 0) piece = piece.trimStart();
      if (piece.length > 0) out.push(piece);
    } else if (piece.text.length > 0) {
      out.push(piece);
    }
  }
  const last = out.at(-1);
  if (typeof last === 'string') {
    const trimmed = last.trimEnd();
    if (trimmed.length === 0) out.pop();
    else out[out.length - 1] = trimmed;
  }
  return out;
}

/** Flatten pieces into inline runs. */
export function flat(...pieces: Piece[]): Inline[] {
  const out: Inline[] = [];
  for (const piece of pieces) push(out, piece);
  return out;
}

/** `s\`${link} is ${rank}.\``: a sentence of text and links. */
export function s(strings: TemplateStringsArray, ...values: Piece[]): Inline[] {
  const out: Inline[] = [];
  strings.forEach((text, i) => {
    if (text) out.push(text);
    if (i < values.length) push(out, values[i] as Piece);
  });
  return out;
}

/** Sentences joined into one paragraph (`null` sentences are skipped). */
export function paragraph(...sentences: Array<Inline[] | null | false>): Paragraph {
  const out: Inline[] = [];
  for (const sentence of sentences) {
    if (!sentence || sentence.length === 0) continue;
    if (out.length > 0) out.push(' ');
    out.push(...sentence);
  }
  return tidy(out);
}

/** "A", "A and B", "A, B and C", for inline pieces. */
export function joinList(items: readonly Piece[], conjunction = 'and'): Inline[] {
  const parts = items.filter((p) => p !== null && p !== false);
  if (parts.length <= 1) return flat(parts[0] ?? null);
  const out: Piece[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(i === parts.length - 1 ? ` ${conjunction} ` : ', ');
    out.push(part);
  });
  return flat(...out);
}

/** The URL when it is absolute http(s) (what EditionText accepts), otherwise null. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Text linked to `url`, or plain text when the URL is unusable. */
export function link(text: string, url: string | null): Inline {
  const clean = text.replace(/\s+/g, ' ').trim();
  const href = url ? safeHref(url) : null;
  return href && clean ? { text: clean, href } : clean;
}

const isHub = (item: PlannedItem) => item.source.startsWith('hf-');
const isGithub = (item: PlannedItem) => item.source.startsWith('github-');

/** The name after the owner, for Hub items (`hanyc4855/H25` → `H25`). */
export function shortName(item: PlannedItem): string {
  if (item.kind === 'release') {
    const repository = item.externalId.split('@')[0] ?? item.externalId;
    const name = repository.slice(repository.lastIndexOf('/') + 1);
    return `${name} ${item.title}`.trim();
  }
  if (isHub(item) && item.kind !== 'paper' && item.title.includes('/')) {
    return item.title.slice(item.title.lastIndexOf('/') + 1) || item.title;
  }
  return item.title;
}

/** The full name readers can search for (`owner/name`, a paper's title). */
export function fullName(item: PlannedItem): string {
  if (item.kind === 'release') return `${item.externalId.split('@')[0] ?? item.externalId} ${item.title}`;
  return item.title;
}

/** The item, linked to its page; `short` drops the owner (when the author is named nearby). */
export function itemLink(item: PlannedItem, short = false): Inline {
  return link(short ? shortName(item) : fullName(item), item.url);
}

/** The item's author or owner, when it has one. */
export function authorName(item: PlannedItem): string | null {
  if (item.author?.trim()) return item.author.trim();
  if ((isGithub(item) || isHub(item)) && item.externalId.includes('/') && item.kind !== 'paper') {
    return item.externalId.split('/')[0] || null;
  }
  return null;
}

/** `https://huggingface.co/<author>` for Hub items, `https://github.com/<owner>` for GitHub, else none. */
export function authorHref(item: PlannedItem): string | null {
  const author = authorName(item);
  if (!author || item.kind === 'paper') return null;
  if (isHub(item)) return `https://huggingface.co/${encodeURIComponent(author)}`;
  if (isGithub(item)) return `https://github.com/${encodeURIComponent(author)}`;
  return null;
}

/** The author, linked; null when the item has none. */
export function authorLink(item: PlannedItem): Inline | null {
  const author = authorName(item);
  return author ? link(author, authorHref(item)) : null;
}

/** "hanyc4855's" or "mira-k's", linked on the name. */
export function possessive(item: PlannedItem): Inline[] | null {
  const author = authorLink(item);
  return author ? flat(author, possessiveSuffix(authorName(item) ?? '')) : null;
}

/** "’s", or a bare "’" after a final s ("ultralytics’"). */
export function possessiveSuffix(name: string): string {
  return /s$/i.test(name) ? '’' : '’s';
}

/** A base model named in item facts, linked on the Hub. */
export function baseModelLink(item: PlannedItem, baseModel: string): Inline {
  return link(
    baseModel,
    isHub(item) ? `https://huggingface.co/${baseModel.split('/').map(encodeURIComponent).join('/')}` : null,
  );
}

/** The plain text of inline pieces. */
export function plain(pieces: readonly Inline[]): string {
  return pieces.map((p) => (typeof p === 'string' ? p : p.text)).join('');
}
