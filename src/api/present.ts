/**
 * @module api/present
 * Store records and stored editions as the API's shapes (schemas.ts): absolute links to the
 * site's pages and to the API, sections as data with the plan items each is about, and which
 * editions named which subjects.
 */
import { type Edition, EditionSchema } from '../core/edition.js';
import type { ItemKind } from '../core/item.js';
import type { EditionPlan, PlannedItem } from '../core/plan.js';
import { authorPath, itemPath } from '../core/subjects.js';
import { type EditionText, EditionTextSchema, plainText, type SectionId } from '../core/text.js';
import { siteUrls } from '../renderers/feeds/site.js';
import type { EditionRecord, ItemRecord } from '../store/store.js';
import type { ApiEdition, EditionSummary, ItemRef } from './schemas.js';

export const API_PREFIX = '/api/v1';

export interface ApiUrls {
  /** An API path (`/editions`) as an absolute URL, with its query when given. */
  api(path: string, query?: Record<string, string | undefined>): string;
  /** A site path (`/models/a/b/`) as an absolute URL. */
  site(path: string): string;
  edition(date: string): { self: string; html: string; json: string; markdown: string };
  item(kind: ItemKind, externalId: string): { page: string | null; api: string | null };
  author(name: string | null): { page: string | null; api: string | null };
}

export function apiUrls(publicUrl: string): ApiUrls {
  const urls = siteUrls({ baseUrl: publicUrl });
  const api: ApiUrls['api'] = (path, query = {}) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
    const search = params.toString();
    return `${urls.base}${API_PREFIX}${path}${search ? `?${search}` : ''}`;
  };
  const pair = (path: string | undefined) => ({
    page: path === undefined ? null : `${urls.base}${path}`,
    api: path === undefined ? null : api(path.replace(/\/$/, '')),
  });
  return {
    api,
    site: (path) => `${urls.base}${path}`,
    edition: (date) => ({
      self: api(`/editions/${date}`),
      html: urls.edition(date),
      json: urls.file(`editions/${date}/edition.json`),
      markdown: urls.file(`editions/${date}/edition.md`),
    }),
    item: (kind, externalId) => pair(itemPath(kind, externalId)),
    author: (name) => pair(name === null ? undefined : authorPath(name)),
  };
}

export function itemRef(
  item: Pick<ItemRecord, 'id' | 'kind' | 'externalId' | 'title' | 'url' | 'author'>,
  urls: ApiUrls,
): ItemRef {
  return {
    id: item.id,
    kind: item.kind,
    externalId: item.externalId,
    title: item.title,
    url: item.url,
    author: item.author,
    links: { ...urls.item(item.kind, item.externalId), author: urls.author(item.author).api },
  };
}

function placedItem(item: PlannedItem, urls: ApiUrls) {
  return {
    ...itemRef({ ...item, id: item.itemId }, urls),
    source: item.source,
    list: item.list,
    rank: item.rank,
    metrics: item.metrics,
    observedAt: item.observedAt,
  };
}

/** The plan items each section is about, in the order the plan holds them. */
export function sectionItems(plan: EditionPlan, id: SectionId): PlannedItem[] {
  switch (id) {
    case 'lead':
      return plan.lead?.items ?? [];
    case 'deepDive':
      return plan.deepDive?.items ?? [];
    case 'opinion1':
      return plan.opinions[0]?.items ?? [];
    case 'opinion2':
      return plan.opinions[1]?.items ?? [];
    case 'tools':
      return plan.tools.map((pick) => pick.item);
    case 'trending':
      return [
        ...plan.trending.models,
        ...plan.trending.datasets,
        ...plan.trending.spaces,
        ...plan.trending.repositories,
      ];
    case 'movers':
      return plan.movers.items.map((entry) => entry.item);
    case 'reading':
      return plan.reading.map((entry) => entry.item);
    case 'metrics':
      return [];
  }
}

