/**
 * @module renderers/site/masthead
 * The top of every page: the paper's name and tagline, the edition's date and number, the site
 * navigation, and the notice that says plainly when an edition's data is not live.
 */
import type { Edition } from '../../core/edition.js';
import { SOURCE_NAMES } from '../../core/vocabulary/names.js';
import { local, type Page } from './context.js';
import { longDate } from './format.js';
import { html, type Markup } from './html.js';

export const PAPER_NAME = 'The AI Morning Post';
export const TAGLINE = 'Artificial Intelligence • Machine Learning • Future Tech';

export { SOURCE_NAMES };

export type NavItem = 'today' | 'archive' | 'methodology';

export interface MastheadOptions {
  current?: NavItem;
  edition?: Edition;
  /** Whether the page itself holds the subscribe box and the feeds list. */
  hasSubscribe?: boolean;
  /** Whether the page is the search page, whose own form replaces the masthead's. */
  hasSearch?: boolean;
}

export function masthead(page: Page, options: MastheadOptions): Markup {
  const { edition } = options;
  const link = (item: NavItem, path: string, label: string) =>
    html`<li><a href="${local(page.site, path)}"${options.current === item ? html` aria-current="page"` : ''}>${label}</a></li>`;
  const here = (anchor: string) => (options.hasSubscribe ? `#${anchor}` : local(page.site, `/#${anchor}`));
  const line = edition
    ? html`<p class="edition-line"><time datetime="${edition.date}">${longDate(edition.date)}</time><span class="edition-number">No. ${edition.number}</span>${edition.status === 'draft' ? html`<strong class="draft-marker">Draft</strong>` : ''}</p>`
    : '';
  return html`<header class="masthead">${line}<p class="paper-name"><a href="${local(page.site, '/')}">${PAPER_NAME}</a></p><p class="tagline">${TAGLINE}</p><nav class="site-nav" aria-label="Site"><ul>${link('today', '/', 'Today')}${link('archive', '/editions/', 'Archive')}${link('methodology', '/methodology/', 'Methodology')}<li><a href="${here('subscribe')}">Subscribe</a></li><li><a href="${here('feeds')}">Feeds</a></li></ul></nav>${page.search && !options.hasSearch ? searchBox(page) : ''}</header>`;
}

/** The search form on every page of a site `serve` answers /search for: a plain GET, no script. */
function searchBox(page: Page): Markup {
  return html`<form class="site-search" role="search" method="get" action="${local(page.site, '/search')}"><label class="visually-hidden" for="site-search-q">Search the Post</label><input id="site-search-q" type="search" name="q" maxlength="200" placeholder="Search models, papers, editions…" autocomplete="off" spellcheck="false" enterkeyhint="search"><button type="submit">Search</button></form>`;
}

const failures = (edition: Edition): string =>
  edition.meta.failedSources.map((f) => `${SOURCE_NAMES[f.source]} (${f.error})`).join('; ');

/** Says when the data is not live: always visible, above the lead. */
export function dataBanner(edition: Edition): Markup {
  const { meta } = edition;
  const day = longDate(meta.dataDay);
  if (meta.dataMode === 'sample')
    return html`<aside class="banner" aria-label="Data notice"><p role="status"><strong>Not live data.</strong> This edition was made from the sample data shipped with the project, for ${day}. Its numbers describe that day, not today.</p></aside>`;
  if (meta.dataMode === 'stored') {
    const failed = failures(edition);
    return html`<aside class="banner" aria-label="Data notice"><p role="status"><strong>Not live data.</strong> This edition was built from stored snapshots of ${day}; ${failed ? `today’s collection failed: ${failed}.` : 'today’s collection did not run.'}</p></aside>`;
  }
  if (meta.failedSources.length > 0)
    return html`<aside class="notice" aria-label="Data notice"><p role="status">Some sources could not be collected today: ${failures(edition)}. The sections that use them show what was available.</p></aside>`;
  return html``;
}
