/**
 * @module store/search
 * Search over editions, items and authors (the contract: SearchStore in store.ts).
 *
 * Documents (`search_documents`, migration 0007), one per thing with a page on the site:
 * - an **edition** with text: its headline as title; its standfirst, the lead, deep dive and
 *   opinion pieces, and the names of every item its plan names as body;
 * - an **item** of a kind with pages (model, dataset, space, repository, paper; releases belong to
 *   their repository's page and are left out): its title, and as body its id, author,
 *   description or summary, paper authors, task, library, language, topics and plain tags;
 * - an **author** (a Hugging Face or GitHub owner whose name can be a page).
 * Items and authors are written in saveSnapshot's transaction, an edition in saveEdition's; a
 * write that changes nothing searchable touches no index. `reindex` rebuilds them all.
 *
 * Ranking: documents whose title holds every word come first, shortest title first (a reader
 * typing a name wants that name: `Qwen/Qwen3-8B` before `unsloth/Qwen3-8B-GGUF`, `llama.cpp`
 * before `llama-cpp-python`); then, and among equal titles, SQLite's bm25 with the title weighing
 * 10× the body, Postgres's ts_rank with weights A (title) 1.0 and B (body) 0.2. Ties go to the
 * newer document (a higher id: indexed later), so pages
 * of one query never overlap or skip while the index is unchanged. The count stops at
 * SEARCH_COUNT_LIMIT; cursors are offsets up to MAX_SEARCH_OFFSET.
 */
