/**
 * @module api/reads
 * What each API route reads from the store and how it pages. Every read is bounded by the page:
 * editions by date with a limit (and without their plans), movers from the observations of two
 * days per source (analysis/signals/movers over just those), an item's observations by its id,
 * an author's days grouped in the database, metrics from the snapshots and editions of the
 * page's days. Cursors carry where the next page starts, and for movers the day compared from,
 * so a new day arriving mid-walk does not shift a client's pages.
 */
import type { z } from 'zod';
import { findMovers } from '../analysis/signals/movers.js';
import { addDays, daysBetween, type History } from '../core/history.js';
import type { ItemKind, Metrics, SourceId } from '../core/item.js';
import { compareText } from '../core/order.js';
import { authorPath, itemPath, type PagedKind } from '../core/subjects.js';
import type { SnapshotRecord, Store } from '../store/store.js';
import { API_CACHE } from './http.js';
import { type Cursor, encodeCursor, isDay, type ParamError, parseQuery } from './params.js';
import type { ApiRoute } from './paths.js';
import {
  type ApiUrls,
  editionSummary,
  itemRef,
  MentionIndex,
  presentEdition,
  presentMentions,
  readEdition,
} from './present.js';
import type { MoverSchema } from './schemas.js';

export type Answer =
  | { status: 200; body: unknown; cacheControl: string }
  | { status: 400 | 404; problem: { detail: string; errors?: ParamError[] } };

const notFound = (detail: string): Answer => ({ status: 404, problem: { detail } });
const badRequest = (errors: ParamError[]): Answer => ({
  status: 400,
  problem: {
    detail: `Bad ${errors.length === 1 ? 'parameter' : 'parameters'}: ${errors
      .map((e) => `${e.parameter} ${e.message}`)
      .join('; ')}.`,
    errors,
  },
});

/** How far back the metrics route looks when `from` is not given. */
const DEFAULT_METRICS_SPAN_DAYS = 365;

/** Movers lists kept per (day, window, kind) while their snapshots are unchanged: pages of one walk reuse them. */
const MOVERS_CACHE_SIZE = 16;

type ApiMover = z.infer<typeof MoverSchema>;

export class ApiReads {
  #mentions: { key: string; index: Promise<MentionIndex> } | undefined;
  readonly #moverLists = new Map<string, Promise<ApiMover[]>>();

  constructor(
    private readonly store: Store,
    private readonly urls: ApiUrls,
  ) {}

  async answer(route: ApiRoute, params: Record<string, string>, search: string): Promise<Answer> {
    const query = parseQuery(search, route.query);
    if (!query.ok) return badRequest(query.errors);
    const values = query.values as Record<string, unknown>;
    const answer = await this.#read(route, params, values);
    return answer.status === 200 ? { ...answer, cacheControl: API_CACHE[route.cacheControl] } : answer;
  }

