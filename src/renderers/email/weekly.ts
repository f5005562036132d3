/**
 * @module renderers/email/weekly
 * The weekly edition's email: the lead of each day of the week (each linked to its day's edition),
 * the week's biggest movers and its most upvoted papers, filtered by the reader's topics like the
 * daily email's lists, with the same footer. HTML and plain text from one digest, so both parts
 * say the same thing. Pure: the same week and links give the same bytes.
 */
import { EVERYTHING, filtersNothing, type ReaderTopics, topicsPhrase } from '../../core/reader.js';
import { dayMonth, mediumDate, weekdayOf } from '../../core/vocabulary/index.js';
import { moversTitle } from '../../core/vocabulary/names.js';
import type { WeeklyEdition } from '../../core/weekly.js';
import { siteUrls } from '../feeds/site.js';
import { html, type Markup } from '../site/html.js';
import { PAPER_NAME, TAGLINE } from '../site/masthead.js';
import {
  type DigestLine,
  type DigestList,
  forReader,
  itemLine,
  list,
  moverLine,
  nothingFor,
} from './digest.js';
import { footer, noneLine } from './edition-html.js';
import { footerText } from './edition-text.js';
import type { EmailLinks, RenderedEmail } from './index.js';
import { footerLinks } from './index.js';
import { band, button, COLOURS, emailDocument, link, rowsTable, S } from './layout.js';
import { WIDTH, withUrl, wrap } from './plain.js';
import { clipWords, name, subjectLine } from './short.js';

const MOVERS = 8;
const PAPERS = 5;
export const WEEKLY_LEADS_TITLE = 'The Week’s Leads';
export const WEEKLY_PAPERS_TITLE = 'Most Upvoted Papers of the Week';

interface WeeklyDigest {
  subject: string;
  preheader: string;
  paperName: string;
  week: string;
  urls: ReturnType<typeof siteUrls>;
  /** The newest edition of the week, where "read on the web" leads. */
  editionUrl: string;
  leads: Array<{ day: string; headline: string; url: string }>;
  movers: DigestList | null;
  papers: DigestList | null;
  topics: string | null;
}

function weeklyDigest(weekly: WeeklyEdition, baseUrl: string, topics: ReaderTopics): WeeklyDigest {
  const urls = siteUrls({ baseUrl });
  const { movers } = weekly;
  const moverLines = forReader(movers.items, topics, (entry) => entry.item)
    .slice(0, MOVERS)
    .map((entry) => moverLine(entry, movers.windowDays));
  const paperLines = forReader(weekly.papers, topics, (item) => item)
    .slice(0, PAPERS)
    .map(itemLine);
  const newest = weekly.leads.at(-1);
  const moversUrl = `${urls.edition(movers.asOf)}#movers`;
  return {
    subject: subjectLine(PAPER_NAME, `week of ${mediumDate(weekly.from)}`, weekly.date),
    preheader: clipWords(newest ? `${weekdayOf(newest.date)}: ${name(newest.headline)}` : '', 150),
    paperName: PAPER_NAME,
    week: `${dayMonth(weekly.from, weekly.date)} to ${dayMonth(weekly.date)}`,
    urls,
    editionUrl: urls.edition(newest?.date ?? weekly.date),
    leads: weekly.leads.map((lead) => ({
      day: `${weekdayOf(lead.date)}, ${dayMonth(lead.date, weekly.date)}`,
      headline: name(lead.headline),
      url: urls.edition(lead.date),
    })),
    movers: list(
      moversUrl,
      moversTitle(movers.windowDays),
      moverLines,
      movers.items.length > 0
        ? nothingFor(topics, 'items', 'were among the week’s biggest movers')
        : undefined,
    ),
    papers: list(
      urls.archive,
      WEEKLY_PAPERS_TITLE,
      paperLines,
      weekly.papers.length > 0
        ? nothingFor(topics, 'papers', 'were among the week’s most upvoted')
        : undefined,
    ),
    topics: filtersNothing(topics) ? null : topicsPhrase(topics, 'items'),
  };
}

