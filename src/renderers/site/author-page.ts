/**
 * @module renderers/site/author-page
 * `/authors/NAME/`: everything by one author (a Hugging Face or GitHub name) that the Post has
 * seen, by kind, most mentioned first, and the editions that named any of it, newest first.
 */
import { exact } from '../../core/vocabulary/numbers.js';
import { isolate, type PageAssets, pageContext, type SiteContext } from './context.js';
import { longDate } from './format.js';
import { html, type Markup } from './html.js';
import { documentPage } from './layout.js';
import { masthead, PAPER_NAME } from './masthead.js';
import {
  KIND_LABELS,
  mentionList,
  refList,
  type SubjectMention,
  type SubjectRefLink,
} from './subject-page.js';

export interface AuthorSubject {
  path: string;
  name: string;
  /** The author's items (their pages), each with how many editions named it. */
  items: Array<SubjectRefLink & { mentions: number; firstSeen?: string }>;
  /** Editions that named any of the author's items, newest first. */
  mentions: SubjectMention[];
}

const KIND_ORDER = ['model', 'dataset', 'space', 'repository', 'paper'] as const;

export function renderAuthorPage(author: AuthorSubject, site: SiteContext, assets: PageAssets): string {
  const page = pageContext(site, assets);
  const groups: Markup[] = KIND_ORDER.map((kind) => {
    const items = author.items
      .filter((item) => item.kind === kind)
      .sort((a, b) => b.mentions - a.mentions || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    if (items.length === 0) return html``;
    const refs = items.map((item) => ({
      ...item,
      note: [
        item.mentions > 0 ? `${exact(item.mentions)} ${item.mentions === 1 ? 'mention' : 'mentions'}` : '',
        item.firstSeen ? `first seen ${longDate(item.firstSeen)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    }));
    const id = `kind-${kind}`;
    return html`<section class="subject-section" aria-labelledby="${id}"><h2 id="${id}" class="section-label">${KIND_LABELS[kind].many} (${exact(items.length)})</h2>${refList(refs, page)}</section>`;
  });
  const count = author.items.length;
  return documentPage(page, {
    title: `${author.name} (Author) | ${PAPER_NAME}`,
    description: `${author.name}: ${exact(count)} ${count === 1 ? 'item' : 'items'} seen by ${PAPER_NAME}, named in ${exact(author.mentions.length)} ${author.mentions.length === 1 ? 'edition' : 'editions'}.`,
    canonicalPath: author.path,
    ogType: 'website',
    header: masthead(page, {}),
    main: html`<div class="page subject"><header class="subject-head"><p class="kicker">Author</p><h1>${isolate(author.name)}</h1><p class="standfirst">${exact(count)} ${count === 1 ? 'item' : 'items'} seen by the Post.</p></header>${groups}<section class="subject-section" aria-labelledby="mentions"><h2 id="mentions" class="section-label">In the Post (${exact(author.mentions.length)})</h2>${mentionList(author.mentions, page)}</section></div>`,
  });
}
