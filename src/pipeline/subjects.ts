/**
 * @module pipeline/subjects
 * The subject stage of a publish: a permanent page for every model, dataset, Space, repository,
 * paper and author the Post has seen (core/subjects gives the addresses), built incrementally.
 *
 * What a page is made of is read set-based from the store (store/subjects): every item a page
 * at a time, one grouped statement of per-item observation fingerprints, and the daily history
 * of only the items whose page must be rendered, a batch of ids per statement. Mentions come from
 * the editions' plans (core/mentions), which the publish has loaded already; an item an edition
 * names that the store lacks (an edition from the sample day) gets its page from the plan, so an
 * edition's link never points at nothing.
 *
 * Incremental: each page's inputs (the item, its facts, its observations' fingerprint, its
 * mentions, what was built on it, its releases, and a key of the rendering itself) hash to a
 * digest; the manifest of the last build (path → digest, kept in the site folder, since every
 * serve instance publishes its own folder) says which pages are already right. Only the others
 * are rendered and written. A page whose subject left (an item that was renamed away, an id no
 * longer valid) is listed in `removed` for the caller to delete.
 */
import { createHash } from 'node:crypto';
import { itemFacts } from '../analysis/facts/index.js';
import type { Edition } from '../core/edition.js';
import type { HistoryItem } from '../core/history.js';
import type { ItemKind } from '../core/item.js';
import { type MentionSection, planMentions } from '../core/mentions.js';
import type { PlannedItem } from '../core/plan.js';
import type { ItemFacts } from '../core/signals.js';
import { authorPath, itemPath, type PagedKind, releaseRepository } from '../core/subjects.js';
import type { SiteContext, SiteFile, SubjectsSummary } from '../renderers/index.js';
import {
  type AuthorSubject,
  createPageAssets,
  type ItemSubject,
  renderAuthorPage,
  renderSubjectPage,
  type SubjectDay,
  type SubjectIndexEntry,
  type SubjectMention,
} from '../renderers/site/index.js';
import type { ItemRecord, Store } from '../store/store.js';

/** The manifest of the last subject build, beside the pages (a dotfile: the server never serves it). */
export const SUBJECTS_MANIFEST = '.subjects-manifest.json';
const MANIFEST_FORMAT = 'morning-post/subjects@1';
/**
 * Raise when what a page shows changes in a way the canary page below cannot notice (a new
 * input read from the store). Changes to the layout, the stylesheet or the renderers change the
 * canary's bytes, and so every digest, by themselves.
 */
const STAGE_VERSION = 1;
/** Items whose history is read and whose pages are rendered per round: bounds memory. */
const RENDER_BATCH = 400;
const ITEM_PAGE = 5_000;
const HTML = 'text/html; charset=utf-8';

export interface SubjectManifest {
  format: typeof MANIFEST_FORMAT;
  /** Site path (`/models/a/b/`) → digest of the page's inputs. */
  pages: Record<string, string>;
}

export interface SubjectStageOptions {
  store: Store;
  editions: readonly Edition[];
  site: SiteContext;
  /** The manifest's pages from the last build; empty for a full build. */
  previous: Record<string, string>;
  /** Whether a page of the last build is still on disk; a missing one is written again. */
  exists?: (file: string) => boolean;
  /** Writes a batch of rendered pages (each `SiteFile.path` relative to the site root). */
  write: (files: SiteFile[]) => Promise<void>;
}

export interface SubjectStageResult {
  manifest: SubjectManifest;
  /** For the rest of the site: the most-mentioned index and the sitemap. */
  summary: SubjectsSummary;
  /** Every subject page's file (`models/a/b/index.html`), written now or kept. */
  files: string[];
  /** Files written by this build. */
  written: string[];
  /** Files of pages whose subject is gone: the caller deletes them. */
  removed: string[];
  /** Items whose daily history was read. */
  historiesRead: number;
}

/** `/models/a/b%2Bc/` → `models/a/b+c/index.html`: the file the server finds for that URL. */
export function subjectFile(path: string): string {
  return `${path
    .slice(1)
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .join('/')}index.html`;
}

const digest = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);

const key = (kind: ItemKind, externalId: string) => `${kind}\u0000${externalId}`;

/** Appends to a map of lists (in place: a list a thousand fine-tunes long is not copied each time). */
function push<T>(map: Map<string, T[]>, at: string, value: T): void {
  const list = map.get(at);
  if (list) list.push(value);
  else map.set(at, [value]);
}

const PAGED = new Set<ItemKind>(['model', 'dataset', 'space', 'repository', 'paper']);

interface Draft {
  subject: Omit<ItemSubject, 'history' | 'mentions' | 'builtOn' | 'firstSeen'>;
  /** The store's item, when there is one (its history is read for the page). */
  item?: ItemRecord;
  firstSeen?: string;
}

