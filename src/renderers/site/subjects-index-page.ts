/**
 * @module renderers/site/subjects-index-page
 * `/subjects/`: the most mentioned subjects, by kind, each with the number of editions that named
 * it, linking to its page; linked from the archive.
 */
import type { PagedKind } from '../../core/subjects.js';
import { exact } from '../../core/vocabulary/numbers.js';
import { isolate, local, type PageAssets, pageContext, type SiteContext } from './context.js';
import { html } from './html.js';
import { documentPage } from './layout.js';
import { masthead, PAPER_NAME } from './masthead.js';
import { KIND_LABELS } from './subject-page.js';

export interface SubjectIndexEntry {
  path: string;
  title: string;
  kind: PagedKind | 'author';
  /** Editions that named it. */
  mentions: number;
}

/** Entries shown per kind. */
export const INDEX_PER_KIND = 50;
const KIND_ORDER = ['model', 'dataset', 'space', 'repository', 'paper', 'author'] as const;

export function renderSubjectsIndexPage(
  entries: readonly SubjectIndexEntry[],
  site: SiteContext,
  assets: PageAssets,
): string {
  const page = pageContext(site, assets);
  const sections = KIND_ORDER.map((kind) => {
    const all = entries.filter((entry) => entry.kind === kind && entry.mentions > 0);
    if (all.length === 0) return html``;
    const top = [...all]
      .sort((a, b) => b.mentions - a.mentions || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
      .slice(0, INDEX_PER_KIND);
    const id = `most-${kind}`;
    return html`<section class="subject-section" aria-labelledby="${id}"><h2 id="${id}" class="section-label">${KIND_LABELS[kind].many}</h2><ol class="most-mentioned">${top.map(
      (entry) =>
        html`<li><a href="${local(page.site, entry.path)}">${isolate(entry.title)}</a> <span class="meta">${exact(entry.mentions)} ${entry.mentions === 1 ? 'edition' : 'editions'}</span></li>`,
    )}</ol>${all.length > top.length ? html`<p class="meta">The ${exact(top.length)} most mentioned of ${exact(all.length)}.</p>` : ''}</section>`;
  });
  const pages = entries.length;
  return documentPage(page, {
    title: `Most mentioned | ${PAPER_NAME}`,
    description: `The models, datasets, Spaces, repositories, papers and authors ${PAPER_NAME} has named most often, with a page for each.`,
    canonicalPath: '/subjects/',
    ogType: 'website',
    header: masthead(page, { current: 'archive' }),
    main: html`<div class="page subjects-index"><h1>Most mentioned</h1><p class="standfirst">${pages === 0 ? 'No subjects yet: they appear after the first edition.' : `The subjects the Post has named most often, by kind. Every one of the ${exact(pages)} subjects the Post has seen has a page of its own.`}</p>${sections}</div>`,
  });
}
