/**
 * @module renderers/email/edition-html
 * The edition email's HTML part: masthead, a data notice when the data is not live, every section
 * in short form with a link to its place on the web page, the "Read the full edition" button, and
 * a footer saying why the reader gets it, with a visible unsubscribe link.
 */

import { SECTIONS } from '../../core/vocabulary/names.js';
import { html, type Markup } from '../site/html.js';
import { TAGLINE } from '../site/masthead.js';
import type { DigestLine, DigestList, EditionDigest } from './digest.js';
import { band, button, COLOURS, emailDocument, inline, link, more, rowsTable, S } from './layout.js';

function masthead(d: EditionDigest): Markup {
  const line = `${d.date} · No. ${d.number}${d.draft ? ' · Draft' : ''}`;
  return band(
    html`<p class="muted" style="${S.meta}">${line}</p><p class="ink" style="margin:6px 0 2px;font-family:Georgia,Times New Roman,Times,serif;font-size:34px;line-height:40px;font-weight:bold;color:${COLOURS.ink};">${link(d.paperName, d.urls.home, S.plainLink)}</p><p class="muted" style="${S.meta}font-style:italic;">${TAGLINE}</p><p class="muted" style="${S.meta}">${link('Read this edition on the web', d.editionUrl)}</p>`,
    `padding:24px 32px 18px;text-align:center;border-bottom:3px double ${COLOURS.ink};`,
  );
}

function notice(text: string): Markup {
  return band(
    html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td class="notice" bgcolor="${COLOURS.warnBg}" style="padding:12px 16px;background-color:${COLOURS.warnBg};border:2px solid ${COLOURS.warnInk};"><p style="margin:0;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:${COLOURS.warnInk};"><strong>Not live data.</strong> ${text}</p></td></tr></table>`,
    'padding:16px 32px 0;',
  );
}

function lead(d: EditionDigest): Markup {
  const { lead: l } = d;
  return band(
    html`<p class="accent" style="${S.kicker}">Today’s lead</p><h1 class="h1 ink" style="${S.h1}">${link(l.headline, l.url, S.plainLink)}</h1>${l.standfirst ? html`<p class="muted" style="${S.standfirst}">${l.standfirst}</p>` : ''}${l.paragraph.length > 0 ? html`<p class="ink" style="${S.p}">${inline(l.paragraph)}</p>` : ''}${more('Read the full story', l.url)}`,
    'padding:22px 32px;',
  );
}

function metrics(m: NonNullable<EditionDigest['metrics']>): Markup {
  const rows = m.rows.map(
    (row) =>
      html`<tr><td class="ink rule" style="${S.td}">${row.label}</td><td class="ink rule" align="right" style="${S.td}font-weight:bold;white-space:nowrap;">${row.value}</td><td class="muted rule" align="right" style="${S.td}color:${COLOURS.muted};white-space:nowrap;">${row.before ?? '—'}</td></tr>`,
  );
  return band(
    html`<h2 class="ink" style="${S.h2}">${m.title}</h2><table class="data" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 10px;"><thead><tr><th scope="col" align="left" class="muted" style="${S.th}">Metric</th><th scope="col" align="right" class="muted" style="${S.th}">Now</th><th scope="col" align="right" class="muted" style="${S.th}">Week before</th></tr></thead><tbody>${rows}</tbody></table><p class="muted" style="${S.detail}">Charts and breakdowns are in the web edition.</p>${more('See the charts', m.url)}`,
  );
}

function deepDive(deep: NonNullable<EditionDigest['deepDive']>): Markup {
  return band(
    html`<p class="accent" style="${S.kicker}">${SECTIONS.deepDive.title}</p><h2 class="ink" style="${S.h2}">${link(deep.title, deep.url, S.plainLink)}</h2>${deep.paragraph.length > 0 ? html`<p class="ink" style="${S.p}">${inline(deep.paragraph)}</p>` : ''}${more('Read the deep dive', deep.url)}`,
  );
}

function opinions(pieces: EditionDigest['opinions']): Markup {
  const first = pieces[0];
  if (!first) return html``;
  return band(
    html`${pieces.map(
      (piece) =>
        html`<p class="accent" style="${S.kicker}">${SECTIONS.opinion1.short}</p><h3 class="ink" style="${S.h3}">${link(piece.title, piece.url, S.plainLink)}</h3>${piece.sentence.length > 0 ? html`<p class="ink" style="${S.p}">${inline(piece.sentence)}</p>` : ''}`,
    )}${more(pieces.length > 1 ? 'Read both opinions' : 'Read the opinion', first.url)}`,
  );
}

