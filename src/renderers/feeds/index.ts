/**
 * @module renderers/feeds
 * The site's machine-readable files: RSS, Atom and JSON feeds, the sitemap, robots.txt, and each
 * edition as JSON and Markdown. Pure functions of the editions and the site's base URL: the same
 * input gives the same bytes (no clock is read).
 */
export { buildEditionFiles } from './edition-files.js';
export { buildFeeds, FEED_TITLE, feedEditions, MAX_FEED_ITEMS } from './feeds.js';
export { jsonForWeb } from './json.js';
export { type FeedSite, type SiteFile, type SiteUrls, siteUrls } from './site.js';
export { buildRobots, buildSitemap, buildSitemaps, SITEMAP_LIMIT } from './sitemap.js';
