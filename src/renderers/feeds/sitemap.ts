/**
 * @module renderers/feeds/sitemap
 * sitemap.xml (the sitemaps.org protocol) and robots.txt pointing at it.
 */
import type { Edition } from '../../core/edition.js';
import { escapeHtml } from './html.js';
import { type FeedSite, isoSecond, parseTime, type SiteFile, siteUrls } from './site.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The home page, the archive, the methodology page and every published edition. */
export function buildSitemap(editions: readonly Edition[], site: FeedSite): SiteFile {
  const urls = siteUrls(site);
  const published = editions
    .filter((edition) => edition.status === 'published')
    .map((edition) => ({ loc: urls.edition(edition.date), modified: parseTime(edition.updatedAt) }))
    .sort((a, b) => (a.loc < b.loc ? 1 : a.loc > b.loc ? -1 : 0));
  const newest = published.reduce<Date | null>(
    (max, e) => (e.modified && (!max || e.modified > max) ? e.modified : max),
    null,
  );
  const entries = [
    { loc: urls.home, modified: newest },
    { loc: urls.archive, modified: newest },
    { loc: urls.methodology, modified: null },
    ...published,
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${SITEMAP_NS}">`,
    ...entries.map(({ loc, modified }) => {
      const lastmod = modified ? `<lastmod>${isoSecond(modified)}</lastmod>` : '';
      return `  <url><loc>${escapeHtml(loc)}</loc>${lastmod}</url>`;
    }),
    '</urlset>',
    '',
  ].join('\n');
  return { path: 'sitemap.xml', body, contentType: 'application/xml' };
}

export function buildRobots(site: FeedSite): SiteFile {
  const body = ['User-agent: *', 'Allow: /', '', `Sitemap: ${siteUrls(site).file('sitemap.xml')}`, ''].join(
    '\n',
  );
  return { path: 'robots.txt', body, contentType: 'text/plain; charset=utf-8' };
}
