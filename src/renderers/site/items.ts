/**
 * @module renderers/site/items
 * How one planned item shows on the page: its name (linked only to an http(s) URL), who made it,
 * and its numbers in compact form.
 */
import type { PlannedItem } from '../../core/plan.js';
import { externalLink, isolate, type Page, safeHref, subjectHref } from './context.js';
import { compact, signed } from './format.js';
import { html, join, type Markup } from './html.js';

/**
 * The item's name: a link to its subject page when the build has one, else to its upstream page
 * (only an http(s) URL becomes a link).
 */
export function itemName(item: PlannedItem, page?: Page): Markup {
  const href = page ? subjectHref(page, item.kind, item.externalId) : undefined;
  return href ? html`<a href="${href}">${isolate(item.title)}</a>` : externalLink(item.title, item.url);
}

/** Where an upstream URL lives, in the Post's platform words: "Hugging Face", "GitHub", "arXiv". */
export function platformName(url: string): string {
  const href = safeHref(url);
  const host = href ? new URL(href).hostname.replace(/^www\./, '') : '';
  if (host === 'huggingface.co' || host.endsWith('.hf.space')) return 'Hugging Face';
  if (host === 'github.com') return 'GitHub';
  if (host === 'arxiv.org' || host === 'export.arxiv.org') return 'arXiv';
  return host || 'its source';
}

/**
 * The upstream link beside a name that links to its subject page (`on Hugging Face`), so the
 * item's own page upstream stays one click away; empty when the name links upstream already.
 */
export function upstreamLink(item: PlannedItem, page?: Page): Markup {
  const href = safeHref(item.url);
  if (!page || !href || !subjectHref(page, item.kind, item.externalId)) return html``;
  return html`<a class="upstream" href="${href}" rel="noopener">on ${platformName(href)}<span class="visually-hidden">: ${isolate(item.title)}</span></a>`;
}

/** `by author · tagline`, leaving out an author the name already starts with. */
export function itemByline(item: PlannedItem, page?: Page): Markup {
  const author = item.author && !item.title.startsWith(`${item.author}/`) ? item.author : null;
  const upstream = upstreamLink(item, page);
  const parts = [
    author ? html`by ${isolate(author)}` : '',
    item.tagline ? isolate(item.tagline) : '',
    upstream.value ? upstream : '',
  ];
  const line = join(parts, ' · ');
  return line.value ? html`<p class="item-meta">${line}</p>` : html``;
}

/** The item's numbers as one run of text (`412 likes · 3.1k downloads`), empty when it has none. */
export function statsLine(item: PlannedItem): Markup {
  const m = item.metrics;
  const period = item.list.includes('daily') ? 'today' : 'this week';
  const stats = [
    m.likes !== undefined ? `${compact(m.likes)} likes` : '',
    m.downloads !== undefined ? `${compact(m.downloads)} downloads` : '',
    m.stars !== undefined ? `${compact(m.stars)} stars` : '',
    m.starsInPeriod ? `${signed(m.starsInPeriod)} stars ${period}` : '',
    m.upvotes !== undefined ? `${compact(m.upvotes)} upvotes` : '',
  ].filter(Boolean);
  return join(stats, ' · ');
}

export function itemStats(item: PlannedItem): Markup {
  const line = statsLine(item);
  return line.value ? html`<p class="stats">${line}</p>` : line;
}
