/**
 * @module renderers/email/digest
 * The edition in short form, as the email tells it: every section cut to a few lines with a link
 * to its place on the web page. Built once, then rendered as HTML and as plain text, so the two
 * parts of a message always say the same thing. Every string in it is cleaned and clipped.
 */
import type { Edition } from '../../core/edition.js';
import type { PlannedItem, ToolPick } from '../../core/plan.js';
import {
  EVERYTHING,
  filtersNothing,
  matchesTopics,
  type ReaderTopics,
  topicsPhrase,
} from '../../core/reader.js';
import type { Mover } from '../../core/signals.js';
import { type ListEntry, type Paragraph, plainText, type SectionText } from '../../core/text.js';
import {
  compact,
  longDate,
  mediumDate,
  metricDisplay,
  metricValue,
  ordinal,
  signed,
} from '../../core/vocabulary/index.js';
import { moversTitle, readingTitle, SECTIONS } from '../../core/vocabulary/names.js';
import { type SiteUrls, siteUrls } from '../feeds/site.js';
import { dataNote } from '../markdown/notes.js';
import { safeHref } from '../site/context.js';
import { moverGains } from '../site/format.js';
import { PAPER_NAME } from '../site/masthead.js';
import { sectionText } from '../site/stories.js';
import {
  clipWords,
  firstSentence,
  name,
  prose,
  shortParagraph,
  subjectLine,
  withoutOpinionLabel,
} from './short.js';

/** One line of a list: a name (linked when its URL is http(s)) and its numbers or blurb. */
export interface DigestLine {
  label?: string;
  name: string;
  href: string | null;
  detail: string;
}

export interface DigestList {
  url: string;
  title: string;
  lines: DigestLine[];
  /** With a reader's topics and no line left: the one line that says so. */
  none?: string;
}

export interface MetricRow {
  label: string;
  value: string;
  before: string | null;
}

export interface EditionDigest {
  subject: string;
  preheader: string;
  paperName: string;
  date: string;
  number: number;
  draft: boolean;
  notice: string | null;
  urls: SiteUrls;
  editionUrl: string;
  lead: { url: string; headline: string; standfirst: string; paragraph: Paragraph };
  metrics: { url: string; title: string; rows: MetricRow[] } | null;
  deepDive: { url: string; title: string; paragraph: Paragraph } | null;
  opinions: Array<{ url: string; title: string; sentence: Paragraph }>;
  tools: DigestList | null;
  trending: {
    url: string;
    title: string;
    groups: Array<{ title: string; lines: DigestLine[] }>;
    /** With a reader's topics and nothing left in any group: the one line that says so. */
    none?: string;
  } | null;
  movers: DigestList | null;
  reading: DigestList | null;
  /** What a reader's topics keep ("medical items"), or null when the email carries everything. */
  topics: string | null;
}

const LEAD_MAX = 700;
const PARAGRAPH_MAX = 600;
const SENTENCE_MAX = 300;
const DETAIL_MAX = 240;
const TOP = 5;

const SLOT_LABELS: Record<ToolPick['slot'], string> = {
  model: 'Model',
  library: 'Library',
  app: 'App',
  repository: 'Repository',
};

const TRENDING = [
  ['models', 'Models on Hugging Face'],
  ['datasets', 'Datasets on Hugging Face'],
  ['repositories', 'Repositories on GitHub'],
] as const;
/** A reader who chose topics may have chosen Spaces: their list is in that reader's email too. */
const TRENDING_FILTERED = [
  ['models', 'Models on Hugging Face'],
  ['datasets', 'Datasets on Hugging Face'],
  ['spaces', 'Spaces on Hugging Face'],
  ['repositories', 'Repositories on GitHub'],
] as const;

/** The items of a list a reader's topics keep (all of them without topics). */
export function forReader<T>(
  items: readonly T[],
  topics: ReaderTopics,
  item: (entry: T) => PlannedItem,
): T[] {
  if (filtersNothing(topics)) return [...items];
  return items.filter((entry) => {
    const planned = item(entry);
    return matchesTopics({ source: planned.source, domain: planned.facts?.domain }, topics);
  });
}

const detail = (text: string): string => prose(text, DETAIL_MAX);
const firstParagraph = (section: SectionText | undefined): Paragraph =>
  section?.paragraphs.find((p) => plainText(p).trim() !== '') ?? [];

