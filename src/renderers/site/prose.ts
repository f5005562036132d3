/**
 * @module renderers/site/prose
 * The writers' text as markup. Text arrives as inline pieces (plain runs and `{text, href}` links),
 * so nothing here parses prose: runs are escaped, and only http(s) links become anchors.
 */
import type { Paragraph, SectionText } from '../../core/text.js';
import { externalLink, isolate } from './context.js';
import { html, type Markup } from './html.js';

/** Subject pages by upstream URL (Page.mentions): a linked name leads to the Post's page about it. */
type Mentions = ReadonlyMap<string, string>;

export function inline(paragraph: Paragraph, mentions?: Mentions): Markup {
  return html`${paragraph.map((piece) => (typeof piece === 'string' ? isolate(piece) : link(piece, mentions)))}`;
}

function link(piece: { text: string; href: string }, mentions: Mentions | undefined): Markup {
  const page = mentions?.get(piece.href);
  return page ? html`<a href="${page}">${isolate(piece.text)}</a>` : externalLink(piece.text, piece.href);
}

export function paragraphs(list: readonly Paragraph[], className?: string, mentions?: Mentions): Markup {
  return html`${list.filter((p) => p.length > 0).map((p) => (className ? html`<p class="${className}">${inline(p, mentions)}</p>` : html`<p>${inline(p, mentions)}</p>`))}`;
}

/** The entry a writer wrote for a plan item, if any. */
export function entryFor(section: SectionText | undefined, itemId: number) {
  return section?.entries?.find((entry) => entry.itemId === itemId);
}
