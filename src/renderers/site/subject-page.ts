/**
 * @module renderers/site/subject-page
 * The permanent page of one item (`/models/OWNER/NAME/`, `/repos/OWNER/NAME/`, `/papers/ID/`, …):
 * what it is and its facts (size, domain, family, base model and what was built on it, series),
 * its history as line charts (rank per list, likes, downloads, stars, upvotes: one point a day),
 * every edition that mentioned it, newest first, and its upstream page. Pure: the subject comes
 * assembled (pipeline/subjects); outside text is escaped by the `html` template.
 */
import type { ItemAttributes } from '../../core/item.js';
import type { MentionSection } from '../../core/mentions.js';
import type { ItemFacts } from '../../core/signals.js';
import type { PagedKind } from '../../core/subjects.js';
import { DOMAIN_NAMES, SECTIONS, SOURCE_NAMES } from '../../core/vocabulary/names.js';
import { exact } from '../../core/vocabulary/numbers.js';
import {
  editionPath,
  externalLink,
  isolate,
  local,
  type Page,
  type PageAssets,
  pageContext,
  type SiteContext,
} from './context.js';
import { compact, longDate, mediumDate, ordinal, parameters } from './format.js';
import { type HistorySeries, historyChart, historyTable } from './history-chart.js';
import { html, type Markup } from './html.js';
import { platformName } from './items.js';
import { documentPage } from './layout.js';
import { masthead, PAPER_NAME } from './masthead.js';

/** One edition that named the subject, with the sections it was named in. */
export interface SubjectMention {
  date: string;
  number: number;
  headline: string;
  sections: MentionSection[];
}

/** A link to another subject's page (root-relative path without the base path). */
export interface SubjectRefLink {
  path: string;
  title: string;
  kind: PagedKind | 'author';
  /** How it relates (a derived model's relation: finetune, quantized, …). */
  note?: string;
}

/** One point of the daily history as stored: a day, a list it was seen in, its rank and numbers. */
export interface SubjectDay {
  day: string;
  source: keyof typeof SOURCE_NAMES;
  list: string;
  rank: number | null;
  likes?: number;
  downloads?: number;
  stars?: number;
  upvotes?: number;
}

export interface ItemSubject {
  path: string;
  kind: PagedKind;
  externalId: string;
  title: string;
  url: string;
  author: string | null;
  /** The author's page, when there is one. */
  authorPath?: string;
  attributes: ItemAttributes;
  facts?: ItemFacts;
  /** The base model's page, when the Post has seen the base model. */
  basePath?: string;
  firstSeen?: string;
  history: SubjectDay[];
  mentions: SubjectMention[];
  /** Models whose base models name this one. */
  builtOn: SubjectRefLink[];
  /** A repository's releases, newest first. */
  releases: Array<{ tag: string; title: string; url: string; day?: string }>;
}

export const KIND_LABELS: Record<PagedKind | 'author', { one: string; many: string }> = {
  model: { one: 'Model', many: 'Models' },
  dataset: { one: 'Dataset', many: 'Datasets' },
  space: { one: 'Space', many: 'Spaces' },
  repository: { one: 'Repository', many: 'Repositories' },
  paper: { one: 'Paper', many: 'Papers' },
  author: { one: 'Author', many: 'Authors' },
};

const METRIC_SERIES = [
  ['likes', 'Likes'],
  ['downloads', 'Downloads'],
  ['stars', 'Stars'],
  ['upvotes', 'Upvotes'],
] as const;

/** Lists charted by rank: the ones the item was seen in most often, at most three. */
const RANK_LISTS = 3;

function listTitle(source: SubjectDay['source'], list: string): string {
  const name = SOURCE_NAMES[source] ?? source;
  return list === 'trending' || list === 'daily' ? name : `${name}, ${list}`;
}

