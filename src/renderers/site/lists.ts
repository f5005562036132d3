/**
 * @module renderers/site/lists
 * The one-line-per-item sections: Tools of the Week (a card per pick, labelled by its slot) and
 * the reading list (papers). Entries come from the writer; the plan fills in when one is missing.
 */
import type { Edition } from '../../core/edition.js';
import type { PlannedItem, ToolPick } from '../../core/plan.js';
import type { ListEntry } from '../../core/text.js';
import { readingTitle, SECTIONS } from '../../core/vocabulary/names.js';
import { isolate, type Page, subjectHref } from './context.js';
import { html, type Markup } from './html.js';
import { itemName, statsLine } from './items.js';
import { inline, paragraphs } from './prose.js';
import { sectionText } from './stories.js';

const SLOT_LABELS: Record<ToolPick['slot'], string> = {
  model: 'Model',
  library: 'Library',
  app: 'App',
  repository: 'Repository',
};

interface Line {
  itemId?: number;
  name: Markup;
  blurb: Markup;
}

/**
 * The writer's entries, or the plan's items when the writer gave none. With subject pages, an
 * entry's name links to its item's page (its words kept, its upstream link dropped: the subject
 * page carries that one).
 */
function lines(
  entries: readonly ListEntry[] | undefined,
  items: readonly PlannedItem[],
  page?: Page,
): Line[] {
  if (entries && entries.length > 0)
    return entries.map((entry) => {
      const item = items.find((candidate) => candidate.itemId === entry.itemId);
      const href = item && page ? subjectHref(page, item.kind, item.externalId) : undefined;
      const words = entry.name.map((piece) => (typeof piece === 'string' ? piece : piece.text)).join('');
      return {
        itemId: entry.itemId,
        name:
          href && words ? html`<a href="${href}">${isolate(words)}</a>` : inline(entry.name, page?.mentions),
        blurb: inline(entry.blurb, page?.mentions),
      };
    });
  return items.map((item) => ({ itemId: item.itemId, name: itemName(item, page), blurb: statsLine(item) }));
}

export function toolsSection(edition: Edition, page?: Page): Markup {
  const text = sectionText(edition, 'tools');
  const picks = edition.plan.tools;
  const all = lines(
    text?.entries,
    picks.map((pick) => pick.item),
    page,
  );
  if (!text && all.length === 0) return html``;
  const cards = all.map((line) => {
    const slot = picks.find((pick) => pick.item.itemId === line.itemId)?.slot;
    return html`<li class="tool">${slot ? html`<p class="kicker">${SLOT_LABELS[slot]}</p>` : ''}<h3 class="item-name">${line.name}</h3><p>${line.blurb}</p></li>`;
  });
  return html`<section class="tools" id="tools" aria-labelledby="tools-title"><h2 id="tools-title" class="section-label">${text?.title ?? SECTIONS.tools.title}</h2>${paragraphs(text?.paragraphs ?? [], 'section-intro', page?.mentions)}<ul class="cards">${cards}</ul></section>`;
}

export function readingSection(edition: Edition, page?: Page): Markup {
  const text = sectionText(edition, 'reading');
  const all = lines(
    text?.entries,
    edition.plan.reading.map((entry) => entry.item),
    page,
  );
  if (!text && all.length === 0) return html``;
  const title = text?.title ?? readingTitle(edition.plan.isWeekend);
  return html`<section class="reading" id="reading" aria-labelledby="reading-title"><h2 id="reading-title" class="section-label">${title}</h2>${paragraphs(text?.paragraphs ?? [], 'section-intro', page?.mentions)}<ol class="reading-list">${all.map(
    (line) => html`<li><h3 class="item-name">${line.name}</h3><p>${line.blurb}</p></li>`,
  )}</ol></section>`;
}