interface MentionIndex {
  /** Subject path → edition date → mention. */
  byPath: Map<string, Map<string, SubjectMention>>;
  /** Items named by an edition, newest edition's copy, by kind and id. */
  planned: Map<string, PlannedItem>;
}

function collectMentions(editions: readonly Edition[]): MentionIndex {
  const byPath = new Map<string, Map<string, SubjectMention>>();
  const planned = new Map<string, PlannedItem>();
  const add = (path: string | undefined, edition: Edition, section: MentionSection) => {
    if (!path) return;
    const dates = byPath.get(path) ?? new Map<string, SubjectMention>();
    byPath.set(path, dates);
    const mention = dates.get(edition.date) ?? {
      date: edition.date,
      number: edition.number,
      headline: edition.text.headline,
      sections: [],
    };
    if (!mention.sections.includes(section)) mention.sections.push(section);
    dates.set(edition.date, mention);
  };
  // Newest first: one edition per date, the highest number winning as on the site.
  const sorted = [...editions].sort((a, b) =>
    a.date < b.date ? 1 : a.date > b.date ? -1 : b.number - a.number,
  );
  const seen = new Set<string>();
  for (const edition of sorted) {
    if (seen.has(edition.date)) continue;
    seen.add(edition.date);
    for (const { section, item } of planMentions(edition.plan)) {
      add(itemPath(item.kind, item.externalId), edition, section);
      if (item.author && item.kind !== 'release') add(authorPath(item.author), edition, section);
      const k = key(item.kind, item.externalId);
      if (!planned.has(k)) planned.set(k, item);
    }
  }
  return { byPath, planned };
}

const mentionsOf = (index: MentionIndex, path: string): SubjectMention[] =>
  [...(index.byPath.get(path)?.values() ?? [])].sort((a, b) =>
    a.date < b.date ? 1 : a.date > b.date ? -1 : 0,
  );

async function allItems(store: Store): Promise<ItemRecord[]> {
  const items: ItemRecord[] = [];
  for (;;) {
    const page = await store.subjects.listItems({ afterId: items.at(-1)?.id ?? 0, limit: ITEM_PAGE });
    items.push(...page);
    if (page.length < ITEM_PAGE) return items;
  }
}

const asHistoryItem = (item: ItemRecord): HistoryItem => ({
  id: item.id,
  kind: item.kind,
  externalId: item.externalId,
  title: item.title,
  url: item.url,
  author: item.author,
  attributes: item.attributes,
  firstSeenAt: item.firstSeenAt,
});

function releaseOf(
  item: { externalId: string; title: string; url: string; attributes: ItemRecord['attributes'] },
  day?: string,
) {
  const at = item.externalId.indexOf('@');
  const tag = item.attributes.tag ?? (at > 0 ? item.externalId.slice(at + 1) : item.externalId);
  const seen = item.attributes.publishedAt?.slice(0, 10) ?? day;
  return { tag, title: item.title, url: item.url, ...(seen ? { day: seen } : {}) };
}

/** A repository page for releases whose repository itself the Post never listed. */
function repositoryFromRelease(repo: string): Draft['subject'] {
  const owner = repo.split('/')[0] ?? null;
  return {
    path: itemPath('repository', repo) as string,
    kind: 'repository',
    externalId: repo,
    title: repo,
    url: `https://github.com/${repo}`,
    author: owner,
    attributes: {},
    releases: [],
  };
}

/**
 * A key of the rendering itself: a fixed page rendered with this build's context and assets.
 * When the layout, the stylesheet, the masthead or the subject renderer change, its bytes change,
 * and every page's digest with them.
 */
function renderingKey(site: SiteContext, assets: Awaited<ReturnType<typeof createPageAssets>>): string {
  const canary: ItemSubject = {
    path: '/models/canary/canary/',
    kind: 'model',
    externalId: 'canary/canary',
    title: 'canary/canary',
    url: 'https://huggingface.co/canary/canary',
    author: 'canary',
    authorPath: '/authors/canary/',
    attributes: { pipelineTag: 'text-generation', baseModels: ['canary/base'] },
    facts: {
      itemId: 0,
      domain: 'code',
      domainReason: 'canary',
      baseModel: 'canary/base',
      relation: 'finetune',
      parameters: 8e9,
      sizeClass: 'medium',
      bigLab: false,
      series: 'c1',
    },
    basePath: '/models/canary/base/',
    firstSeen: '2025-01-01',
    history: [
      { day: '2025-01-01', source: 'hf-models', list: 'trending', rank: 3, likes: 10, downloads: 100 },
      { day: '2025-01-03', source: 'hf-models', list: 'trending', rank: 1, likes: 30, downloads: 300 },
    ],
    mentions: [{ date: '2025-01-03', number: 1, headline: 'Canary', sections: ['lead', 'trending'] }],
    builtOn: [{ path: '/models/canary/child/', title: 'canary/child', kind: 'model', note: 'fine-tune' }],
    releases: [
      { tag: 'v1', title: 'v1', url: 'https://github.com/canary/canary/releases/tag/v1', day: '2025-01-02' },
    ],
  };
  const author: AuthorSubject = {
    path: '/authors/canary/',
    name: 'canary',
    items: [
      {
        path: '/models/canary/canary/',
        title: 'canary/canary',
        kind: 'model',
        mentions: 1,
        firstSeen: '2025-01-01',
      },
    ],
    mentions: canary.mentions,
  };
  return digest([
    STAGE_VERSION,
    renderSubjectPage(canary, site, assets),
    renderAuthorPage(author, site, assets),
  ]);
}

