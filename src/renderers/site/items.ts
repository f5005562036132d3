/**
 * @module renderers/site/items
 * How one planned item shows on the page: its name (linked only to an http(s) URL), who made it,
 * and its numbers in compact form.
 */
import type { PlannedItem } from '../../core/plan.js';
import { externalLink, isolate } from './context.js';
import { compact, signed } from './format.js';
import { html, join, type Markup } from './html.js';

export const itemName = (item: PlannedItem): Markup => externalLink(item.title, item.url);

/** `by author · tagline`, leaving out an author the name already starts with. */
export function itemByline(item: PlannedItem): Markup {
  const author = item.author && !item.title.startsWith(`${item.author}/`) ? item.author : null;
  const parts = [author ? html`by ${isolate(author)}` : '', item.tagline ? isolate(item.tagline) : ''];
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
