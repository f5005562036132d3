/**
 * @module renderers/site/colophon
 * The edition's footer: when each source's data was taken (and whether it is older than the
 * edition), and which writer wrote which section, with the reason for any fallback.
 */
import type { Edition } from '../../core/edition.js';
import { SECTIONS, SOURCE_NAMES } from '../../core/vocabulary/names.js';
import { mediumDate, timestamp } from './format.js';
import { html, type Markup } from './html.js';

const STATUS: Record<string, string> = {
  ok: 'OK',
  partial: 'Partial',
  failed: 'Failed',
  missing: 'Not collected',
};

function describeWriter(writer: string): string {
  return writer === 'newsroom' ? 'newsroom, the Post’s built-in writer' : `${writer}, a language model`;
}

function sourcesTable(edition: Edition): Markup {
  const rows = edition.plan.coverage.sources.map((source) => {
    const data = source.day ? html`<time datetime="${source.day}">${mediumDate(source.day)}</time>` : '—';
    const taken = source.takenAt
      ? html`<time datetime="${source.takenAt}">${timestamp(source.takenAt)}</time>`
      : '—';
    const notes = [source.stale ? 'older than this edition' : '', source.error ?? '']
      .filter(Boolean)
      .join('; ');
    return html`<tr><th scope="row">${SOURCE_NAMES[source.source]}</th><td>${STATUS[source.status] ?? source.status}${notes ? html`<span class="cell-note">${notes}</span>` : ''}</td><td>${data}</td><td>${taken}</td></tr>`;
  });
  return html`<div class="table-wrap"><table class="sources"><caption>Data behind this edition</caption><thead><tr><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Data of</th><th scope="col">Taken at</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function writers(edition: Edition): Markup {
  const { text } = edition;
  const bySection = new Map<string, string[]>();
  for (const section of text.sections) {
    const names = bySection.get(section.writer) ?? [];
    names.push(SECTIONS[section.id].name);
    bySection.set(section.writer, names);
  }
  const lines = [...bySection].map(([writer, sections]) =>
    bySection.size === 1
      ? html`<li>Every section was written by ${describeWriter(writer)}.</li>`
      : html`<li>${describeWriter(writer)}: ${sections.join(', ')}.</li>`,
  );
  const fallbacks = text.sections
    .filter((section) => section.fallbackReason)
    .map(
      (section) =>
        html`<li>The ${SECTIONS[section.id].name} fell back to ${section.writer}: ${section.fallbackReason}.</li>`,
    );
  const checked = text.sections.filter((section) => section.factCheck.ok).length;
  const asked =
    bySection.size === 1 && bySection.has(text.writer)
      ? ''
      : html`<li>Writer asked for: ${text.writer}.</li>`;
  return html`<ul class="writers">${asked}${lines}${fallbacks}<li>Fact-check: ${checked} of ${text.sections.length} sections traced every number and name to the data.</li></ul>`;
}

export function colophon(edition: Edition): Markup {
  return html`<section class="edition-colophon" aria-labelledby="colophon-title"><h2 id="colophon-title" class="section-label">About this edition</h2><p>No. ${edition.number}, planned from the data of ${mediumDate(edition.meta.dataDay)}, covering ${mediumDate(edition.plan.coverage.from)} to ${mediumDate(edition.plan.coverage.to)} (${edition.plan.coverage.daysAvailable === 1 ? '1 day' : `${edition.plan.coverage.daysAvailable} days`} with data).</p>${sourcesTable(edition)}<h3 class="group-title">Who wrote it</h3>${writers(edition)}</section>`;
}