import { type Expression, type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import { type ItemAttributes, ItemKindSchema } from '../core/item.js';
import { EditionPlanSchema, planItems } from '../core/plan.js';
import { authorPath, itemPath } from '../core/subjects.js';
import { EditionTextSchema, sectionPlainText } from '../core/text.js';
import type { Database, SearchDocumentsTable } from './database.js';
import { chunks, toNumber } from './rows.js';
import {
  fts5Expression,
  highlight,
  type ParsedQuery,
  parseQuery,
  searchableText,
  snippet,
  tsqueryExpression,
} from './search-terms.js';
import type {
  SearchHit,
  SearchQuery,
  SearchResults,
  SearchStore,
  SearchType,
  StoreDialect,
} from './store.js';
import { SEARCH_TYPES } from './store.js';

export const SEARCH_COUNT_LIMIT = 1000;
/** Sorts documents that match only in their text after every title match (titles are shorter). */
const TIER_2 = sql.lit(1_000_000);
export const MAX_SEARCH_OFFSET = 1000;
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 50;

export interface SearchDocument {
  type: SearchType;
  key: string;
  title: string;
  body: string;
  path: string;
  date: string | null;
}

type Db = Kysely<Database>;

// ---------------------------------------------------------------------------------------------
// Documents

const ITEM_TYPES = new Set<string>(['model', 'dataset', 'space', 'repository', 'paper']);

/** The fields of an item row a document is made from (stored row or the row being written). */
export interface ItemRow {
  kind: string;
  external_id: string;
  title: string;
  author?: string | null;
  attributes: string;
  first_seen_at: string;
}

function attributesOf(text: string): ItemAttributes {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as ItemAttributes) : {};
  } catch {
    return {};
  }
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function itemDocument(row: ItemRow): SearchDocument | undefined {
  const kind = ItemKindSchema.safeParse(row.kind);
  if (!kind.success || !ITEM_TYPES.has(kind.data)) return undefined;
  const path = itemPath(kind.data, row.external_id);
  if (!path) return undefined;
  const a = attributesOf(row.attributes);
  // What reads well in a snippet first; names and ids last.
  const body = [
    text(a.description),
    text(a.summary),
    strings(a.authors).join(', '),
    text(a.pipelineTag),
    text(a.library),
    text(a.language),
    text(a.sdk),
    strings(a.topics).join(' '),
    strings(a.categories).join(' '),
    // Hub tags like `license:mit` or `base_model:…` are machine tags, not words a reader looks for.
    strings(a.tags)
      .filter((tag) => !tag.includes(':'))
      .slice(0, 30)
      .join(' '),
    row.external_id === row.title ? '' : row.external_id,
    row.author ? `by ${row.author}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    type: kind.data as SearchType,
    key: row.external_id,
    title: row.title,
    body,
    path,
    // First seen: a date that does not move with every sighting, so a day's snapshot rewrites
    // no document whose words did not change.
    date: row.first_seen_at.slice(0, 10) || null,
  };
}

export function authorDocument(name: string, firstSeenAt: string): SearchDocument | undefined {
  const path = authorPath(name);
  return path
    ? { type: 'author', key: name, title: name, body: '', path, date: firstSeenAt.slice(0, 10) }
    : undefined;
}

function parseJson(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

const EDITION_SECTIONS = new Set(['lead', 'deepDive', 'opinion1', 'opinion2']);

/** An edition with readable text; undefined for a plan-only draft or a damaged row. */
export function editionDocument(
  date: string,
  textJson: string | null,
  planJson: string,
): SearchDocument | undefined {
  const parsed = EditionTextSchema.safeParse(parseJson(textJson));
  if (!parsed.success) return undefined;
  const edition = parsed.data;
  const plan = EditionPlanSchema.safeParse(parseJson(planJson));
  const names = new Set<string>();
  if (plan.success) {
    for (const item of planItems(plan.data)) {
      names.add(item.title);
      if (item.externalId !== item.title) names.add(item.externalId);
    }
  }
  const body = [
    edition.standfirst,
    ...edition.sections.filter((s) => EDITION_SECTIONS.has(s.id)).map(sectionPlainText),
    [...names].join(' · '),
  ]
    .filter(Boolean)
    .join('\n');
  return { type: 'edition', key: date, title: edition.headline, body, path: `/editions/${date}/`, date };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Postgres's tsvector of a document: title weight A, body B, over text normalised as queries are. */
function terms(doc: SearchDocument): RawBuilder<unknown> {
  return sql`setweight(to_tsvector('simple', ${searchableText(doc.title)}), 'A') || setweight(to_tsvector('simple', ${searchableText(doc.body)}), 'B')`;
}

/** The title's words alone: a small vector, read to rank title matches first without the body's. */
function titleTerms(doc: SearchDocument): RawBuilder<unknown> {
  return sql`to_tsvector('simple', ${searchableText(doc.title)})`;
}

const changed = sql<boolean>`search_documents.title <> excluded.title or search_documents.body <> excluded.body or search_documents.path <> excluded.path or coalesce(search_documents.date, '') <> coalesce(excluded.date, '')`;

/**
 * Inserts or replaces documents (by type and key). A document whose title, body, path and date
 * are unchanged is not written at all; one whose date alone moved leaves the text index alone.
 * Authors' dates (when first seen) only ever move back.
 */
export async function writeDocuments(
  db: Db,
  dialect: StoreDialect,
  docs: readonly SearchDocument[],
): Promise<void> {
  const unique = new Map<string, SearchDocument>();
  for (const doc of docs) unique.set(`${doc.type}\u0000${doc.key}`, doc);
  const rows = [...unique.values()].sort((a, b) =>
    a.type < b.type ? -1 : a.type > b.type ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const authors = rows.filter((doc) => doc.type === 'author');
  const others = rows.filter((doc) => doc.type !== 'author');
  const values = (doc: SearchDocument) => ({
    type: doc.type,
    key: doc.key,
    title: doc.title,
    body: doc.body,
    path: doc.path,
    date: doc.date,
    ...(dialect === 'postgres' ? { terms: terms(doc), title_terms: titleTerms(doc) } : {}),
  });
  for (const chunk of chunks(others, 200)) {
    await db
      .insertInto('search_documents')
      .values(chunk.map(values))
      .onConflict((oc) =>
        oc
          .columns(['type', 'key'])
          .doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            body: eb.ref('excluded.body'),
            path: eb.ref('excluded.path'),
            date: eb.ref('excluded.date'),
            ...(dialect === 'postgres'
              ? { terms: sql`excluded.terms`, title_terms: sql`excluded.title_terms` }
              : {}),
          }))
          .where(changed as Expression<boolean>),
      )
      .execute();
  }
  for (const chunk of chunks(authors, 200)) {
    await db
      .insertInto('search_documents')
      .values(chunk.map(values))
      .onConflict((oc) =>
        oc
          .columns(['type', 'key'])
          .doUpdateSet((eb) => ({
            date: sql`case when excluded.date < coalesce(search_documents.date, excluded.date) then excluded.date else search_documents.date end`,
            path: eb.ref('excluded.path'),
          }))
          .where(
            sql<boolean>`excluded.date < coalesce(search_documents.date, excluded.date) or search_documents.path <> excluded.path`,
          ),
      )
      .execute();
  }
}

/** The documents of the item rows a snapshot wrote, and of their authors. */
export function snapshotDocuments(rows: readonly ItemRow[]): SearchDocument[] {
  const docs: SearchDocument[] = [];
  const authors = new Map<string, string>();
  for (const row of rows) {
    const doc = itemDocument(row);
    if (doc) docs.push(doc);
    if (row.author && ITEM_TYPES.has(row.kind)) {
      const seen = authors.get(row.author);
      if (!seen || row.first_seen_at < seen) authors.set(row.author, row.first_seen_at);
    }
  }
  for (const [name, at] of authors) {
    const doc = authorDocument(name, at);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** Indexes the edition of `date` as stored now (inside saveEdition's transaction). */
export async function indexEdition(db: Db, dialect: StoreDialect, date: string): Promise<void> {
  const row = await db
    .selectFrom('editions')
    .select(['text', 'plan'])
    .where('date', '=', date)
    .executeTakeFirst();
  const doc = row ? editionDocument(date, row.text, row.plan) : undefined;
  if (doc) await writeDocuments(db, dialect, [doc]);
  else
    await db.deleteFrom('search_documents').where('type', '=', 'edition').where('key', '=', date).execute();
}

/** Every document again from the items and editions, in one transaction. */
export async function reindexSearch(db: Db, dialect: StoreDialect): Promise<{ documents: number }> {
  const run = async (trx: Db) => {
    await trx.deleteFrom('search_documents').execute();
    let documents = 0;
    let after = 0;
    for (;;) {
      const rows = await trx
        .selectFrom('items')
        .select(['id', 'kind', 'external_id', 'title', 'author', 'attributes', 'first_seen_at'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(2000)
        .execute();
      if (rows.length === 0) break;
      after = toNumber(rows.at(-1)?.id ?? after);
      const docs = rows.map(itemDocument).filter((doc) => doc !== undefined);
      await writeDocuments(trx, dialect, docs);
      documents += docs.length;
    }
    const authors = await trx
      .selectFrom('items')
      .select(['author', (eb) => eb.fn.min('first_seen_at').as('first_seen_at')])
      .where('author', 'is not', null)
      .where('kind', 'in', [...ITEM_TYPES] as never[])
      .groupBy('author')
      .execute();
    const authorDocs = authors
      .map((row) => authorDocument(row.author as string, String(row.first_seen_at)))
      .filter((doc) => doc !== undefined);
    await writeDocuments(trx, dialect, authorDocs);
    documents += authorDocs.length;
    const editions = await trx.selectFrom('editions').select(['date', 'text', 'plan']).execute();
    const editionDocs = editions
      .map((row) => editionDocument(row.date, row.text, row.plan))
      .filter((doc) => doc !== undefined);
    await writeDocuments(trx, dialect, editionDocs);
    documents += editionDocs.length;
    if (dialect === 'sqlite')
      await sql`insert into search_index (search_index) values ('optimize')`.execute(trx);
    return { documents };
  };
  // Inside a migration the caller's transaction is already open.
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

// ---------------------------------------------------------------------------------------------
// Querying

/** `next` cursors are offsets in decimal; anything else is no cursor (the first page). */
export function parseSearchCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || !/^\d{1,4}$/.test(cursor)) return undefined;
  const offset = Number(cursor);
  return offset <= MAX_SEARCH_OFFSET ? offset : undefined;
}

type HitRow = Pick<
  Selectable<SearchDocumentsTable>,
  'id' | 'type' | 'key' | 'title' | 'body' | 'path' | 'date'
>;

export function createSearchStore(db: Db, dialect: StoreDialect): SearchStore {
  return {
    query: (query) => runQuery(db, dialect, query),
    reindex: () => reindexSearch(db, dialect),
  };
}

async function runQuery(db: Db, dialect: StoreDialect, query: SearchQuery): Promise<SearchResults> {
  const parsed: ParsedQuery = parseQuery(typeof query.q === 'string' ? query.q : '');
  const words = parsed.words.map((word) => word.parts.join(' '));
  const empty: SearchResults = { hits: [], total: 0, totalIsMore: false, words, truncated: parsed.truncated };
  if (parsed.words.length === 0) return empty;
  const limit = Math.min(
    MAX_SEARCH_LIMIT,
    Math.max(1, Math.floor(Number.isFinite(query.limit) ? (query.limit as number) : DEFAULT_SEARCH_LIMIT)),
  );
  const offset = parseSearchCursor(query.cursor) ?? 0;
  const types = [...new Set(query.types ?? [])].filter((type) =>
    (SEARCH_TYPES as readonly string[]).includes(type),
  );
  const typeFilter = types.length > 0 ? sql`and d.type in (${sql.join(types)})` : sql``;

  // First the page's ids, sorting nothing but keys; then the page's rows (long bodies included).
  let ids: number[];
  let counted: () => Promise<number>;
  if (dialect === 'sqlite') {
    // Everything in the FTS index, no join: the words in title or body, the type as a token of
    // its own column; title matches first, shortest title first (its length read only for them).
    const words = `{title body} : (${fts5Expression(parsed.words)})`;
    const match =
      types.length > 0 ? `${words} AND type : (${types.map((type) => `"${type}"`).join(' OR ')})` : words;
    const titleMatch = `title : (${fts5Expression(parsed.words)})`;
    const result = await sql<{ id: number }>`
      select search_index.rowid as id from search_index
      where search_index match ${match}
      order by
        case when search_index.rowid in (select rowid from search_index where search_index match ${titleMatch})
          then (select length(title) from search_documents where id = search_index.rowid) else ${TIER_2} end,
        bm25(search_index, 10.0, 1.0, 0.0), search_index.rowid desc
      limit ${limit + 1} offset ${offset}`.execute(db);
    ids = result.rows.map((row) => toNumber(row.id));
    counted = async () => {
      const count = await sql<{ n: number }>`
        select count(*) as n from (
          select 1 from search_index where search_index match ${match} limit ${SEARCH_COUNT_LIMIT + 1}) matches`.execute(
        db,
      );
      return Number(count.rows[0]?.n ?? 0);
    };
  } else {
    const tsquery = sql`to_tsquery('simple', ${tsqueryExpression(parsed.words)})`;
    const result = await sql<{ id: number | string }>`
      select d.id
      from search_documents d
      where d.terms @@ ${tsquery} ${typeFilter}
      order by
        case when d.title_terms @@ ${tsquery} then length(d.title) else ${TIER_2} end,
        ts_rank('{0.1, 0.2, 0.2, 1.0}', d.terms, ${tsquery}) desc, d.id desc
      limit ${limit + 1} offset ${offset}`.execute(db);
    ids = result.rows.map((row) => toNumber(row.id));
    counted = async () => {
      const count = await sql<{ n: number | string }>`
        select count(*) as n from (
          select 1 from search_documents d where d.terms @@ ${tsquery} ${typeFilter}
          limit ${SEARCH_COUNT_LIMIT + 1}) matches`.execute(db);
      return Number(count.rows[0]?.n ?? 0);
    };
  }
  const fetched =
    ids.length === 0
      ? []
      : await db
          .selectFrom('search_documents')
          .select(['id', 'type', 'key', 'title', 'body', 'path', 'date'])
          .where('id', 'in', ids.slice(0, limit))
          .execute();
  const byId = new Map(fetched.map((row) => [toNumber(row.id), row]));
  const rows: HitRow[] = ids.flatMap((id) => byId.get(id) ?? []);

  const more = ids.length > limit;
  const page = rows.slice(0, limit);
  // A first page that holds every hit is its own count.
  const total = offset === 0 && !more ? page.length : await counted();
  const hits: SearchHit[] = page.map((row) => ({
    type: row.type as SearchType,
    key: row.key,
    title: row.title,
    path: row.path,
    date: row.date,
    titleParts: highlight(row.title, parsed.words),
    snippet: snippet(row.body, parsed.words),
  }));
  const nextOffset = offset + limit;
  return {
    hits,
    total: Math.min(total, SEARCH_COUNT_LIMIT),
    totalIsMore: total > SEARCH_COUNT_LIMIT,
    ...(more && nextOffset <= MAX_SEARCH_OFFSET ? { next: String(nextOffset) } : {}),
    words,
    truncated: parsed.truncated,
  };
}