export function editionDigest(
  edition: Edition,
  baseUrl: string,
  topics: ReaderTopics = EVERYTHING,
): EditionDigest {
  const urls = siteUrls({ baseUrl });
  const editionUrl = urls.edition(edition.date);
  const at = (anchor: string) => `${editionUrl}#${anchor}`;
  const { text } = edition;
  const headline = prose(text.headline, 300);
  const standfirst = prose(text.standfirst, 400);
  const deep = sectionText(edition, 'deepDive');
  return {
    subject: subjectLine(PAPER_NAME, text.headline, `No. ${edition.number}, ${mediumDate(edition.date)}`),
    preheader: clipWords(standfirst || headline, 150),
    paperName: PAPER_NAME,
    date: longDate(edition.date),
    number: edition.number,
    draft: edition.status === 'draft',
    notice: edition.meta.dataMode === 'live' ? null : prose(dataNote(edition.meta) ?? '', 800),
    urls,
    editionUrl,
    lead: {
      url: at(SECTIONS.lead.anchor),
      headline,
      standfirst,
      paragraph: shortParagraph(firstParagraph(sectionText(edition, 'lead')), LEAD_MAX),
    },
    metrics: metricsOf(edition, at(SECTIONS.metrics.anchor)),
    deepDive: deep
      ? {
          url: at(SECTIONS.deepDive.anchor),
          title: prose(deep.title, 300),
          paragraph: shortParagraph(firstParagraph(deep), PARAGRAPH_MAX),
        }
      : null,
    opinions: (['opinion1', 'opinion2'] as const).flatMap((id) => {
      const piece = sectionText(edition, id);
      if (!piece) return [];
      const sentence = firstSentence(withoutOpinionLabel(firstParagraph(piece)));
      return [
        {
          url: at(SECTIONS.opinion1.anchor),
          title: prose(piece.title, 300),
          sentence: shortParagraph(sentence, SENTENCE_MAX),
        },
      ];
    }),
    tools: toolsOf(edition, at(SECTIONS.tools.anchor)),
    trending: trendingOf(edition, at(SECTIONS.trending.anchor), topics),
    movers: moversOf(edition, at(SECTIONS.movers.anchor), topics),
    reading: readingOf(edition, at(SECTIONS.reading.anchor), topics),
    topics: filtersNothing(topics) ? null : topicsPhrase(topics, 'items'),
  };
}

/** The section's one line when a reader's topics left nothing in it; undefined without topics. */
export function nothingFor(topics: ReaderTopics, noun: string, where: string): string | undefined {
  return filtersNothing(topics) ? undefined : `No ${topicsPhrase(topics, noun)} ${where}.`;
}

function metricsOf(e: Edition, url: string): EditionDigest['metrics'] {
  const rows = e.plan.metrics.metrics.map((metric) => ({
    label: name(metric.label),
    value: metricDisplay(metric),
    before: metric.previous === null ? null : metricValue(metric, metric.previous),
  }));
  const title = sectionText(e, 'metrics')?.title ?? e.plan.metrics.title;
  return rows.length > 0 ? { url, title: name(title), rows } : null;
}

function titled(e: Edition, id: 'tools' | 'movers' | 'reading' | 'trending', fallback: string): string {
  return name(sectionText(e, id)?.title ?? fallback);
}

function toolsOf(e: Edition, url: string): DigestList | null {
  const picks = e.plan.tools;
  const label = (itemId: number | undefined) => {
    const slot = picks.find((pick) => pick.item.itemId === itemId)?.slot;
    return slot ? SLOT_LABELS[slot] : undefined;
  };
  const lines = fromEntries(
    sectionText(e, 'tools')?.entries,
    picks.map((pick) => pick.item),
  ).map((line) => ({ ...line, label: label(line.itemId) }));
  return list(url, titled(e, 'tools', SECTIONS.tools.title), lines.slice(0, 4));
}

function readingOf(e: Edition, url: string, topics: ReaderTopics): DigestList | null {
  const items = forReader(
    e.plan.reading.map((entry) => entry.item),
    topics,
    (item) => item,
  );
  const kept = new Set(items.map((item) => item.itemId));
  const entries = sectionText(e, 'reading')?.entries?.filter(
    (entry) => entry.itemId === undefined || kept.has(entry.itemId),
  );
  const lines = fromEntries(entries, items);
  const title = titled(e, 'reading', readingTitle(e.plan.isWeekend));
  return list(
    url,
    title,
    lines,
    e.plan.reading.length > 0 ? nothingFor(topics, 'papers', 'on this reading list') : undefined,
  );
}

