/**
 * @module renderers/telegram/post
 * An edition as a Telegram channel post: the headline linking to the web edition, the lead in
 * brief, the week's movers with their gains, what is trending, what to read, and links to the
 * rest of the edition and its feeds. Numbers come from the plan; the words of the lead from the
 * text. Pure: the same edition and base URL give the same messages.
 */
import type { Edition } from '../../core/edition.js';
import type { PlannedItem } from '../../core/plan.js';
import type { Mover } from '../../core/signals.js';
import type { Paragraph, SectionId, SectionText } from '../../core/text.js';
import { compact, longDate, ordinal, signed } from '../../core/vocabulary/index.js';
import { moversTitle, readingTitle, SECTIONS } from '../../core/vocabulary/names.js';
import { siteUrls } from '../feeds/site.js';
import { dataNote } from '../markdown/notes.js';
import { moverGains } from '../site/format.js';
import { type Block, type Span, shortText, toMessages } from './html.js';

const PAPER_NAME = 'The AI Morning Post';
const MOVERS_SHOWN = 5;
const TOP_SHOWN = 3;

/** The sections linked from the end of the post, in page order (the lead is the post itself). */
const LINKED_SECTIONS: SectionId[] = [
  'metrics',
  'deepDive',
  'opinion1',
  'tools',
  'trending',
  'movers',
  'reading',
];

/** The edition as messages in Bot API HTML parse mode, each within Telegram's length limit. */
export function renderTelegramPost(edition: Edition, baseUrl: string): string[] {
  const urls = siteUrls({ baseUrl });
  const editionUrl = urls.edition(edition.date);
  const blocks: Block[] = [
    header(edition, editionUrl),
    ...lead(edition),
    movers(edition),
    trending(edition),
    reading(edition),
    more(edition, editionUrl, urls),
  ];
  return toMessages(blocks.filter((block) => block.length > 0));
}

const line: Span = { text: '\n' };

function section(edition: Edition, id: SectionId): SectionText | undefined {
  return edition.text.sections.find((candidate) => candidate.id === id);
}

function heading(text: string): Span {
  return { text: shortText(text), bold: true };
}

function itemLink(item: PlannedItem): Span {
  return { text: shortText(item.title) || shortText(item.externalId) || 'untitled', href: item.url };
}

// Prose stays one paragraph: a newline inside a piece would read as a new block.
function paragraphSpans(paragraph: Paragraph): Span[] {
  return paragraph.map((piece) =>
    typeof piece === 'string'
      ? { text: piece.replace(/\s*\n\s*/g, ' ') }
      : { text: piece.text.replace(/\s*\n\s*/g, ' '), href: piece.href },
  );
}

function header(edition: Edition, editionUrl: string): Block {
  const draft = edition.status === 'draft' ? ' · Draft' : '';
  const block: Block = [
    { text: edition.text.headline.trim() || PAPER_NAME, href: editionUrl, bold: true },
    line,
    { text: `${PAPER_NAME} · No. ${edition.number} · ${longDate(edition.date)}${draft}`, italic: true },
  ];
  const note = dataNote(edition.meta);
  if (note) block.push(line, { text: note, italic: true });
  return block;
}

function lead(edition: Edition): Block[] {
  const standfirst = edition.text.standfirst.trim();
  const first = section(edition, 'lead')?.paragraphs.find((paragraph) => paragraph.length > 0);
  return [
    standfirst ? [{ text: standfirst.replace(/\s*\n\s*/g, ' ') }] : [],
    first ? paragraphSpans(first) : [],
  ];
}

function gains(mover: Mover): string {
  return moverGains(mover).join(', ');
}

function rankMove(mover: Mover): string {
  const now = mover.rankNow === null ? '' : ordinal(mover.rankNow);
  if (mover.isNew) return now ? `new on the list at ${now}` : 'new on the list';
  const change = mover.rankChange;
  const places = (n: number) => `${n} ${n === 1 ? 'place' : 'places'}`;
  if (change && change > 0) return `up ${places(change)}${now ? ` to ${now}` : ''}`;
  if (change && change < 0) return `down ${places(-change)}${now ? ` to ${now}` : ''}`;
  return now ? `at ${now}` : '';
}

