/**
 * @module renderers/site/not-found-page
 * `404.html`, served for any unknown path, so every link in it is root-relative.
 */
import { local, type PageAssets, pageContext, type SiteContext } from './context.js';
import { html } from './html.js';
import { documentPage } from './layout.js';
import { masthead, PAPER_NAME } from './masthead.js';

export function renderNotFoundPage(site: SiteContext, assets: PageAssets): string {
  const page = pageContext(site, assets);
  return documentPage(page, {
    title: `Page not found | ${PAPER_NAME}`,
    description: 'There is no page at this address.',
    canonicalPath: '/404.html',
    ogType: 'website',
    noindex: true,
    header: masthead(page, {}),
    main: html`<div class="page"><h1>Page not found</h1><p class="standfirst">There is no page at this address. Editions live at addresses like <code>/editions/2026-08-23/</code>.</p><ul><li><a href="${local(page.site, '/')}">Today’s edition</a></li><li><a href="${local(page.site, '/editions/')}">The archive of every edition</a></li></ul></div>`,
  });
}
