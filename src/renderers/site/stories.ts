/**
 * @module renderers/site/stories
 * The long-form sections: the lead (with links back to earlier editions that covered the same
 * subject), the deep dive with a chart of its items, and the two opinion pieces, labelled as such.
 */
import type { Edition } from '../../core/edition.js';
import type { PlannedItem, Story } from '../../core/plan.js';
import type { SectionId, SectionText } from '../../core/text.js';
import { SECTIONS } from '../../core/vocabulary/names.js';
import { type BarRow, barChart } from './charts.js';
import { editionPath, local, type Page } from './context.js';
import { compact, mediumDate, parameters } from './format.js';
import { html, type Markup } from './html.js';
import { paragraphs } from './prose.js';

export const sectionText = (edition: Edition, id: SectionId): SectionText | undefined =>
  edition.text.sections.find((section) => section.id === id);

export function leadSection(edition: Edition, page: Page): Markup {
  const lead = sectionText(edition, 'lead');
  const previously = edition.plan.lead?.previously ?? [];
  const back =
    previously.length > 0
      ? html`<aside class="previously" aria-labelledby="previously-title"><h2 id="previously-title" class="minor-heading">Previously in the Post</h2><ul>${previously.map(
          (ref) =>
            html`<li><a href="${local(page.site, editionPath(ref.date))}">${ref.headline ?? `Edition No. ${ref.number}`}</a> <span class="meta">No. ${ref.number}, <time datetime="${ref.date}">${mediumDate(ref.date)}</time></span></li>`,
        )}</ul></aside>`
      : '';
  const paras = lead?.paragraphs ?? [];
  // A drop cap on a linked first word would enlarge the link's first letter alone.
  const opening = paras[0]?.[0];
  const dropCap = typeof opening === 'string' && /^\p{L}/u.test(opening);
  return html`<div class="lead" id="lead"><h1 id="lead-title">${edition.text.headline}</h1><p class="standfirst">${edition.text.standfirst}</p><div class="lead-body${dropCap ? ' drop-cap' : ''}">${paragraphs(paras, undefined, page.mentions)}</div>${back}</div>`;
}

interface ItemMeasure {
  heading: string;
  get(item: PlannedItem): number | undefined;
  show(value: number): string;
}

const MEASURES: readonly ItemMeasure[] = [
  { heading: 'Parameters', get: (item) => item.facts?.parameters, show: parameters },
  { heading: 'Likes', get: (item) => item.metrics.likes, show: compact },
  { heading: 'Stars', get: (item) => item.metrics.stars, show: compact },
  { heading: 'Downloads', get: (item) => item.metrics.downloads, show: compact },
  { heading: 'Upvotes', get: (item) => item.metrics.upvotes, show: compact },
];

/** Size tells the most when every item has one; otherwise the count most of the items share. */
function storyChart(story: Story, page: Page): Markup {
  const items = story.items.slice(0, 8);
  const complete = MEASURES.find(
    (m) => items.length >= 2 && items.every((item) => m.get(item) !== undefined),
  );
  const measure =
    complete ?? MEASURES.find((m) => items.filter((item) => m.get(item) !== undefined).length >= 2);
  if (!measure) return html``;
  const rows: BarRow[] = items.flatMap((item) => {
    const value = measure.get(item);
    return value === undefined ? [] : [{ label: item.title, value, shown: measure.show(value) }];
  });
  const title = `${measure.heading} of the ${rows.length} items in this story`;
  return html`<figure class="figure"><figcaption>${title}</figcaption>${barChart(page.id('deep-chart'), title, rows, measure.heading)}</figure>`;
}

export function deepDiveSection(edition: Edition, page: Page): Markup {
  const text = sectionText(edition, 'deepDive');
  if (!text) return html``;
  const story = edition.plan.deepDive;
  return html`<section class="deep-dive" id="deep-dive" aria-labelledby="deep-dive-title"><h2 id="deep-dive-title" class="section-label">${SECTIONS.deepDive.title}</h2><h3 class="piece-title">${text.title}</h3>${text.standfirst ? html`<p class="standfirst">${text.standfirst}</p>` : ''}<div class="columns">${paragraphs(text.paragraphs, undefined, page.mentions)}</div>${story ? storyChart(story, page) : ''}</section>`;
}

export function opinionSection(edition: Edition, page: Page): Markup {
  const pieces = (['opinion1', 'opinion2'] as const)
    .map((id) => sectionText(edition, id))
    .filter((piece): piece is SectionText => piece !== undefined);
  if (pieces.length === 0) return html``;
  return html`<section class="opinion" id="opinion" aria-labelledby="opinion-title"><h2 id="opinion-title" class="section-label">${SECTIONS.opinion1.title}</h2><div class="opinion-pieces">${pieces.map(
    (piece) =>
      html`<article class="opinion-piece" aria-labelledby="${piece.id}-title"><p class="kicker">Opinion</p><h3 class="piece-title" id="${piece.id}-title">${piece.title}</h3>${paragraphs(piece.paragraphs, undefined, page.mentions)}<p class="signoff">— The AI Morning Post</p></article>`,
  )}</div></section>`;
}