export async function buildSubjectPages(options: SubjectStageOptions): Promise<SubjectStageResult> {
  const { store } = options;
  const site: SiteContext = { ...options.site, subjectPages: true };
  const assets = await createPageAssets(site);
  const rendering = renderingKey(site, assets);

  const [items, fingerprints] = await Promise.all([
    allItems(store),
    store.subjects.observationFingerprints(),
  ]);
  const prints = new Map(fingerprints.map((f) => [f.itemId, f.digest] as const));
  const mentions = collectMentions(options.editions);
  const facts = itemFacts(items.map(asHistoryItem));

  // Item subjects: the store's items, then releases folded into their repositories, then items
  // only an edition's plan knows.
  const drafts = new Map<string, Draft>();
  const releases = new Map<string, ItemSubject['releases']>();
  const known = new Set<string>();
  for (const item of items) {
    known.add(key(item.kind, item.externalId));
    if (item.kind === 'release') {
      const repo = releaseRepository(item.attributes.repository ?? item.externalId);
      const path = itemPath('repository', repo);
      if (!path) continue;
      push(releases, path, releaseOf(item, item.firstSeenAt.slice(0, 10)));
      if (!drafts.has(path)) drafts.set(path, { subject: repositoryFromRelease(repo) });
      continue;
    }
    const path = itemPath(item.kind, item.externalId);
    if (!path || !PAGED.has(item.kind)) continue;
    const itemFactsOf = facts.get(item.id);
    drafts.set(path, {
      item,
      firstSeen: item.firstSeenAt.slice(0, 10),
      subject: {
        path,
        kind: item.kind as PagedKind,
        externalId: item.externalId,
        title: item.title,
        url: item.url,
        author: item.author,
        attributes: item.attributes,
        ...(itemFactsOf ? { facts: itemFactsOf } : {}),
        releases: [],
      },
    });
  }
  for (const [k, planned] of mentions.planned) {
    if (known.has(k)) continue;
    if (planned.kind === 'release') {
      const repo = releaseRepository(planned.externalId);
      const path = itemPath('repository', repo);
      if (!path) continue;
      push(releases, path, releaseOf({ ...planned, attributes: {} }, planned.observedAt.slice(0, 10)));
      if (!drafts.has(path)) drafts.set(path, { subject: repositoryFromRelease(repo) });
      continue;
    }
    const path = itemPath(planned.kind, planned.externalId);
    if (!path || drafts.has(path)) continue;
    drafts.set(path, {
      subject: {
        path,
        kind: planned.kind as PagedKind,
        externalId: planned.externalId,
        title: planned.title,
        url: planned.url,
        author: planned.author,
        attributes: {},
        ...(planned.facts ? { facts: planned.facts as ItemFacts } : {}),
        releases: [],
      },
    });
  }

  // What was built on each model, and each author's items.
  const builtOn = new Map<string, ItemSubject['builtOn']>();
  const authors = new Map<string, AuthorSubject>();
  for (const draft of drafts.values()) {
    const { subject } = draft;
    for (const base of subject.attributes.baseModels ?? []) {
      const basePath = itemPath('model', base);
      if (!basePath || basePath === subject.path) continue;
      const relation = subject.attributes.baseRelation;
      push(builtOn, basePath, {
        path: subject.path,
        title: subject.title,
        kind: subject.kind,
        ...(relation ? { note: relation } : {}),
      });
    }
    const aPath = subject.author ? authorPath(subject.author) : undefined;
    if (aPath && subject.author) {
      const author = authors.get(aPath) ?? { path: aPath, name: subject.author, items: [], mentions: [] };
      author.items.push({
        path: subject.path,
        title: subject.title,
        kind: subject.kind,
        mentions: mentions.byPath.get(subject.path)?.size ?? 0,
        ...(draft.firstSeen ? { firstSeen: draft.firstSeen } : {}),
      });
      authors.set(aPath, author);
    }
  }

  const index: SubjectIndexEntry[] = [];
  const pages: Record<string, string> = {};
  const files: string[] = [];
  const written: string[] = [];
  const pending: Array<{ draft: Draft; full: Omit<ItemSubject, 'history'> }> = [];
  const authorPages: SiteFile[] = [];
  const flush = async (batch: SiteFile[]) => {
    await options.write(batch);
    written.push(...batch.map((file) => file.path));
  };
  const changed = (path: string, value: string) => {
    pages[path] = value;
    files.push(subjectFile(path));
    return options.previous[path] !== value || !(options.exists?.(subjectFile(path)) ?? false);
  };

  for (const draft of drafts.values()) {
    const { subject } = draft;
    const subjectMentions = mentionsOf(mentions, subject.path);
    const basePath = subject.facts?.baseModel ? itemPath('model', subject.facts.baseModel) : undefined;
    const aPath = subject.author ? authorPath(subject.author) : undefined;
    const full: Omit<ItemSubject, 'history'> = {
      ...subject,
      ...(aPath && authors.has(aPath) ? { authorPath: aPath } : {}),
      ...(basePath && drafts.has(basePath) ? { basePath } : {}),
      ...(draft.firstSeen ? { firstSeen: draft.firstSeen } : {}),
      mentions: subjectMentions,
      builtOn: (builtOn.get(subject.path) ?? []).sort((a, b) =>
        a.title < b.title ? -1 : a.title > b.title ? 1 : 0,
      ),
      releases: (releases.get(subject.path) ?? []).sort((a, b) =>
        (a.day ?? '') < (b.day ?? '') ? 1 : (a.day ?? '') > (b.day ?? '') ? -1 : 0,
      ),
    };
    index.push({
      path: subject.path,
      title: subject.title,
      kind: subject.kind,
      mentions: subjectMentions.length,
    });
    const value = digest([rendering, full, draft.item ? (prints.get(draft.item.id) ?? '') : '']);
    if (changed(subject.path, value)) pending.push({ draft, full });
  }

  for (const author of authors.values()) {
    author.items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    author.mentions = mentionsOf(mentions, author.path);
    index.push({ path: author.path, title: author.name, kind: 'author', mentions: author.mentions.length });
    if (changed(author.path, digest([rendering, author])))
      authorPages.push({
        path: subjectFile(author.path),
        body: renderAuthorPage(author, site, assets),
        contentType: HTML,
      });
    if (authorPages.length >= RENDER_BATCH) await flush(authorPages.splice(0));
  }
  if (authorPages.length > 0) await flush(authorPages.splice(0));

  let historiesRead = 0;
  for (let start = 0; start < pending.length; start += RENDER_BATCH) {
    const batch = pending.slice(start, start + RENDER_BATCH);
    const ids = batch.flatMap(({ draft }) => (draft.item ? [draft.item.id] : []));
    historiesRead += ids.length;
    const days = new Map<number, SubjectDay[]>();
    for (const point of ids.length > 0 ? await store.subjects.dailyHistory(ids) : []) {
      const list = days.get(point.itemId) ?? [];
      list.push({
        day: point.day,
        source: point.source,
        list: point.list,
        rank: point.rank,
        ...(point.metrics.likes !== undefined ? { likes: point.metrics.likes } : {}),
        ...(point.metrics.downloads !== undefined ? { downloads: point.metrics.downloads } : {}),
        ...(point.metrics.stars !== undefined ? { stars: point.metrics.stars } : {}),
        ...(point.metrics.upvotes !== undefined ? { upvotes: point.metrics.upvotes } : {}),
      });
      days.set(point.itemId, list);
    }
    const rendered = batch.map(({ draft, full }): SiteFile => {
      const history = draft.item ? (days.get(draft.item.id) ?? []) : [];
      const subject: ItemSubject = { ...full, history, ...(history[0] ? { firstSeen: history[0].day } : {}) };
      return {
        path: subjectFile(full.path),
        body: renderSubjectPage(subject, site, assets),
        contentType: HTML,
      };
    });
    await flush(rendered);
  }

  const removed = Object.keys(options.previous)
    .filter((path) => !(path in pages))
    .map(subjectFile);
  return {
    manifest: { format: MANIFEST_FORMAT, pages },
    summary: { index },
    files,
    written,
    removed,
    historiesRead,
  };
}

/** The manifest's pages, or none when the file is missing, damaged or of another format. */
export function parseSubjectManifest(text: string | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as Partial<SubjectManifest>;
    if (parsed.format !== MANIFEST_FORMAT || typeof parsed.pages !== 'object' || parsed.pages === null)
      return {};
    return Object.fromEntries(Object.entries(parsed.pages).filter(([, value]) => typeof value === 'string'));
  } catch {
    return {};
  }
}
