/**
 * @module renderers/site/trending
 * Trending lists (Hugging Face models, datasets and Spaces; GitHub repositories) with their
 * numbers, and the week's biggest movers with a sparkline each.
 */
import type { Edition } from '../../core/edition.js';
import type { PlannedItem } from '../../core/plan.js';
import type { Mover } from '../../core/signals.js';
import type { SectionText } from '../../core/text.js';
import { moversTitle, SECTIONS } from '../../core/vocabulary/names.js';
import { count } from '../../core/vocabulary/numbers.js';
import { sparkline } from './charts.js';
import type { Page } from './context.js';
import { compact, moverGains, ordinal } from './format.js';
import { html, type Markup } from './html.js';
import { itemByline, itemName, itemStats } from './items.js';
import { entryFor, inline, paragraphs } from './prose.js';
import { sectionText } from './stories.js';

const GROUPS = [
  ['models', 'Hugging Face: models'],
  ['datasets', 'Hugging Face: datasets'],
  ['spaces', 'Hugging Face: Spaces'],
  ['repositories', 'GitHub: AI/ML repositories'],
] as const;

/**
 * The writer's line about an item. The newsroom builds these lines from the very numbers the
 * list already prints, so only another writer's lines (which may add context) are shown.
 */
function blurb(text: SectionText | undefined, item: PlannedItem, page?: Page): Markup {
  if (!text || text.writer === 'newsroom') return html``;
  const entry = entryFor(text, item.itemId);
  return entry && entry.blurb.length > 0
    ? html`<p class="blurb">${inline(entry.blurb, page?.mentions)}</p>`
    : html``;
}

function row(item: PlannedItem, text: SectionText | undefined, page?: Page): Markup {
  const rank =
    item.rank !== null
      ? html`<span class="rank"><span class="visually-hidden">Rank </span>${item.rank}</span>`
      : '';
  return html`<li class="item">${rank}<div class="item-body"><p class="item-name">${itemName(item, page)}</p>${itemByline(item, page)}${itemStats(item)}${blurb(text, item, page)}</div></li>`;
}

export function trendingSection(edition: Edition, page?: Page): Markup {
  const text = sectionText(edition, 'trending');
  const lists = edition.plan.trending;
  const groups = GROUPS.filter(([key]) => lists[key].length > 0).map(
    ([key, title]) =>
      html`<section class="trend-group trend-${key}" aria-labelledby="trending-${key}"><h3 id="trending-${key}" class="group-title">${title}</h3><ol class="items">${lists[key].map((item) => row(item, text, page))}</ol></section>`,
  );
  const planned = new Set(Object.values(lists).flatMap((list) => list.map((item) => item.itemId)));
  const extra = (text?.entries ?? []).filter(
    (entry) => entry.itemId === undefined || !planned.has(entry.itemId),
  );
  if (!text && groups.length === 0) return html``;
  const more =
    extra.length > 0
      ? html`<ul class="also">${extra.map((entry) => html`<li>${inline(entry.name, page?.mentions)}: ${inline(entry.blurb, page?.mentions)}</li>`)}</ul>`
      : '';
  return html`<section class="trending" id="trending" aria-labelledby="trending-title"><h2 id="trending-title" class="section-label">${text?.title ?? SECTIONS.trending.title}</h2>${paragraphs(text?.paragraphs ?? [], 'section-intro', page?.mentions)}<div class="trend-groups">${groups}</div>${more}</section>`;
}

const METRIC_NAMES: Record<Mover['sparklineMetric'], string> = {
  likes: 'Likes',
  stars: 'Stars',
  downloads: 'Downloads',
  rank: 'Rank',
  upvotes: 'Upvotes',
};

function badge(mover: Mover): Markup {
  const now = mover.rankNow !== null ? `, now ${ordinal(mover.rankNow)}` : '';
  if (mover.isNew) return html`<p class="badge badge-new">New${now}</p>`;
  const change = mover.rankChange;
  if (change === null || change === 0)
    return html`<p class="badge">${change === 0 ? 'No change' : 'Unranked before'}${now}</p>`;
  const places = Math.abs(change) === 1 ? 'place' : 'places';
  return change > 0
    ? html`<p class="badge badge-up"><span aria-hidden="true">▲</span> Up ${change} ${places}${now}</p>`
    : html`<p class="badge badge-down"><span aria-hidden="true">▼</span> Down ${-change} ${places}${now}</p>`;
}

function gains(mover: Mover): string {
  return moverGains(mover).join(', ');
}

function trend(mover: Mover): Markup {
  const values = mover.sparkline;
  const known = values.filter((value): value is number => value !== null);
  const first = known[0];
  const last = known.at(-1);
  if (first === undefined || last === undefined) return html``;
  const name = METRIC_NAMES[mover.sparklineMetric];
  const days = values.length;
  const missing = values.length - known.length;
  const label = `${name} over ${days} days: ${values.map((value) => (value === null ? 'no data' : compact(value))).join(', ')}`;
  // A rank falls as an item climbs: draw it upside down so a climb still points up.
  const drawn =
    mover.sparklineMetric === 'rank' ? values.map((value) => (value === null ? null : -value)) : values;
  const gaps = missing > 0 ? ` (${missing} of ${days} days without data)` : '';
  return html`<div class="trend">${sparkline(drawn, label)}<p class="spark-caption">${name}: ${compact(first)} → ${compact(last)}${gaps}</p></div>`;
}

export function moversSection(edition: Edition, page?: Page): Markup {
  const text = sectionText(edition, 'movers');
  const movers = edition.plan.movers.items;
  if (!text && movers.length === 0) return html``;
  const items = movers.map(({ item, mover }) => {
    // A writer's line usually states the gains; print them ourselves only when there is none.
    const written = blurb(text, item, page);
    const gained = written.value ? '' : gains(mover);
    return html`<li class="mover"><p class="item-name">${itemName(item, page)}</p>${badge(mover)}${trend(mover)}${gained ? html`<p class="stats">${gained} over ${count(mover.windowDays, 'day')}</p>` : ''}${written}</li>`;
  });
  return html`<section class="movers" id="movers" aria-labelledby="movers-title"><h2 id="movers-title" class="section-label">${text?.title ?? moversTitle(edition.plan.movers.windowDays)}</h2>${paragraphs(text?.paragraphs ?? [], 'section-intro', page?.mentions)}${movers.length > 0 ? html`<ol class="mover-list">${items}</ol>` : ''}</section>`;
}
