/**
 * @module renderers/site/archive-page
 * `/editions/`: every edition, grouped by month, newest first, each with its date, number,
 * headline and standfirst, and a marker when its data was not live or it is still a draft.
 */
import type { EditionSummary } from '../../core/edition.js';
import { editionPath, local, type Page, type PageAssets, pageContext, type SiteContext } from './context.js';
import { longDate, monthTitle } from './format.js';
import { html, type Markup } from './html.js';
import { documentPage } from './layout.js';
import { masthead, PAPER_NAME } from './masthead.js';

const newestFirst = (a: EditionSummary, b: EditionSummary): number =>
  a.date === b.date ? b.number - a.number : a.date < b.date ? 1 : -1;

function markers(summary: EditionSummary): Markup {
  const labels = [
    summary.dataMode === 'sample' ? 'Sample data' : '',
    summary.dataMode === 'stored' ? 'Stored data' : '',
    summary.status === 'draft' ? 'Draft' : '',
  ].filter(Boolean);
  return html`${labels.map((label) => html` <span class="marker">${label}</span>`)}`;
}

function entry(summary: EditionSummary, page: Page): Markup {
  return html`<li class="archive-entry"><p class="meta"><time datetime="${summary.date}">${longDate(summary.date)}</time> · No. ${summary.number}${markers(summary)}</p><h3 class="archive-headline"><a href="${local(page.site, editionPath(summary.date))}">${summary.headline}</a></h3><p class="archive-standfirst">${summary.standfirst}</p></li>`;
}

/** Months in order of first appearance, so newest-first entries give newest-first months. */
export function groupByMonth(editions: readonly EditionSummary[]): Array<[string, EditionSummary[]]> {
  const months = new Map<string, EditionSummary[]>();
  for (const summary of [...editions].sort(newestFirst)) {
    const key = summary.date.slice(0, 7);
    const list = months.get(key) ?? [];
    list.push(summary);
    months.set(key, list);
  }
  return [...months];
}

export function renderArchivePage(editions: EditionSummary[], site: SiteContext, assets: PageAssets): string {
  const page = pageContext(site, assets);
  const months = groupByMonth(editions).map(
    ([key, list]) =>
      html`<section class="archive-month" aria-labelledby="month-${key}"><h2 id="month-${key}" class="section-label">${monthTitle(`${key}-01`)}</h2><ol class="archive-list">${list.map((summary) => entry(summary, page))}</ol></section>`,
  );
  const count = editions.length;
  return documentPage(page, {
    title: `Archive | ${PAPER_NAME}`,
    description: `Every edition of ${PAPER_NAME}, by month, newest first.`,
    canonicalPath: '/editions/',
    ogType: 'website',
    header: masthead(page, { current: 'archive' }),
    main: html`<div class="page archive"><h1>Archive</h1><p class="standfirst">${count === 0 ? 'No editions yet: the first one appears after the first morning run.' : `${count} ${count === 1 ? 'edition' : 'editions'}, newest first.`}</p>${page.subjectPages ? html`<p class="archive-subjects">Every model, dataset, Space, repository, paper and author the Post has seen has a page of its own: <a href="${local(page.site, '/subjects/')}">the most mentioned</a>.</p>` : ''}${months}</div>`,
  });
}