function lineCell(line: DigestLine, withLabel: boolean): Markup {
  return html`${withLabel && line.label ? html`<p class="accent" style="${S.kicker}margin:0 0 2px;">${line.label}</p>` : ''}<p class="ink" style="${S.name}">${link(line.name, line.href)}</p>${line.detail ? html`<p class="muted" style="${S.detail}">${line.detail}</p>` : ''}`;
}

/** Lines with a number in front (ranks, the reading list's order). */
function numbered(lines: readonly DigestLine[], numberOf: (line: DigestLine, i: number) => string): Markup {
  return rowsTable(
    lines.map(
      (line, i) =>
        html`<tr><td class="muted" width="28" valign="top" align="right" style="${S.rank}">${numberOf(line, i)}</td><td valign="top" style="${S.item}">${lineCell(line, false)}</td></tr>`,
    ),
  );
}

function plainLines(lines: readonly DigestLine[]): Markup {
  return rowsTable(
    lines.map((line) => html`<tr><td valign="top" style="${S.item}">${lineCell(line, true)}</td></tr>`),
  );
}

/** The line a section carries when a reader's topics left nothing in it. */
export function noneLine(text: string): Markup {
  return html`<p class="muted" style="${S.detail}margin:0 0 10px;">${text}</p>`;
}

function listBand(list: DigestList, body: Markup, moreLabel: string): Markup {
  const content = list.none ? noneLine(list.none) : body;
  return band(html`<h2 class="ink" style="${S.h2}">${list.title}</h2>${content}${more(moreLabel, list.url)}`);
}

function trending(t: NonNullable<EditionDigest['trending']>): Markup {
  const groups = t.groups.map(
    (group) =>
      html`<h3 class="ink" style="${S.h3}">${group.title}</h3>${numbered(group.lines, (line, i) => line.label ?? String(i + 1))}`,
  );
  return band(
    html`<h2 class="ink" style="${S.h2}">${t.title}</h2>${t.none ? noneLine(t.none) : groups}${more('All trending lists', t.url)}`,
  );
}

/** Why the reader gets it, what it carries, and the links to change that: manage, unsubscribe. */
export function footer(
  d: { paperName: string; urls: { home: string }; editionUrl: string; topics: string | null },
  links: FooterLinks,
): Markup {
  const carries = d.topics
    ? html`<p class="muted" style="${S.meta}">Its lists carry only ${d.topics}, as you chose.</p>`
    : '';
  const manage = links.manageUrl ? html`${link('Manage your subscription', links.manageUrl)} · ` : '';
  return band(
    html`<p class="muted" style="${S.meta}">You are receiving this email because you subscribed to ${d.paperName} and confirmed your address.</p>${carries}<p class="muted" style="${S.meta}">${manage}${link('Unsubscribe', links.unsubscribeUrl)} · ${link('Read this edition on the web', d.editionUrl)}</p><p class="muted" style="${S.meta}">${d.paperName} · ${link(d.urls.home, d.urls.home)}</p>`,
    `padding:22px 32px 28px;border-top:1px solid ${COLOURS.rule};`,
  );
}

export interface FooterLinks {
  unsubscribeUrl: string;
  /** The reader's "manage your subscription" page; left out when absent (a preview). */
  manageUrl?: string | undefined;
}

export function editionHtml(d: EditionDigest, links: FooterLinks): string {
  const rows = [
    masthead(d),
    d.notice ? notice(d.notice) : '',
    lead(d),
    d.metrics ? metrics(d.metrics) : '',
    d.deepDive ? deepDive(d.deepDive) : '',
    opinions(d.opinions),
    d.tools ? listBand(d.tools, plainLines(d.tools.lines), 'See the tools') : '',
    d.trending ? trending(d.trending) : '',
    d.movers ? listBand(d.movers, plainLines(d.movers.lines), 'See the movers’ weeks') : '',
    d.reading
      ? listBand(
          d.reading,
          numbered(d.reading.lines, (_, i) => `${i + 1}.`),
          'See the reading list',
        )
      : '',
    band(
      button('Read the full edition', d.editionUrl),
      `padding:26px 32px;border-top:1px solid ${COLOURS.rule};`,
    ),
    footer(d, links),
  ];
  return emailDocument({ title: d.subject, preheader: d.preheader, rows });
}
