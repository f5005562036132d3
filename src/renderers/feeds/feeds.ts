/**
 * @module renderers/feeds/feeds
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the published editions, built with the `feed` package.
 *
 * What `feed` (v6) does and does not do, and so what this file does for it:
 * - item titles, descriptions and content go into CDATA unescaped, and Atom marks them
 *   `type="html"`: a headline with `<script>` in it would be markup. We pass HTML, escaped here;
 *   escaping `>` also keeps `]]>` out (xml-js ends only the first `]]>` it meets);
 * - it does not drop characters XML forbids (a NUL or a form feed breaks the whole feed): we do;
 * - `updated` defaults to the current time: we pass the newest item's date, so the bytes are the
 *   same for the same editions;
 * - its JSON output says version 1 and has no `language`, `authors` or (without `published`)
 *   `date_published`: we bring it to 1.1, and escape `<` so no raw markup is in the file;
 * - an item `id` turns the RSS guid into `isPermaLink="false"`: the XML feeds get none, so the
 *   guid is the permalink itself.
 */
import { Feed, type Item } from 'feed';
import type { Edition } from '../../core/edition.js';
import { dataLabel, dataNote } from '../markdown/notes.js';
import { escapeHtml, paragraphHtml, xmlSafe } from './html.js';
import { jsonForWeb } from './json.js';
import { type FeedSite, parseTime, type SiteFile, type SiteUrls, siteUrls } from './site.js';

export const FEED_TITLE = 'The AI Morning Post';
const FEED_DESCRIPTION = 'A daily newspaper about the AI ecosystem, written from live data.';
export const MAX_FEED_ITEMS = 30;

/** One edition as the feeds see it, in plain text and HTML. */
interface FeedEntry {
  url: string;
  headline: string;
  summary: string;
  contentHtml: string;
  date: Date;
  published: Date | null;
}

/** The editions a feed lists: published ones, newest first, at most MAX_FEED_ITEMS. */
export function feedEditions(editions: readonly Edition[]): Edition[] {
  return editions
    .filter((edition) => edition.status === 'published')
    .sort((a, b) => (a.date === b.date ? b.number - a.number : a.date < b.date ? 1 : -1))
    .slice(0, MAX_FEED_ITEMS);
}

export function buildFeeds(editions: readonly Edition[], site: FeedSite): SiteFile[] {
  const urls = siteUrls(site);
  const entries = feedEditions(editions).map((edition) => feedEntry(edition, urls));
  const newest = entries.reduce<Date | null>((max, e) => (max && max >= e.date ? max : e.date), null);
  const xml = feedOf(entries, urls, newest, 'html');
  return [
    { path: 'feed.xml', body: `${xml.rss2()}\n`, contentType: 'application/rss+xml' },
    { path: 'atom.xml', body: `${xml.atom1()}\n`, contentType: 'application/atom+xml' },
    {
      path: 'feed.json',
      body: jsonFeed(feedOf(entries, urls, newest, 'text')),
      contentType: 'application/feed+json',
    },
  ];
}

function feedEntry(edition: Edition, urls: SiteUrls): FeedEntry {
  const url = urls.edition(edition.date);
  const published = parseTime(edition.publishedAt);
  const date = published ?? parseTime(edition.updatedAt) ?? new Date(`${edition.date}T00:00:00Z`);
  const label = dataLabel(edition.meta);
  const note = dataNote(edition.meta);
  const standfirst = edition.text.standfirst;
  const lead = edition.text.sections.find((section) => section.id === 'lead');
  const paragraphs = lead && lead.paragraphs.length > 0 ? lead.paragraphs : [[standfirst]];
  const contentHtml = [
    ...(note ? [`<p><em>${escapeHtml(note)}</em></p>`] : []),
    ...paragraphs.map(paragraphHtml),
    `<p><a href="${escapeHtml(url)}">Read the full edition</a></p>`,
  ].join('\n');
  return {
    url,
    headline: edition.text.headline,
    summary: label ? `${label}. ${standfirst}` : standfirst,
    contentHtml,
    date,
    published,
  };
}

/**
 * `html`: titles and summaries as escaped HTML, for RSS and Atom, which carry them as HTML;
 * `text`: as plain text, for JSON Feed, whose `title` and `summary` are plain text.
 */
function feedOf(
  entries: readonly FeedEntry[],
  urls: SiteUrls,
  newest: Date | null,
  as: 'html' | 'text',
): Feed {
  const text = as === 'html' ? escapeHtml : xmlSafe;
  const feed = new Feed({
    id: urls.home,
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    link: urls.home,
    language: 'en',
    // An empty feed still needs a fixed date: the epoch says "nothing yet" without reading a clock.
    updated: newest ?? new Date(0),
    generator: FEED_TITLE,
    copyright: `© ${newest ? `${newest.getUTCFullYear()} ` : ''}${FEED_TITLE}. Data from Hugging Face, GitHub and arXiv.`,
    feedLinks: { rss: urls.file('feed.xml'), atom: urls.file('atom.xml'), json: urls.file('feed.json') },
    author: { name: FEED_TITLE, link: urls.home },
  });
  for (const entry of entries) {
    const item: Item = {
      title: text(entry.headline),
      link: entry.url,
      date: entry.date,
      description: text(entry.summary),
      content: entry.contentHtml,
    };
    if (entry.published) item.published = entry.published;
    if (as === 'text') item.id = entry.url;
    feed.addItem(item);
  }
  return feed;
}

type JsonObject = Record<string, unknown>;

function jsonFeed(feed: Feed): string {
  const {
    version: _v1,
    author,
    items,
    ...rest
  } = JSON.parse(feed.json1()) as JsonObject & {
    items: JsonObject[];
  };
  return jsonForWeb({
    version: 'https://jsonfeed.org/version/1.1',
    ...rest,
    language: 'en',
    authors: author ? [author] : [],
    items: items.map((item) => ({ ...item, date_published: item.date_published ?? item.date_modified })),
  });
}
