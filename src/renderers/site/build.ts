/**
 * @module renderers/site/build
 * The whole site from a list of editions: the front page (the newest edition), a permalink page
 * per edition with previous/next links by date, the archive, the methodology page, the 404 page
 * and the stylesheet. Pure apart from the QR code's promise: same editions, same files.
 */
import { type Edition, summariseForArchive } from '../../core/edition.js';
import { renderArchivePage } from './archive-page.js';
import { createPageAssets, stylesheetFile } from './assets.js';
import { editionPath, type SiteContext, type SiteFile } from './context.js';
import { renderEditionPage } from './edition-page.js';
import { renderMethodologyPage } from './methodology-page.js';
import { renderNotFoundPage } from './not-found-page.js';
import { renderSubjectsIndexPage, type SubjectIndexEntry } from './subjects-index-page.js';

const HTML = 'text/html; charset=utf-8';

/** Oldest first; one edition per date (the highest number wins, as a re-run would). */
function byDate(editions: readonly Edition[]): Edition[] {
  const latest = new Map<string, Edition>();
  for (const edition of editions) {
    const seen = latest.get(edition.date);
    if (!seen || edition.number > seen.number) latest.set(edition.date, edition);
  }
  return [...latest.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const page = (path: string, body: string): SiteFile => ({ path, body, contentType: HTML });

/** What the subject stage (pipeline/subjects) tells the rest of the site: the most-mentioned index. */
export interface SubjectsSummary {
  /** Every subject page, with its mentions (the `/subjects/` index and the sitemap read it). */
  index: SubjectIndexEntry[];
}

export async function buildSitePages(
  editions: Edition[],
  site: SiteContext,
  subjects?: SubjectsSummary,
): Promise<SiteFile[]> {
  const assets = await createPageAssets(site);
  const sorted = byDate(editions);
  const summaries = sorted.map(summariseForArchive);
  const files: SiteFile[] = [];
  sorted.forEach((edition, i) => {
    const nav = { previous: summaries[i - 1], next: summaries[i + 1] };
    files.push(
      page(`${editionPath(edition.date).slice(1)}index.html`, renderEditionPage(edition, nav, site, assets)),
    );
  });
  const newest = sorted.at(-1);
  const front = newest
    ? renderEditionPage(newest, { previous: summaries.at(-2) }, site, assets, { front: true })
    : renderArchivePage([], site, assets);
  files.unshift(page('index.html', front));
  files.push(
    page('editions/index.html', renderArchivePage(summaries, site, assets)),
    page('methodology/index.html', renderMethodologyPage(site, assets)),
    page('404.html', renderNotFoundPage(site, assets)),
    stylesheetFile(),
  );
  if (subjects)
    files.push(page('subjects/index.html', renderSubjectsIndexPage(subjects.index, site, assets)));
  return files;
}