function movers(edition: Edition): Block {
  const { items, windowDays } = edition.plan.movers;
  if (items.length === 0) return [];
  const block: Block = [heading(section(edition, 'movers')?.title || moversTitle(windowDays))];
  items.slice(0, MOVERS_SHOWN).forEach(({ item, mover }, index) => {
    const gained = gains(mover);
    const detail = [
      gained ? `${gained} in ${windowDays} ${windowDays === 1 ? 'day' : 'days'}` : '',
      rankMove(mover),
    ]
      .filter(Boolean)
      .join(', ');
    block.push(line, { text: `${index + 1}. ` }, itemLink(item), { text: detail ? `: ${detail}` : '' });
  });
  return block;
}

const PERIODS: Record<string, string> = { daily: 'today', weekly: 'this week', monthly: 'this month' };

function modelLine(item: PlannedItem): string {
  const { likes, downloads } = item.metrics;
  return [likes ? `${compact(likes)} likes` : '', downloads ? `${compact(downloads)} downloads` : '']
    .filter(Boolean)
    .join(', ');
}

function repositoryLine(item: PlannedItem): string {
  const { stars, starsInPeriod } = item.metrics;
  const period = PERIODS[item.list] ?? 'lately';
  return [stars ? `${compact(stars)} stars` : '', starsInPeriod ? `${signed(starsInPeriod)} ${period}` : '']
    .filter(Boolean)
    .join(', ');
}

function trending(edition: Edition): Block {
  const lists: [string, PlannedItem[], (item: PlannedItem) => string][] = [
    ['Models', edition.plan.trending.models, modelLine],
    ['Repositories', edition.plan.trending.repositories, repositoryLine],
  ];
  const block: Block = [];
  for (const [title, items, describe] of lists) {
    if (items.length === 0) continue;
    block.push(...(block.length > 0 ? [line] : []), { text: title, italic: true });
    for (const item of items.slice(0, TOP_SHOWN)) {
      const detail = describe(item);
      block.push(line, { text: '• ' }, itemLink(item), { text: detail ? `: ${detail}` : '' });
    }
  }
  return block.length > 0 ? [{ text: SECTIONS.trending.short, bold: true }, line, ...block] : [];
}

function reading(edition: Edition): Block {
  const papers = edition.plan.reading.slice(0, TOP_SHOWN);
  if (papers.length === 0) return [];
  const block: Block = [heading(section(edition, 'reading')?.title || readingTitle(edition.plan.isWeekend))];
  papers.forEach(({ item }, index) => {
    const upvotes = item.metrics.upvotes ? `: ${compact(item.metrics.upvotes)} upvotes` : '';
    block.push(line, { text: `${index + 1}. ` }, itemLink(item), { text: upvotes });
  });
  return block;
}

function joined(links: Span[]): Span[] {
  return links.flatMap((link, index) => (index === 0 ? [link] : [{ text: ' · ' }, link]));
}

function more(edition: Edition, editionUrl: string, urls: ReturnType<typeof siteUrls>): Block {
  const sections = LINKED_SECTIONS.filter((id) => section(edition, id)).map(
    (id): Span => ({ text: SECTIONS[id].short, href: `${editionUrl}#${SECTIONS[id].anchor}` }),
  );
  const feeds: Span[] = [
    { text: 'Archive', href: urls.archive },
    { text: 'RSS', href: urls.file('feed.xml') },
    { text: 'Atom', href: urls.file('atom.xml') },
    { text: 'JSON Feed', href: urls.file('feed.json') },
  ];
  return [
    { text: 'In the full edition', bold: true },
    line,
    ...(sections.length > 0 ? [...joined(sections), line] : []),
    { text: 'Read it online', href: editionUrl },
    line,
    ...joined(feeds),
  ];
}
