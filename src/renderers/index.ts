/**
 * @module renderers
 * The whole site from the stored editions: newspaper pages and archive (site/), feeds, sitemap,
 * robots (feeds/), and each edition's JSON and Markdown. Pure: files in memory, written by
 * pipeline/publish.
 */
import type { Edition } from '../core/edition.js';
import { buildEditionFiles, buildFeeds, buildRobots, buildSitemaps } from './feeds/index.js';
import { buildSitePages, type SiteContext, type SiteFile, type SubjectsSummary } from './site/index.js';

export type { SiteContext, SiteFile, SubjectsSummary };

/**
 * `subjects`, from the subject stage (pipeline/subjects), adds the most-mentioned index and every
 * subject page to the sitemap; the subject pages themselves are written by that stage.
 */
export async function renderSite(
  editions: Edition[],
  site: SiteContext,
  subjects?: SubjectsSummary,
): Promise<SiteFile[]> {
  const feedSite = { baseUrl: site.baseUrl };
  return [
    ...(await buildSitePages(editions, site, subjects)),
    ...buildFeeds(editions, feedSite),
    ...buildSitemaps(
      editions,
      feedSite,
      subjects ? ['/subjects/', ...subjects.index.map((entry) => entry.path)] : [],
    ),
    buildRobots(feedSite),
    ...editions.flatMap((edition) => buildEditionFiles(edition, feedSite)),
  ];
}
