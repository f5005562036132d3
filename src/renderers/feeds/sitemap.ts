/**
 * @module renderers/feeds/sitemap
 * sitemap.xml (the sitemaps.org protocol) and robots.txt pointing at it.
 */
import type { Edition } from '../../core/edition.js';
import { escapeHtml } from './html.js';
import { type FeedSite, isoSecond, parseTime, type SiteFile, siteUrls } from './site.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The sitemaps.org limit of URLs per sitemap file; past it, sitemap.xml becomes an index. */
export const SITEMAP_LIMIT = 50_000;

interface Entry {
  loc: string;
  modified: Date | null;
}

function urlset(entries: readonly Entry[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<urlset xmlns="${SITEMAP_NS}">`,
    ...entries.map(({ loc, modified }) => {
      const lastmod = modified ? `<lastmod>${isoSecond(modified)}</lastmod>` : '';
      return `  <url><loc>${escapeHtml(loc)}</loc>${lastmod}</url>`;
    }),
    '</urlset>',
    '',
  ].join('\n');
}

/** The home page, the archive, the methodology page and every published edition. */
export function buildSitemap(editions: readonly Edition[], site: FeedSite): SiteFile {
  return buildSitemaps(editions, site)[0] as SiteFile;
}

/**
 * The sitemap with the site's other pages too (`paths`, root-relative: the subject pages and their
 * index). Up to SITEMAP_LIMIT URLs it is one sitemap.xml; past that sitemap.xml is a sitemap index
 * of `sitemap-1.xml`, `sitemap-2.xml`, … of at most SITEMAP_LIMIT URLs each.
 */
export function buildSitemaps(
  editions: readonly Edition[],
  site: FeedSite,
  paths: readonly string[] = [],
  limit = SITEMAP_LIMIT,
): SiteFile[] {
  const urls = siteUrls(site);
  const published = editions
    .filter((edition) => edition.status === 'published')
    .map((edition) => ({ loc: urls.edition(edition.date), modified: parseTime(edition.updatedAt) }))
    .sort((a, b) => (a.loc < b.loc ? 1 : a.loc > b.loc ? -1 : 0));
  const newest = published.reduce<Date | null>(
    (max, e) => (e.modified && (!max || e.modified > max) ? e.modified : max),
    null,
  );
  const entries: Entry[] = [
    { loc: urls.home, modified: newest },
    { loc: urls.archive, modified: newest },
    { loc: urls.methodology, modified: null },
    ...published,
    ...[...paths].sort().map((path) => ({ loc: `${urls.base}${path}`, modified: null })),
  ];
  const file = (path: string, body: string): SiteFile => ({ path, body, contentType: 'application/xml' });
  if (entries.length <= limit) return [file('sitemap.xml', urlset(entries))];
  const parts: SiteFile[] = [];
  for (let start = 0; start < entries.length; start += limit)
    parts.push(file(`sitemap-${parts.length + 1}.xml`, urlset(entries.slice(start, start + limit))));
  const index = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sitemapindex xmlns="${SITEMAP_NS}">`,
    ...parts.map((part) => `  <sitemap><loc>${escapeHtml(urls.file(part.path))}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
  return [file('sitemap.xml', index), ...parts];
}

export function buildRobots(site: FeedSite): SiteFile {
  const body = ['User-agent: *', 'Allow: /', '', `Sitemap: ${siteUrls(site).file('sitemap.xml')}`, ''].join(
    '\n',
  );
  return { path: 'robots.txt', body, contentType: 'text/plain; charset=utf-8' };
}