/** The charts of a history: rank per list, then each count the item has, one value a day. */
export function historySeries(history: readonly SubjectDay[], page: Page): HistorySeries[] {
  const lists = new Map<string, SubjectDay[]>();
  for (const point of history) {
    if (point.rank === null) continue;
    const key = `${point.source}\u0000${point.list}`;
    const list = lists.get(key);
    if (list) list.push(point);
    else lists.set(key, [point]);
  }
  const ranked = [...lists.values()].sort((a, b) => b.length - a.length).slice(0, RANK_LISTS);
  const series: HistorySeries[] = ranked.map((points) => {
    const first = points[0] as SubjectDay;
    return {
      id: page.id('chart'),
      title: `Rank in ${listTitle(first.source, first.list)}`,
      valueName: 'Rank',
      inverted: true,
      format: ordinal,
      points: points.map((p) => ({ day: p.day, value: p.rank as number })),
    };
  });
  for (const [metric, name] of METRIC_SERIES) {
    // Cumulative totals: the highest seen that day, whichever list it came from.
    const days = new Map<string, number>();
    for (const point of history) {
      const value = point[metric];
      if (value !== undefined) days.set(point.day, Math.max(value, days.get(point.day) ?? value));
    }
    if (days.size === 0) continue;
    series.push({
      id: page.id('chart'),
      title: name,
      valueName: name,
      format: compact,
      precise: exact,
      points: [...days].map(([day, value]) => ({ day, value })),
    });
  }
  return series;
}

const RELATIONS: Record<string, string> = {
  finetune: 'fine-tune',
  quantized: 'quantization',
  adapter: 'adapter',
  merge: 'merge',
};

