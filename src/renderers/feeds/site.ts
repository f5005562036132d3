/**
 * @module renderers/feeds/site
 * Where the site lives and the files it serves. Feeds, the sitemap and robots.txt are read by
 * machines that resolve nothing, so every link is absolute and built here from one base URL.
 */
import { MorningPostError } from '../../core/errors.js';

export interface FeedSite {
  /** MORNING_POST_URL: the site's absolute http(s) address, with or without a trailing slash. */
  baseUrl: string;
}

/** A file for the published site: its path under the site root, its bytes as text, its media type. */
export interface SiteFile {
  path: string;
  body: string;
  contentType: string;
}

export interface SiteUrls {
  /** The base URL without a trailing slash, so paths join with one `/`. */
  base: string;
  home: string;
  archive: string;
  methodology: string;
  edition(date: string): string;
  file(path: string): string;
}

export function siteUrls(site: FeedSite): SiteUrls {
  const base = checkedBase(site.baseUrl);
  return {
    base,
    home: `${base}/`,
    archive: `${base}/editions/`,
    methodology: `${base}/methodology/`,
    edition: (date) => `${base}/editions/${editionDay(date)}/`,
    file: (path) => `${base}/${path}`,
  };
}

function checkedBase(baseUrl: string): string {
  let url: URL | null = null;
  try {
    url = new URL(baseUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new MorningPostError('CONFIG_INVALID', `The site URL ${JSON.stringify(baseUrl)} is not usable.`, {
      hint: 'Set MORNING_POST_URL (site.url) to the absolute http(s) address the site is served from, e.g. https://news.example.org',
    });
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * The edition's date, checked: it names a folder of the published site, so anything but
 * YYYY-MM-DD (`..`, a slash) must never reach a path.
 */
export function editionDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new RangeError(`An edition's date must be YYYY-MM-DD, not ${JSON.stringify(date)}.`);
  return date;
}

/** A timestamp as a Date, or null when it does not parse (a feed must never print "Invalid Date"). */
export function parseTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

/** W3C datetime to the second, as sitemaps and feeds print it. */
export function isoSecond(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
