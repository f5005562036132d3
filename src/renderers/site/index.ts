/**
 * @module renderers/site
 * The newspaper's web pages, rendered on the server as complete HTML documents with no client
 * JavaScript: the edition page, the archive, the methodology page, 404, and the stylesheet.
 */
export { renderArchivePage } from './archive-page.js';
export { createPageAssets, stylesheetFile } from './assets.js';
export { type AuthorSubject, renderAuthorPage } from './author-page.js';
export { buildSitePages, type SubjectsSummary } from './build.js';
export type { PageAssets, SiteContext, SiteFile } from './context.js';
export { type EditionNav, type EditionPageOptions, renderEditionPage } from './edition-page.js';
export { renderMethodologyPage } from './methodology-page.js';
export { renderNotFoundPage } from './not-found-page.js';
export { type ItemSubject, renderSubjectPage, type SubjectDay, type SubjectMention } from './subject-page.js';
export { renderSubjectsIndexPage, type SubjectIndexEntry } from './subjects-index-page.js';
