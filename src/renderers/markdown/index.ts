/**
 * @module renderers/markdown
 * An edition as one Markdown document (`editions/D/edition.md`): a header with its date and
 * number, every section in order, and a footer saying where the data came from and who wrote it.
 * Every outside string is escaped (see ./escape.ts); only http(s) URLs become links.
 */
import type { Edition } from '../../core/edition.js';
import { longDate } from '../../core/vocabulary/dates.js';
import { type FeedSite, siteUrls } from '../feeds/site.js';
import { mdBlock, mdLink, mdText } from './escape.js';
import { dataNote, sourceLines, utcMinute, writerLines } from './notes.js';
import { sectionMarkdown } from './sections.js';

export { mdBlock, mdInline, mdLink, mdParagraph, mdText, mdUrl } from './escape.js';
export { dataLabel, dataNote, sourceLines, writerLines } from './notes.js';
export { type SectionOptions, sectionHeading, sectionMarkdown, sparkline } from './sections.js';

export function renderEditionMarkdown(edition: Edition, site: FeedSite): string {
  const urls = siteUrls(site);
  const { text, plan } = edition;
  const draft = edition.status === 'draft' ? ' · Draft' : '';
  const lines = [
    `# ${mdText(text.headline)}`,
    '',
    `The AI Morning Post · No. ${edition.number} · ${mdText(longDate(edition.date))}${draft} · ${mdLink('Read online', urls.edition(edition.date))}`,
    '',
  ];
  const note = dataNote(edition.meta);
  if (note) lines.push(`> **Data note:** ${mdText(note)}`, '');
  const standfirst = text.standfirst.trim();
  if (standfirst) lines.push(`**${mdText(standfirst)}**`, '');
  for (const section of text.sections) {
    const lead = section.id === 'lead';
    lines.push(...sectionMarkdown(section, { plan, heading: lead ? null : undefined, standfirst: !lead }));
  }
  lines.push('---', '', '## About this edition', '');
  lines.push(`Built ${mdText(utcMinute(edition.updatedAt))} from these sources’ data:`, '');
  lines.push(...sourceLines(plan).map((line) => `- ${mdBlock(mdText(line))}`), '');
  lines.push('Written by:', '', ...writerLines(text).map((line) => `- ${mdBlock(mdText(line))}`), '');
  for (const readerNote of text.notes) lines.push(mdBlock(`Note: ${mdText(readerNote)}`), '');
  lines.push(
    `${mdLink('Archive', urls.archive)} · ${mdLink('Methodology', urls.methodology)} · ${mdLink('Feed', urls.file('feed.xml'))}`,
  );
  return `${lines.join('\n')}\n`;
}