  async #read(route: ApiRoute, params: Record<string, string>, q: Record<string, unknown>): Promise<Answer> {
    switch (route.id) {
      case 'editions':
        return this.#editions(q.limit as number | undefined, q.cursor as Cursor<'editions'> | undefined);
      case 'edition':
        return this.#edition(params.date as string);
      case 'movers':
        return this.#movers(q);
      case 'metrics':
        return this.#metrics(q);
      case 'item':
        return this.#item(route.kind as PagedKind, params, q);
      case 'author':
        return this.#author(params.name as string, q);
      default:
        return notFound(`No route ${route.template}.`);
    }
  }

  async #editions(limit = 20, cursor?: Cursor<'editions'>): Promise<Answer> {
    const records = await this.store.listEditionTexts({ before: cursor?.before, limit: limit + 1 });
    const page = records.slice(0, limit);
    const data = page.flatMap((record) => editionSummary(record, this.urls) ?? []);
    const last = page[page.length - 1];
    const next =
      records.length > limit && last
        ? this.urls.api('/editions', {
            limit: String(limit),
            cursor: encodeCursor({ r: 'editions', before: last.date }),
          })
        : null;
    const self = this.urls.api('/editions', {
      limit: String(limit),
      cursor: cursor ? encodeCursor(cursor) : undefined,
    });
    return ok({ data, links: { self, next } });
  }

  async #edition(date: string): Promise<Answer> {
    if (!isDay(date))
      return badRequest([
        { parameter: 'date', message: `must be a day as YYYY-MM-DD, not ${JSON.stringify(date)}` },
      ]);
    const record = await this.store.getEdition(date);
    const edition = record ? readEdition(record) : undefined;
    if (!edition) return notFound(`No edition of ${date}.`);
    return ok(presentEdition(edition, this.urls));
  }

  /** The newest day any source collected, looked for from the newest edition's day on. */
  async #newestDay(): Promise<string | undefined> {
    const since = (await this.store.editionsVersion()).newest?.date;
    const snapshots = await this.store.listSnapshots(since ? { from: addDays(since, -7) } : {});
    return newestDay(snapshots) ?? since;
  }

  async #movers(q: Record<string, unknown>): Promise<Answer> {
    const window = (q.window as number | undefined) ?? 7;
    const kind = (q.kind as ItemKind | undefined) ?? 'model';
    const limit = (q.limit as number | undefined) ?? 20;
    const cursor = q.cursor as Cursor<'movers'> | undefined;
    if (
      cursor &&
      (cursor.window !== window || cursor.kind !== kind || (q.day !== undefined && q.day !== cursor.day))
    )
      return badRequest([
        { parameter: 'cursor', message: 'belongs to another window, kind or day than this request asks for' },
      ]);
    const day = cursor?.day ?? (q.day as string | undefined) ?? (await this.#newestDay());
    const offset = cursor?.offset ?? 0;
    const all = day ? await this.#computeMovers(day, window, kind) : [];
    const page = all.slice(offset, offset + limit);
    const query = { window: `${window}d`, kind, day: q.day as string | undefined, limit: String(limit) };
    const next =
      day && offset + limit < all.length
        ? this.urls.api('/movers', {
            ...query,
            cursor: encodeCursor({ r: 'movers', day, window, kind, offset: offset + limit }),
          })
        : null;
    return ok({
      kind,
      window: { requested: `${window}d`, days: window, day: day ?? null },
      data: page,
      links: {
        self: this.urls.api('/movers', { ...query, cursor: cursor ? encodeCursor(cursor) : undefined }),
        next,
      },
    });
  }

  /**
   * Every list holding items of `kind` on `day`, each compared with its source's earliest
   * collected day inside the window: two days of observations per source, never the days between.
   */
  async #computeMovers(day: string, window: number, kind: ItemKind): Promise<ApiMover[]> {
    const snapshots = await this.store.listSnapshots({ from: addDays(day, -window), to: day });
    // The snapshots the answer depends on, as they are now: a replaced snapshot changes the key.
    const key = [day, window, kind, ...snapshots.map((s) => `${s.id}@${s.takenAt}`)].join('|');
    const cached = this.#moverLists.get(key);
    if (cached) {
      // Least recently used last out: re-inserted on every hit.
      this.#moverLists.delete(key);
      this.#moverLists.set(key, cached);
      return cached;
    }
    const movers = this.#findMovers(
      day,
      window,
      kind,
      snapshots.filter((s) => s.day < day),
    );
    this.#moverLists.set(key, movers);
    movers.catch(() => this.#moverLists.delete(key));
    for (const old of this.#moverLists.keys()) {
      if (this.#moverLists.size <= MOVERS_CACHE_SIZE) break;
      this.#moverLists.delete(old);
    }
    return movers;
  }

  async #findMovers(
    day: string,
    window: number,
    kind: ItemKind,
    earlier: SnapshotRecord[],
  ): Promise<ApiMover[]> {
    const today = await this.store.observations({ days: [day], kind });
    if (today.length === 0) return [];
    const sources = new Set(today.map((o) => o.source));
    const compared = new Map<string, string>();
    for (const snapshot of earlier) {
      if (!sources.has(snapshot.source) || snapshot.status === 'failed' || snapshot.itemCount === 0) continue;
      if (!compared.has(snapshot.source)) compared.set(snapshot.source, snapshot.day);
    }
    const thenDays = [...new Set(compared.values())];
    const then = (await this.store.observations({ days: thenDays, kind })).filter(
      (o) => compared.get(o.source) === o.day,
    );
    const observations = [...then, ...today];
    const items = await this.store.getItems([...new Set(today.map((o) => o.itemId))]);
    const byId = new Map(items.map((item) => [item.id, item]));
    const history: History = {
      day,
      from: thenDays.sort()[0] ?? day,
      items: items.map(({ lastSeenAt: _last, ...item }) => item),
      observations: observations.map(({ snapshotId: _id, ...o }) => o),
      snapshots: [],
    };
    const lists = new Map<string, { source: (typeof today)[number]['source']; list: string }>();
    for (const o of today) lists.set(`${o.source}\n${o.list}`, { source: o.source, list: o.list });
    const movers = [...lists.values()].flatMap(({ source, list }) =>
      findMovers(history, { source, list, days: window, day }),
    );
    return movers
      .flatMap((mover) => {
        const item = byId.get(mover.itemId);
        if (!item) return [];
        return [
          {
            item: itemRef(item, this.urls),
            source: mover.source,
            list: mover.list,
            rankNow: mover.rankNow,
            rankThen: mover.rankThen,
            rankChange: mover.rankChange,
            isNew: mover.isNew,
            likesGained: mover.likesGained ?? null,
            downloadsGained: mover.downloadsGained ?? null,
            starsGained: mover.starsGained ?? null,
            score: mover.score,
            comparedWith: addDays(day, -mover.windowDays),
          },
        ];
      })
      .sort(
        (a, b) =>
          b.score - a.score ||
          compareText(a.source, b.source) ||
          compareText(a.list, b.list) ||
          compareText(a.item.externalId, b.item.externalId) ||
          a.item.id - b.item.id,
      );
  }

  async #metrics(q: Record<string, unknown>): Promise<Answer> {
    const limit = (q.limit as number | undefined) ?? 31;
    const cursor = q.cursor as Cursor<'metrics'> | undefined;
    const errors: ParamError[] = [];
    const from0 = q.from as string | undefined;
    const to0 = q.to as string | undefined;
    if (from0 && to0 && from0 > to0)
      errors.push({ parameter: 'from', message: `must not be after to (${to0})` });
    if (cursor && from0 && cursor.from !== from0)
      errors.push({ parameter: 'cursor', message: 'belongs to another range than this request asks for' });
    if (cursor && to0 && cursor.to > to0)
      errors.push({ parameter: 'cursor', message: 'starts after the `to` this request asks for' });
    if (errors.length) return badRequest(errors);
    const to = cursor?.to ?? to0 ?? (await this.#newestDay());
    const self = this.urls.api('/metrics', {
      from: from0,
      to: to0,
      limit: String(limit),
      cursor: cursor ? encodeCursor(cursor) : undefined,
    });
    if (!to) return ok({ data: [], links: { self, next: null } });
    const from = cursor?.from ?? from0 ?? addDays(to, -DEFAULT_METRICS_SPAN_DAYS);
    if (from > to) return ok({ data: [], links: { self, next: null } });
    const snapshots = await this.store.listSnapshots({ from, to });
    const days = [...new Set(snapshots.map((s) => s.day))].sort().reverse();
    const page = days.slice(0, limit);
    const oldest = page[page.length - 1];
    const newest = page[0];
    const editions =
      oldest && newest
        ? await this.store.listEditions({
            from: oldest,
            before: addDays(newest, 1),
            limit: daysBetween(oldest, newest) + 1,
          })
        : [];
    const editionByDate = new Map(editions.map((record) => [record.date, readEdition(record)]));
    const data = page.map((day) => {
      const ofDay = snapshots.filter((s) => s.day === day);
      const edition = editionByDate.get(day);
      return {
        day,
        itemsSeen: ofDay.reduce((sum, s) => sum + s.itemCount, 0),
        newItems: ofDay.reduce((sum, s) => sum + s.newItemCount, 0),
        sources: ofDay.map((s) => ({
          source: s.source,
          status: s.status,
          takenAt: s.takenAt,
          itemCount: s.itemCount,
          newItemCount: s.newItemCount,
          error: s.error,
        })),
        edition: edition ? { number: edition.number, links: { self: this.urls.edition(day).self } } : null,
        metrics: edition ? edition.plan.metrics.metrics : [],
      };
    });
    const next =
      days.length > limit && oldest
        ? this.urls.api('/metrics', {
            from: from0,
            to: to0,
            limit: String(limit),
            cursor: encodeCursor({ r: 'metrics', from, to: addDays(oldest, -1) }),
          })
        : null;
    return ok({ data, links: { self, next } });
  }

  async #item(kind: PagedKind, params: Record<string, string>, q: Record<string, unknown>): Promise<Answer> {
    const externalId = params.id ?? `${params.owner}/${params.name}`;
    const refs = this.urls.item(kind, externalId);
    if (refs.api === null)
      return badRequest([
        { parameter: params.id ? 'id' : 'name', message: 'holds characters no name upstream can have' },
      ]);
    const item = await this.store.getItem(kind, externalId);
    if (!item) return notFound(`The Post has not seen the ${kind} ${externalId}.`);
    const limit = (q.limit as number | undefined) ?? 30;
    const cursor = q.cursor as Cursor<'days'> | undefined;
    // The same points the item's subject page charts (store.subjects), through observations (item_id).
    const points = await this.store.subjects.dailyHistory([item.id]);
    const byDay = new Map<
      string,
      { lists: { source: SourceId; list: string; rank: number | null }[]; metrics: Metrics }
    >();
    for (const point of points) {
      const entry = byDay.get(point.day) ?? { lists: [], metrics: {} };
      entry.lists.push({ source: point.source, list: point.list, rank: point.rank });
      // One number per metric a day: what any list of that day said (they are the same snapshot's).
      Object.assign(entry.metrics, point.metrics);
      byDay.set(point.day, entry);
    }
    const days = [...byDay.keys()].sort().reverse();
    const after = cursor ? days.filter((day) => day < cursor.before) : days;
    const page = after.slice(0, limit);
    const path = apiPathOf(itemPath(kind, externalId));
    const mentions = (await this.#mentionIndex()).item(item.id);
    return ok({
      subject: {
        ...itemRef(item, this.urls),
        type: 'item',
        attributes: item.attributes,
        firstSeenAt: item.firstSeenAt,
        lastSeenAt: item.lastSeenAt,
        daysSeen: days.length,
      },
      days: page.map((day) => ({ day, ...(byDay.get(day) as NonNullable<ReturnType<typeof byDay.get>>) })),
      editions: presentMentions(mentions, this.urls),
      links: this.#dayLinks(path, limit, cursor, after.length > limit ? page[page.length - 1] : undefined),
    });
  }

  async #author(name: string, q: Record<string, unknown>): Promise<Answer> {
    const refs = this.urls.author(name);
    if (refs.api === null)
      return badRequest([{ parameter: 'name', message: 'holds characters no name upstream can have' }]);
    const limit = (q.limit as number | undefined) ?? 30;
    const cursor = q.cursor as Cursor<'days'> | undefined;
    const [{ items, total }, days] = await Promise.all([
      this.store.itemsByAuthor(name, { limit: 100 }),
      this.store.authorDays(name, { before: cursor?.before, limit: limit + 1 }),
    ]);
    if (total === 0) return notFound(`The Post has not seen an item by ${name}.`);
    const page = days.slice(0, limit);
    const kinds = items.flatMap((item) => item.attributes.authorKind ?? []);
    const path = apiPathOf(authorPath(name));
    return ok({
      subject: { type: 'author', name, authorKind: kinds[0] ?? null, itemCount: total, links: refs },
      items: items.map((item) => itemRef(item, this.urls)),
      days: page,
      editions: presentMentions((await this.#mentionIndex()).author(name), this.urls),
      links: this.#dayLinks(
        path,
        limit,
        cursor,
        days.length > limit ? page[page.length - 1]?.day : undefined,
      ),
    });
  }

  #dayLinks(path: string, limit: number, cursor: Cursor<'days'> | undefined, lastDay: string | undefined) {
    return {
      self: this.urls.api(path, { limit: String(limit), cursor: cursor ? encodeCursor(cursor) : undefined }),
      next: lastDay
        ? this.urls.api(path, { limit: String(limit), cursor: encodeCursor({ r: 'days', before: lastDay }) })
        : null,
    };
  }

  /** The mention index of the editions as they are now: rebuilt only when the editions changed. */
  async #mentionIndex(): Promise<MentionIndex> {
    const version = await this.store.editionsVersion();
    const key = `${version.count}|${version.changedAt}|${version.newest?.date}`;
    if (this.#mentions?.key !== key) {
      const index = this.#buildMentions();
      this.#mentions = { key, index };
      index.catch(() => {
        if (this.#mentions?.index === index) this.#mentions = undefined;
      });
    }
    return this.#mentions.index;
  }

  async #buildMentions(): Promise<MentionIndex> {
    const index = new MentionIndex();
    let before: string | undefined;
    // A page of editions at a time, so a year of plans is never in memory at once.
    for (;;) {
      const records = await this.store.listEditions({ before, limit: 50 });
      for (const record of records) {
        const edition = readEdition(record);
        if (edition) index.add(edition);
      }
      if (records.length < 50) return index;
      before = records[records.length - 1]?.date;
    }
  }
}

/** A subject's API path: its page's path (core/subjects) without the trailing slash. */
function apiPathOf(sitePath: string | undefined): string {
  return (sitePath ?? '').replace(/\/$/, '');
}

function ok(body: unknown): Answer {
  return { status: 200, body, cacheControl: '' };
}

function newestDay(snapshots: readonly SnapshotRecord[]): string | undefined {
  return snapshots.reduce<string | undefined>(
    (max, s) => (max === undefined || s.day > max ? s.day : max),
    undefined,
  );
}
