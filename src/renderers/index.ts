/**
 * @module renderers
 * The whole site from the stored editions: newspaper pages and archive (site/), feeds, sitemap,
 * robots (feeds/), and each edition's JSON and Markdown. Pure: files in memory, written by
 * pipeline/publish.
 */
import type { Edition } from '../core/edition.js';
import { buildEditionFiles, buildFeeds, buildRobots, buildSitemap } from './feeds/index.js';
import { buildSitePages, type SiteContext, type SiteFile } from './site/index.js';

export type { SiteContext, SiteFile };

export async function renderSite(editions: Edition[], site: SiteContext): Promise<SiteFile[]> {
  const feedSite = { baseUrl: site.baseUrl };
  return [
    ...(await buildSitePages(editions, site)),
    ...buildFeeds(editions, feedSite),
    buildSitemap(editions, feedSite),
    buildRobots(feedSite),
    ...editions.flatMap((edition) => buildEditionFiles(edition, feedSite)),
  ];
}