function trendingOf(e: Edition, url: string, topics: ReaderTopics): EditionDigest['trending'] {
  const filtered = !filtersNothing(topics);
  const groups = (filtered ? TRENDING_FILTERED : TRENDING)
    .map(([key, title]) => ({
      title,
      lines: forReader(e.plan.trending[key], topics, (item) => item)
        .slice(0, TOP)
        .map((item) => ({
          label: item.rank === null ? undefined : String(item.rank),
          name: name(item.title),
          href: safeHref(item.url),
          detail: detail(stats(item)),
        })),
    }))
    .filter((group) => group.lines.length > 0);
  const title = titled(e, 'trending', SECTIONS.trending.title);
  if (groups.length > 0) return { url, title, groups };
  const none = nothingFor(topics, 'items', 'trended today');
  return none && TRENDING_FILTERED.some(([key]) => e.plan.trending[key].length > 0)
    ? { url, title, groups, none }
    : null;
}

function moversOf(e: Edition, url: string, topics: ReaderTopics): DigestList | null {
  const { windowDays, items } = e.plan.movers;
  const kept = forReader(items, topics, (entry) => entry.item);
  const lines = kept.slice(0, TOP).map((entry) => moverLine(entry, windowDays));
  const none = items.length > 0 ? nothingFor(topics, 'items', 'were among the biggest movers') : undefined;
  return list(url, titled(e, 'movers', moversTitle(windowDays)), lines, none);
}

/** A mover as one line: its name, and how far it moved with what it gained. */
export function moverLine(
  { item, mover }: { item: PlannedItem; mover: Mover },
  windowDays: number,
): DigestLine {
  return {
    name: name(item.title),
    href: safeHref(item.url),
    detail: detail([badge(mover), gains(mover, windowDays)].filter(Boolean).join('; ')),
  };
}

/** An item as one line: its name and its numbers. */
export function itemLine(item: PlannedItem): DigestLine {
  return { name: name(item.title), href: safeHref(item.url), detail: detail(stats(item)) };
}

function fromEntries(
  entries: readonly ListEntry[] | undefined,
  items: readonly PlannedItem[],
): Array<DigestLine & { itemId?: number }> {
  if (!entries || entries.length === 0)
    return items.map((item) => ({
      itemId: item.itemId,
      name: name(item.title),
      href: safeHref(item.url),
      detail: detail(stats(item)),
    }));
  return entries.map((entry) => {
    const item = items.find((candidate) => candidate.itemId === entry.itemId);
    const link = entry.name.find((piece) => typeof piece !== 'string');
    return {
      itemId: entry.itemId,
      name: name(plainText(entry.name)),
      href: safeHref(typeof link === 'object' ? link.href : item?.url),
      detail: detail(plainText(entry.blurb)),
    };
  });
}

/**
 * The list, or null when it has no lines (the section is left out), unless a reader's topics
 * emptied it: then it stays with its one `none` line. Plan ids stay behind.
 */
export function list(
  url: string,
  title: string,
  lines: Array<DigestLine & { itemId?: number }>,
  none?: string,
): DigestList | null {
  if (lines.length === 0) return none ? { url, title, lines: [], none } : null;
  return { url, title, lines: lines.map(({ itemId: _, ...line }) => line) };
}

/** The item's numbers as one run of text: `412 likes · 3.1k downloads`. */
export function stats(item: PlannedItem): string {
  const m = item.metrics;
  const period = item.list.includes('daily') ? 'today' : 'this week';
  return [
    m.likes !== undefined ? `${compact(m.likes)} likes` : '',
    m.downloads !== undefined ? `${compact(m.downloads)} downloads` : '',
    m.stars !== undefined ? `${compact(m.stars)} stars` : '',
    m.starsInPeriod ? `${signed(m.starsInPeriod)} stars ${period}` : '',
    m.upvotes !== undefined ? `${compact(m.upvotes)} upvotes` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function badge(mover: Mover): string {
  const now = mover.rankNow !== null ? `, now ${ordinal(mover.rankNow)}` : '';
  if (mover.isNew) return `New to the list${now}`;
  const change = mover.rankChange;
  if (change === null) return `Unranked before${now}`;
  if (change === 0) return `No change${now}`;
  const places = Math.abs(change) === 1 ? 'place' : 'places';
  return `${change > 0 ? 'Up' : 'Down'} ${Math.abs(change)} ${places}${now}`;
}

function gains(mover: Mover, windowDays: number): string {
  const parts = moverGains(mover);
  const days = mover.windowDays || windowDays;
  return parts.length > 0 ? `${parts.join(', ')} over ${days} ${days === 1 ? 'day' : 'days'}` : '';
}
