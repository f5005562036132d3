/**
 * @module renderers/site/edition-page
 * One edition as a web page, every section of the paper in reading order; the front page is the
 * same page for the newest edition, with its canonical link pointing at the permalink.
 */
import type { Edition, EditionSummary } from '../../core/edition.js';
import { planItems } from '../../core/plan.js';
import { colophon } from './colophon.js';
import {
  editionPath,
  local,
  mentionLinks,
  type Page,
  type PageAssets,
  pageContext,
  type SiteContext,
} from './context.js';
import { mediumDate } from './format.js';
import { html, type Markup } from './html.js';
import { documentPage } from './layout.js';
import { readingSection, toolsSection } from './lists.js';
import { dataBanner, masthead, PAPER_NAME } from './masthead.js';
import { metricsSection } from './metrics.js';
import { deepDiveSection, leadSection, opinionSection } from './stories.js';
import { subscribeSection } from './subscribe.js';
import { moversSection, trendingSection } from './trending.js';

export interface EditionNav {
  previous?: EditionSummary;
  next?: EditionSummary;
}

export interface EditionPageOptions {
  /** Rendering the site's front page (`/`) rather than the edition's permalink. */
  front?: boolean;
}

function editionNav(nav: EditionNav, page: Page): Markup {
  const link = (summary: EditionSummary, rel: 'prev' | 'next') =>
    html`<li class="${rel}"><a href="${local(page.site, editionPath(summary.date))}" rel="${rel}"><span class="nav-dir">${rel === 'prev' ? '← Previous edition' : 'Next edition →'}</span> <span class="nav-title">${summary.headline}</span> <span class="meta">No. ${summary.number}, <time datetime="${summary.date}">${mediumDate(summary.date)}</time></span></a></li>`;
  if (!nav.previous && !nav.next) return html``;
  return html`<nav class="edition-nav" aria-label="Previous and next editions"><ul>${nav.previous ? link(nav.previous, 'prev') : ''}${nav.next ? link(nav.next, 'next') : ''}</ul></nav>`;
}

export function renderEditionPage(
  edition: Edition,
  nav: EditionNav,
  site: SiteContext,
  assets: PageAssets,
  options: EditionPageOptions = {},
): string {
  const base = pageContext(site, assets);
  const page = { ...base, mentions: mentionLinks(base, planItems(edition.plan)) };
  const article = html`<div class="edition">${leadSection(edition, page)}${metricsSection(edition, page)}${deepDiveSection(edition, page)}${opinionSection(edition, page)}${toolsSection(edition, page)}${trendingSection(edition, page)}${moversSection(edition, page)}${readingSection(edition, page)}</div>`;
  return documentPage(page, {
    title: `${edition.text.headline} | ${PAPER_NAME}, ${mediumDate(edition.date)}`,
    description: edition.text.standfirst,
    canonicalPath: editionPath(edition.date),
    ogType: 'article',
    publishedAt: edition.publishedAt,
    noindex: edition.status === 'draft',
    header: masthead(page, { edition, current: options.front ? 'today' : undefined, hasSubscribe: true }),
    notices: dataBanner(edition),
    main: html`${article}\n${subscribeSection(page, edition)}\n${editionNav(nav, page)}`,
    footer: colophon(edition),
  });
}
