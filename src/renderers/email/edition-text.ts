/**
 * @module renderers/email/edition-text
 * The edition email's plain-text part: the same sections as the HTML part, in the same order,
 * wrapped at 76 columns, with the unsubscribe link last.
 */

import type { Paragraph } from '../../core/text.js';
import { SECTIONS } from '../../core/vocabulary/names.js';
import { TAGLINE } from '../site/masthead.js';
import type { DigestLine, DigestList, EditionDigest } from './digest.js';
import type { FooterLinks } from './edition-html.js';
import { Footnotes, WIDTH, withUrl, wrap } from './plain.js';

const RULE = '-'.repeat(WIDTH);

export function editionText(d: EditionDigest, links: FooterLinks): string {
  const notes = new Footnotes();
  const out: string[] = [];
  const para = (paragraph: Paragraph | string) => {
    const text = typeof paragraph === 'string' ? paragraph : notes.text(paragraph);
    if (text.trim()) out.push(...wrap(text), '');
  };
  const section = (kicker: string, title: string) => {
    out.push(RULE, '');
    const heading = kicker ? `${kicker.toUpperCase()}: ${title}` : title.toUpperCase();
    out.push(...wrap(heading), '');
  };
  const end = (label: string, url: string) => {
    const footnotes = notes.flush();
    if (footnotes.length > 0) out.push(...footnotes, '');
    out.push(...wrap(`${label}: <${url}>`), '');
  };
  // A tool's label (Model, App…) leads its line; a trending line's label is its rank, in the marker.
  const lines = (
    list: readonly DigestLine[],
    marker: (line: DigestLine, i: number) => string,
    labelled = false,
  ) => {
    list.forEach((line, i) => {
      const lead = marker(line, i);
      const pad = ' '.repeat(lead.length);
      const named = withUrl(line.name, line.href);
      out.push(...wrap(labelled && line.label ? `${line.label}: ${named}` : named, lead, pad));
      if (line.detail) out.push(...wrap(line.detail, pad));
    });
    out.push('');
  };
  const listSection = (list: DigestList, label: string, marker: (line: DigestLine, i: number) => string) => {
    section('', list.title);
    if (list.none) out.push(...wrap(list.none), '');
    else lines(list.lines, marker, true);
    end(label, list.url);
  };

  out.push(d.paperName.toUpperCase(), TAGLINE, `${d.date} · No. ${d.number}${d.draft ? ' · Draft' : ''}`);
  out.push(...wrap(`Read this edition on the web: <${d.editionUrl}>`), '');
  if (d.notice) out.push(...wrap(`NOT LIVE DATA. ${d.notice}`), '');

  section('Today’s lead', d.lead.headline);
  para(d.lead.standfirst);
  para(d.lead.paragraph);
  end('Read the full story', d.lead.url);

  if (d.metrics) {
    section('', d.metrics.title);
    for (const row of d.metrics.rows)
      out.push(
        ...wrap(`${row.label}: ${row.value}${row.before ? ` (week before: ${row.before})` : ''}`, '- ', '  '),
      );
    out.push('');
    end('Charts and breakdowns are in the web edition', d.metrics.url);
  }
  if (d.deepDive) {
    section(SECTIONS.deepDive.title, d.deepDive.title);
    para(d.deepDive.paragraph);
    end('Read the deep dive', d.deepDive.url);
  }
  const [firstOpinion] = d.opinions;
  if (firstOpinion) {
    for (const [i, piece] of d.opinions.entries()) {
      if (i === 0) section(SECTIONS.opinion1.short, piece.title);
      else out.push(...wrap(`OPINION: ${piece.title}`), '');
      para(piece.sentence);
    }
    end(d.opinions.length > 1 ? 'Read both opinions' : 'Read the opinion', firstOpinion.url);
  }
  if (d.tools) listSection(d.tools, 'See the tools', () => '- ');
  if (d.trending) {
    section('', d.trending.title);
    if (d.trending.none) out.push(...wrap(d.trending.none), '');
    for (const group of d.trending.groups) {
      out.push(group.title);
      lines(group.lines, (line, i) => `  ${(line.label ?? String(i + 1)).padStart(2)}. `);
    }
    end('All trending lists', d.trending.url);
  }
  if (d.movers) listSection(d.movers, 'See the movers’ weeks', () => '- ');
  if (d.reading) listSection(d.reading, 'See the reading list', (_, i) => `${i + 1}. `);

  out.push(RULE, '', ...wrap(`Read the full edition: <${d.editionUrl}>`), '', RULE, '');
  out.push(...footerText(d, links));
  return `${out.join('\n')}\n`;
}

/** The footer as text: why the reader gets it, what it carries, manage and unsubscribe last. */
export function footerText(
  d: { paperName: string; urls: { home: string }; topics: string | null },
  links: FooterLinks,
): string[] {
  return [
    ...wrap(
      `You are receiving this email because you subscribed to ${d.paperName} and confirmed your address.`,
    ),
    ...(d.topics ? wrap(`Its lists carry only ${d.topics}, as you chose.`) : []),
    '',
    `${d.paperName}: ${d.urls.home}`,
    ...(links.manageUrl ? [`Manage your subscription: ${links.manageUrl}`] : []),
    `Unsubscribe: ${links.unsubscribeUrl}`,
  ];
}