export function renderWeeklyEmail(weekly: WeeklyEdition, links: EmailLinks): RenderedEmail {
  const footer = footerLinks(links);
  const digest = weeklyDigest(weekly, links.baseUrl, links.topics ?? EVERYTHING);
  return { subject: digest.subject, html: weeklyHtml(digest, footer), text: weeklyText(digest, footer) };
}

function lineRows(lines: readonly DigestLine[], numbered: boolean): Markup {
  return rowsTable(
    lines.map(
      (line, i) =>
        html`<tr>${numbered ? html`<td class="muted" width="28" valign="top" align="right" style="${S.rank}">${i + 1}.</td>` : ''}<td valign="top" style="${S.item}"><p class="ink" style="${S.name}">${link(line.name, line.href)}</p>${line.detail ? html`<p class="muted" style="${S.detail}">${line.detail}</p>` : ''}</td></tr>`,
    ),
  );
}

function listBand(section: DigestList, numbered: boolean): Markup {
  const body = section.none ? noneLine(section.none) : lineRows(section.lines, numbered);
  return band(html`<h2 class="ink" style="${S.h2}">${section.title}</h2>${body}`);
}

function weeklyHtml(d: WeeklyDigest, links: Parameters<typeof footer>[1]): string {
  const masthead = band(
    html`<p class="muted" style="${S.meta}">Weekly edition</p><p class="ink" style="margin:6px 0 2px;font-family:Georgia,Times New Roman,Times,serif;font-size:34px;line-height:40px;font-weight:bold;color:${COLOURS.ink};">${link(d.paperName, d.urls.home, S.plainLink)}</p><p class="muted" style="${S.meta}font-style:italic;">${TAGLINE}</p>`,
    `padding:24px 32px 18px;text-align:center;border-bottom:3px double ${COLOURS.ink};`,
  );
  const leads = band(
    html`<h1 class="h1 ink" style="${S.h1}">The week of ${d.week}</h1><h2 class="ink" style="${S.h2}">${WEEKLY_LEADS_TITLE}</h2>${rowsTable(
      d.leads.map(
        (lead) =>
          html`<tr><td valign="top" style="${S.item}"><p class="accent" style="${S.kicker}margin:0 0 2px;">${lead.day}</p><p class="ink" style="${S.name}">${link(lead.headline, lead.url)}</p></td></tr>`,
      ),
    )}`,
    'padding:22px 32px;',
  );
  const rows = [
    masthead,
    leads,
    d.movers ? listBand(d.movers, false) : '',
    d.papers ? listBand(d.papers, true) : '',
    band(
      button('Read the latest edition', d.editionUrl),
      `padding:26px 32px;border-top:1px solid ${COLOURS.rule};`,
    ),
    footer(d, links),
  ];
  return emailDocument({ title: d.subject, preheader: d.preheader, rows });
}

function weeklyText(d: WeeklyDigest, links: Parameters<typeof footerText>[1]): string {
  const rule = '-'.repeat(WIDTH);
  const out: string[] = [d.paperName.toUpperCase(), TAGLINE, 'Weekly edition', ''];
  out.push(...wrap(`The week of ${d.week}`), '');
  out.push(rule, '', WEEKLY_LEADS_TITLE.toUpperCase(), '');
  for (const lead of d.leads)
    out.push(...wrap(`${lead.day}: ${withUrl(lead.headline, lead.url)}`, '- ', '  '));
  out.push('');
  for (const [section, numbered] of [
    [d.movers, false],
    [d.papers, true],
  ] as const) {
    if (!section) continue;
    out.push(rule, '', section.title.toUpperCase(), '');
    if (section.none) out.push(...wrap(section.none));
    section.lines.forEach((line, i) => {
      const lead = numbered ? `${i + 1}. ` : '- ';
      const pad = ' '.repeat(lead.length);
      out.push(...wrap(withUrl(line.name, line.href), lead, pad));
      if (line.detail) out.push(...wrap(line.detail, pad));
    });
    out.push('');
  }
  out.push(rule, '', ...wrap(`Read the latest edition: <${d.editionUrl}>`), '', rule, '');
  out.push(...footerText(d, links));
  return `${out.join('\n')}\n`;
}
