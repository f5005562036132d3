/**
 * @module renderers/site/context
 * What every page needs besides the edition: where the site lives (absolute links for canonical
 * URLs and feeds, root-relative links that keep working under a path prefix), the Telegram
 * channel's public link if it has one, and the assets computed once per build.
 */
import { MorningPostError } from '../../core/errors.js';
import type { ItemKind } from '../../core/item.js';
import type { PlannedItem } from '../../core/plan.js';
import { authorPath, itemPath } from '../../core/subjects.js';
import { html, type Markup } from './html.js';

export interface SiteContext {
  /** MORNING_POST_URL, e.g. `http://localhost:8080` or `https://example.org/post/`. */
  baseUrl: string;
  /** `@name`, `https://t.me/…`, or a numeric chat id (which has no public link). */
  telegramChannel?: string;
  /**
   * Whether this build has a page for every subject (publish with a store, pipeline/subjects):
   * then items' names link to their subject pages. Off by default, so an edition rendered
   * without the store (renderer tests, a bare renderSite) never links to a page that is not there.
   */
  subjectPages?: boolean;
  /**
   * Whether pages carry the search form (GET /search): only where `serve` answers that path, so
   * never on a site a bucket or a plain web server hosts by default (site.search, cli serve).
   */
  search?: boolean;
}

/** One file of the built site; `path` is relative to the site root. */
export interface SiteFile {
  path: string;
  body: string;
  contentType: string;
}

/** What is computed once per build and shared by every page. */
export interface PageAssets {
  /** Root-relative URL of the content-hashed stylesheet. */
  stylesheetHref: string;
  telegram?: { url: string; label: string; qrSvg: string };
}

export interface Site {
  /** The base URL without a trailing slash: absolute links start with it. */
  origin: string;
  /** Its path (`''` at a domain's root): root-relative links start with it. */
  basePath: string;
}

export function resolveSite(context: SiteContext): Site {
  let url: URL;
  try {
    url = new URL(context.baseUrl.trim());
  } catch (cause) {
    throw invalidBase(context.baseUrl, cause);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidBase(context.baseUrl);
  const basePath = url.pathname.replace(/\/+$/, '');
  return { origin: `${url.origin}${basePath}`, basePath };
}

function invalidBase(value: string, cause?: unknown): MorningPostError {
  return new MorningPostError('CONFIG_INVALID', `The site's base URL is not an http(s) URL: ${value}`, {
    hint: 'Set MORNING_POST_URL to the public address, e.g. https://example.org',
    cause,
  });
}

/** A link inside the site, root-relative (with the base path). `path` starts with `/`. */
export const local = (site: Site, path: string): string => `${site.basePath}${path}`;
export const absolute = (site: Site, path: string): string => `${site.origin}${path}`;
export const editionPath = (date: string): string => `/editions/${date}/`;

/** The channel's public link: `@name` → `https://t.me/name`; chat ids have none. */
export function telegramLink(channel: string | undefined): { url: string; label: string } | undefined {
  const value = channel?.trim() ?? '';
  const name = /^@([A-Za-z]\w{3,})$/.exec(value);
  if (name) return { url: `https://t.me/${name[1]}`, label: value };
  if (/^https:\/\/t\.me\/[\w+/-]+$/.test(value)) return { url: value, label: value.slice('https://'.length) };
  return undefined;
}

/** An outside URL as an href, or null: only absolute http(s) URLs become links. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// Bidi controls in outside names (U+202E and friends) could reorder the text around them.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
export const isolate = (text: string): Markup | string => (BIDI.test(text) ? html`<bdi>${text}</bdi>` : text);

/** A link to an outside page, or the plain text when the URL is not http(s). */
export function externalLink(text: string, url: string | null | undefined): Markup {
  const href = safeHref(url);
  return href ? html`<a href="${href}" rel="noopener">${isolate(text)}</a>` : html`${isolate(text)}`;
}

/** Per-page state: the site, the shared assets, and ids unique within the page. */
export interface Page {
  site: Site;
  assets: PageAssets;
  /** Subject pages exist in this build (SiteContext.subjectPages). */
  subjectPages: boolean;
  /** The masthead carries the search form (SiteContext.search). */
  search: boolean;
  /**
   * Upstream URL → subject page, for the items of the edition on this page: a name the writers
   * linked in their prose leads to the Post's page about it, not away from the paper.
   */
  mentions: ReadonlyMap<string, string>;
  id(prefix: string): string;
}

export function pageContext(context: SiteContext, assets: PageAssets): Page {
  let next = 0;
  return {
    site: resolveSite(context),
    assets,
    subjectPages: context.subjectPages === true,
    search: context.search === true,
    mentions: new Map(),
    id: (prefix) => `${prefix}-${++next}`,
  };
}

/** The root-relative link to an item's subject page, when this build has one for it. */
export function subjectHref(page: Page, kind: ItemKind, externalId: string): string | undefined {
  if (!page.subjectPages) return undefined;
  const path = itemPath(kind, externalId);
  return path === undefined ? undefined : local(page.site, path);
}

/** The subject pages of the items an edition names, by their upstream URL (see Page.mentions). */
export function mentionLinks(page: Page, items: readonly PlannedItem[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const item of items) {
    const href = subjectHref(page, item.kind, item.externalId);
    if (href && !links.has(item.url)) links.set(item.url, href);
  }
  return links;
}

/** The root-relative link to an author's page, when this build has one. */
export function authorHref(page: Page, name: string | null | undefined): string | undefined {
  if (!page.subjectPages || !name) return undefined;
  const path = authorPath(name);
  return path === undefined ? undefined : local(page.site, path);
}