function factRows(subject: ItemSubject, page: Page): Markup[] {
  const { facts, attributes } = subject;
  const row = (label: string, value: Markup | string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const rows: Markup[] = [];
  if (subject.author)
    rows.push(
      row(
        'Author',
        subject.authorPath
          ? html`<a href="${local(page.site, subject.authorPath)}">${isolate(subject.author)}</a>`
          : isolate(subject.author),
      ),
    );
  if (facts?.domain && facts.domain !== 'general') rows.push(row('Domain', DOMAIN_NAMES[facts.domain]));
  if (facts?.family) rows.push(row('Family', isolate(facts.family)));
  if (facts?.baseModel) {
    const base = subject.basePath
      ? html`<a href="${local(page.site, subject.basePath)}">${isolate(facts.baseModel)}</a>`
      : isolate(facts.baseModel);
    const relation = facts.relation ? ` (${RELATIONS[facts.relation] ?? facts.relation})` : '';
    rows.push(row('Base model', html`${base}${relation}`));
  }
  if (facts?.parameters !== undefined)
    rows.push(
      row(
        'Size',
        `${parameters(facts.parameters)} parameters${facts.sizeClass ? `, ${facts.sizeClass}` : ''}${facts.parametersFrom === 'name' ? ' (from the name)' : ''}`,
      ),
    );
  if (facts?.series) rows.push(row('Series', isolate(facts.series)));
  if (facts?.authorKind)
    rows.push(row('Made by', facts.authorKind === 'individual' ? 'an individual' : 'an organisation'));
  if (attributes.pipelineTag) rows.push(row('Task', isolate(attributes.pipelineTag)));
  if (attributes.library) rows.push(row('Library', isolate(attributes.library)));
  if (attributes.sdk) rows.push(row('SDK', isolate(attributes.sdk)));
  if (attributes.language) rows.push(row('Language', isolate(attributes.language)));
  if (attributes.license) rows.push(row('Licence', isolate(attributes.license)));
  if (attributes.primaryCategory) rows.push(row('Category', isolate(attributes.primaryCategory)));
  if (attributes.authors?.length)
    rows.push(row('Authors', isolate(attributes.authors.slice(0, 12).join(', '))));
  const created = attributes.createdAt ?? attributes.publishedAt;
  if (created)
    rows.push(row(attributes.publishedAt ? 'Published' : 'Created', longDate(created.slice(0, 10))));
  if (subject.firstSeen) rows.push(row('First seen by the Post', longDate(subject.firstSeen)));
  const lastDay = subject.history.at(-1)?.day;
  if (lastDay) rows.push(row('Last seen', longDate(lastDay)));
  return rows;
}

export function mentionList(mentions: readonly SubjectMention[], page: Page): Markup {
  if (mentions.length === 0) return html`<p>No edition has named it yet.</p>`;
  const entries = mentions.map((mention) => {
    const sections = mention.sections.map((section, i) => {
      const names = SECTIONS[section];
      return html`${i > 0 ? ', ' : ''}<a href="${local(page.site, `${editionPath(mention.date)}#${names.anchor}`)}">${names.short}</a>`;
    });
    return html`<li><p class="meta"><time datetime="${mention.date}">${longDate(mention.date)}</time> · No. ${mention.number} · ${sections}</p><p class="mention-headline"><a href="${local(page.site, editionPath(mention.date))}">${mention.headline}</a></p></li>`;
  });
  return html`<ol class="mentions">${entries}</ol>`;
}

export function refList(refs: readonly SubjectRefLink[], page: Page, className = 'subject-links'): Markup {
  return html`<ul class="${className}">${refs.map(
    (ref) =>
      html`<li><a href="${local(page.site, ref.path)}">${isolate(ref.title)}</a>${ref.note ? html` <span class="meta">${ref.note}</span>` : ''}</li>`,
  )}</ul>`;
}

function section(id: string, title: string, body: Markup): Markup {
  return html`<section class="subject-section" aria-labelledby="${id}"><h2 id="${id}" class="section-label">${title}</h2>${body}</section>`;
}

function releasesList(subject: ItemSubject): Markup {
  return html`<ul class="releases">${subject.releases.map(
    (release) =>
      html`<li>${externalLink(release.tag, release.url)}${release.title && release.title !== release.tag ? html` · ${isolate(release.title)}` : ''}${release.day ? html` <span class="meta">seen <time datetime="${release.day}">${mediumDate(release.day)}</time></span>` : ''}</li>`,
  )}</ul>`;
}

/** A few words about the subject for the page's description and standfirst. */
function describe(subject: ItemSubject): string {
  const label = KIND_LABELS[subject.kind].one.toLowerCase();
  const times = subject.mentions.length;
  const named =
    times === 0
      ? 'not yet named in an edition'
      : `named in ${exact(times)} ${times === 1 ? 'edition' : 'editions'}`;
  const days = new Set(subject.history.map((p) => p.day)).size;
  const seen = days === 0 ? '' : `, seen on ${exact(days)} ${days === 1 ? 'day' : 'days'}`;
  return `${subject.title}: a ${label} ${named}${seen}. Its history and every mention in ${PAPER_NAME}.`;
}

export function renderSubjectPage(subject: ItemSubject, site: SiteContext, assets: PageAssets): string {
  const page = pageContext(site, assets);
  const label = KIND_LABELS[subject.kind].one;
  const platform = platformName(subject.url);
  const upstream = externalLink(`${subject.title} on ${platform}`, subject.url);
  const description = subject.attributes.description ?? subject.attributes.summary ?? undefined;
  const series = historySeries(subject.history, page);
  const charts = series.map(historyChart);
  const facts = factRows(subject, page);
  const parts: Markup[] = [
    html`<header class="subject-head"><p class="kicker">${label}</p><h1>${isolate(subject.title)}</h1>${description ? html`<p class="standfirst">${isolate(description.length > 400 ? `${[...description].slice(0, 399).join('')}…` : description)}</p>` : ''}<p class="upstream-line">${upstream}</p></header>`,
    facts.length > 0 ? section('facts', 'Facts', html`<dl class="facts">${facts}</dl>`) : html``,
    section(
      'history',
      'History',
      charts.length > 0
        ? html`<div class="history-charts">${charts}</div>${historyTable(series, `The history of ${subject.title}, day by day`)}`
        : html`<p>No daily numbers recorded yet.</p>`,
    ),
    section(
      'mentions',
      `In the Post (${exact(subject.mentions.length)})`,
      mentionList(subject.mentions, page),
    ),
  ];
  if (subject.builtOn.length > 0)
    parts.push(
      section('built-on', `Built on it (${exact(subject.builtOn.length)})`, refList(subject.builtOn, page)),
    );
  if (subject.releases.length > 0) parts.push(section('releases', 'Releases', releasesList(subject)));
  if (subject.authorPath && subject.author)
    parts.push(
      html`<p class="more-from"><a href="${local(page.site, subject.authorPath)}">Everything by ${isolate(subject.author)} the Post has seen</a></p>`,
    );
  return documentPage(page, {
    title: `${subject.title} (${label}) | ${PAPER_NAME}`,
    description: describe(subject),
    canonicalPath: subject.path,
    ogType: 'website',
    header: masthead(page, {}),
    main: html`<div class="page subject">${parts}</div>`,
  });
}