/** A stored edition that reads back whole (text and meta), or undefined (plan-only draft, damaged row). */
export function readEdition(record: EditionRecord): Edition | undefined {
  if (record.text === null) return undefined;
  const parsed = EditionSchema.safeParse(record);
  return parsed.success ? parsed.data : undefined;
}

export function editionSummary(
  record: Omit<EditionRecord, 'plan'>,
  urls: ApiUrls,
): EditionSummary | undefined {
  const text = EditionTextSchema.safeParse(record.text);
  if (!text.success) return undefined;
  return summaryOf(record, text.data, urls);
}

function summaryOf(
  record: Pick<EditionRecord, 'number' | 'date' | 'status' | 'publishedAt' | 'updatedAt'>,
  text: EditionText,
  urls: ApiUrls,
): EditionSummary {
  return {
    number: record.number,
    date: record.date,
    status: record.status,
    headline: text.headline,
    standfirst: text.standfirst,
    publishedAt: record.publishedAt,
    updatedAt: record.updatedAt,
    links: urls.edition(record.date),
  };
}

export function presentEdition(edition: Edition, urls: ApiUrls): ApiEdition {
  return {
    ...summaryOf(edition, edition.text, urls),
    dataMode: edition.meta.dataMode,
    dataDay: edition.meta.dataDay,
    sections: edition.text.sections.map((section) => ({
      id: section.id,
      title: section.title,
      standfirst: section.standfirst ?? null,
      isOpinion: section.isOpinion,
      writer: section.writer,
      paragraphs: section.paragraphs,
      entries: (section.entries ?? []).map((entry) => ({
        itemId: entry.itemId ?? null,
        name: plainText(entry.name),
        blurb: plainText(entry.blurb),
      })),
      items: sectionItems(edition.plan, section.id).map((item) => placedItem(item, urls)),
      metrics: section.id === 'metrics' ? edition.plan.metrics.metrics : [],
    })),
  };
}

export interface Mention {
  date: string;
  number: number;
  headline: string;
  sections: SectionId[];
}

/**
 * Which editions named which items and authors: built once from every stored edition's plan,
 * and again only when the editions change (the caller keys it by the store's EditionsVersion).
 */
export class MentionIndex {
  readonly #items = new Map<number, Mention[]>();
  readonly #authors = new Map<string, Mention[]>();

  add(edition: Edition): void {
    const byItem = new Map<number, Set<SectionId>>();
    const byAuthor = new Map<string, Set<SectionId>>();
    for (const section of edition.text.sections) {
      for (const item of sectionItems(edition.plan, section.id)) {
        addTo(byItem, item.itemId, section.id);
        if (item.author) addTo(byAuthor, item.author, section.id);
      }
    }
    const mention = (sections: Set<SectionId>): Mention => ({
      date: edition.date,
      number: edition.number,
      headline: edition.text.headline,
      sections: [...sections],
    });
    for (const [id, sections] of byItem) push(this.#items, id, mention(sections));
    for (const [name, sections] of byAuthor) push(this.#authors, name, mention(sections));
  }

  /** Newest first. */
  item(id: number): Mention[] {
    return sorted(this.#items.get(id));
  }

  author(name: string): Mention[] {
    return sorted(this.#authors.get(name));
  }
}

function addTo<K>(map: Map<K, Set<SectionId>>, key: K, section: SectionId): void {
  const set = map.get(key) ?? new Set<SectionId>();
  set.add(section);
  map.set(key, set);
}

function push<K>(map: Map<K, Mention[]>, key: K, mention: Mention): void {
  const list = map.get(key) ?? [];
  list.push(mention);
  map.set(key, list);
}

function sorted(mentions: Mention[] | undefined): Mention[] {
  return [...(mentions ?? [])].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

export function presentMentions(mentions: Mention[], urls: ApiUrls) {
  return mentions.map((mention) => {
    const links = urls.edition(mention.date);
    return { ...mention, links: { self: links.self, html: links.html } };
  });
}
