/**
 * @module store/store.case
 * The one conformance suite every Store implementation passes. Each test gets a fresh, migrated
 * store from the factory and disposes of it afterwards.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MorningPostError } from '../core/errors.js';
import type { CollectedItem } from '../core/item.js';
import type { KyselyStore } from './kysely-store.js';
import type { SaveSnapshotInput } from './store.js';

export interface StoreHarness {
  store: KyselyStore;
  /** Closes the store and removes whatever the factory created (file, schema). */
  dispose(): Promise<void>;
}

const T1 = '2025-03-01T06:00:00.000Z';
const T2 = '2025-03-02T06:00:00.000Z';
const T3 = '2025-03-03T06:00:00.000Z';

function model(id: string, overrides: Partial<CollectedItem> = {}): CollectedItem {
  return {
    kind: 'model',
    externalId: id,
    title: id,
    url: `https://example.test/${id}`,
    author: id.split('/')[0],
    attributes: {},
    list: 'trending',
    metrics: {},
    ...overrides,
  };
}

function snapshot(
  day: string,
  takenAt: string,
  items: CollectedItem[],
  extra: Partial<SaveSnapshotInput> = {},
): SaveSnapshotInput {
  return { source: 'hf-models', day, takenAt, status: 'ok', items, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<MorningPostError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MorningPostError);
  return error as MorningPostError;
}

export function runStoreConformance(name: string, factory: () => Promise<StoreHarness>): void {
  describe(`Store conformance: ${name}`, () => {
    let harness: StoreHarness;
    let store: KyselyStore;

    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
      await store.migrate();
    });
    afterEach(async () => {
      await harness.dispose();
    });

    it('migrates twice without change and keeps the data', async () => {
      await store.saveSnapshot(snapshot('2025-03-01', T1, [model('a/one')]));
      await store.migrate();
      await store.migrate();
      expect(await store.listSnapshots()).toHaveLength(1);
      expect(await store.getItem('model', 'a/one')).toBeDefined();
    });

    it('saves a snapshot and reads every field back', async () => {
      const full = model('org/full', {
        title: 'Full Model',
        attributes: {
          createdAt: '2025-02-01T10:00:00.000Z',
          tags: ['text-generation', 'en'],
          pipelineTag: 'text-generation',
          library: 'transformers',
          parameters: 7_241_732_096,
          baseModels: ['org/base'],
          baseRelation: 'finetune',
          authorKind: 'org',
          gated: false,
        },
        rank: 1,
        metrics: {
          likes: 1234,
          downloads: 3_000_000_000,
          trendingScore: 123.456789012345,
          stars: 0,
          starsInPeriod: 17,
          forks: 2_147_483_648,
          upvotes: 5,
          comments: 9_007_199_254_740_991,
        },
      });
      const bare: CollectedItem = {
        kind: 'paper',
        externalId: '2503.00001',
        title: 'A paper',
        url: 'https://example.test/papers/2503.00001',
        attributes: {},
        list: 'daily',
        metrics: {},
      };
      const saved = await store.saveSnapshot(
        snapshot('2025-03-01', T1, [full, bare], {
          dropped: 2,
          warnings: ['item x dropped: bad id', 'page 2 failed'],
          durationMs: 1234.4,
          requests: 7,
          status: 'partial',
        }),
      );
      expect(saved.replaced).toBe(false);
      expect(saved.newItems).toBe(2);
      const expected = {
        id: saved.snapshot.id,
        source: 'hf-models',
        day: '2025-03-01',
        takenAt: T1,
        status: 'partial',
        error: null,
        itemCount: 2,
        newItemCount: 2,
        dropped: 2,
        warnings: ['item x dropped: bad id', 'page 2 failed'],
        durationMs: 1234,
        requests: 7,
      };
      expect(saved.snapshot).toStrictEqual(expected);
      expect(await store.findSnapshot('hf-models', '2025-03-01')).toStrictEqual(expected);
      expect(await store.findSnapshot('hf-models', '2025-03-02')).toBeUndefined();
      expect(await store.findSnapshot('hf-datasets', '2025-03-01')).toBeUndefined();

      const item = await store.getItem('model', 'org/full');
      expect(item).toStrictEqual({
        id: expect.any(Number),
        kind: 'model',
        externalId: 'org/full',
        title: 'Full Model',
        url: 'https://example.test/org/full',
        author: 'org',
        attributes: full.attributes,
        firstSeenAt: T1,
        lastSeenAt: T1,
      });
      const paper = await store.getItem('paper', '2503.00001');
      expect(paper?.author).toBeNull();
      expect(paper?.attributes).toStrictEqual({});
      expect(await store.getItem('dataset', 'org/full')).toBeUndefined();

      const observations = await store.observations();
      expect(observations).toStrictEqual([
        {
          itemId: paper?.id,
          snapshotId: saved.snapshot.id,
          source: 'hf-models',
          day: '2025-03-01',
          takenAt: T1,
          list: 'daily',
          rank: null,
          metrics: {},
        },
        {
          itemId: item?.id,
          snapshotId: saved.snapshot.id,
          source: 'hf-models',
          day: '2025-03-01',
          takenAt: T1,
          list: 'trending',
          rank: 1,
          metrics: full.metrics,
        },
      ]);
    });

    it('stores takenAt as UTC ISO text so it sorts by time', async () => {
      const saved = await store.saveSnapshot(
        snapshot('2025-03-01', '2025-03-01T08:00:00+02:00', [model('a/one')]),
      );
      expect(saved.snapshot.takenAt).toBe(T1);
      expect((await store.getItem('model', 'a/one'))?.firstSeenAt).toBe(T1);
    });

    it('records a failed snapshot with its error and no items', async () => {
      const saved = await store.saveSnapshot(
        snapshot('2025-03-01', T1, [], { status: 'failed', error: 'HTTP 503 from huggingface.co' }),
      );
      expect(saved.snapshot).toMatchObject({
        status: 'failed',
        error: 'HTTP 503 from huggingface.co',
        itemCount: 0,
      });
      expect(saved.newItems).toBe(0);
      expect(await store.observations()).toEqual([]);
    });

    it('replaces the same source and day atomically, keeping items', async () => {
      const first = await store.saveSnapshot(
        snapshot('2025-03-01', T1, [model('a/one', { rank: 1 }), model('b/two', { rank: 2 })]),
      );
      expect(first.newItems).toBe(2);
      const later = '2025-03-01T18:00:00.000Z';
      const second = await store.saveSnapshot(
        snapshot('2025-03-01', later, [model('b/two', { rank: 1 }), model('c/three', { rank: 2 })]),
      );
      expect(second.replaced).toBe(true);
      // b/two was seen only by the replaced snapshot, so it is still new today.
      expect(second.newItems).toBe(2);
      expect(second.snapshot.newItemCount).toBe(2);

      const snapshots = await store.listSnapshots();
      expect(snapshots).toHaveLength(1);
      expect(snapshots[0]?.takenAt).toBe(later);
      const observations = await store.observations();
      expect(observations.map((o) => [o.snapshotId, o.rank])).toEqual([
        [second.snapshot.id, 1],
        [second.snapshot.id, 2],
      ]);
      expect(observations.every((o) => o.takenAt === later)).toBe(true);
      expect(await store.getItem('model', 'a/one')).toBeDefined();
      const b = await store.getItem('model', 'b/two');
      expect(b).toMatchObject({ firstSeenAt: later, lastSeenAt: later });
    });

    it('does not count an item seen on another day as new when replacing', async () => {
      await store.saveSnapshot(snapshot('2025-03-01', T1, [model('b/two')]));
      const day2 = [model('b/two'), model('c/three')];
      expect((await store.saveSnapshot(snapshot('2025-03-02', T2, day2))).newItems).toBe(1);
      const again = await store.saveSnapshot(snapshot('2025-03-02', '2025-03-02T09:00:00.000Z', day2));
      expect(again).toMatchObject({ replaced: true, newItems: 1 });
      expect(await store.getItem('model', 'b/two')).toMatchObject({
        firstSeenAt: T1,
        lastSeenAt: '2025-03-02T09:00:00.000Z',
      });
    });

    it('leaves the previous snapshot intact when an item is invalid', async () => {
      const first = await store.saveSnapshot(
        snapshot('2025-03-01', T1, [model('a/one', { rank: 1, metrics: { likes: 3 } })]),
      );
      const invalid = { ...model('bad/url'), url: 'not a url' };
      const error = await rejection(
        store.saveSnapshot(
          snapshot('2025-03-01', T2, [model('a/one', { title: 'Changed' }), invalid, model('d/new')]),
        ),
      );
      expect(error.code).toBe('STORE_FAILED');
      expect(error.message).toContain('bad/url');
      expect(error.message).toContain('#1');

      expect(await store.findSnapshot('hf-models', '2025-03-01')).toStrictEqual(first.snapshot);
      expect(await store.getItem('model', 'a/one')).toMatchObject({ title: 'a/one', lastSeenAt: T1 });
      expect(await store.getItem('model', 'd/new')).toBeUndefined();
      expect((await store.observations()).map((o) => o.metrics)).toEqual([{ likes: 3 }]);
    });

    it('rejects a malformed snapshot', async () => {
      const error = await rejection(store.saveSnapshot(snapshot('March 1st', T1, [])));
      expect(error.code).toBe('STORE_FAILED');
      expect(error.message).toContain('day');
      expect(await store.listSnapshots()).toEqual([]);
    });

    it('rolls back a save that fails inside the database', async () => {
      const first = await store.saveSnapshot(
        snapshot('2025-03-01', T1, [model('a/one', { rank: 1 }), model('b/two', { rank: 2 })]),
      );
      // A constraint the store does not know about makes the last statement (observations) fail,
      // after the old snapshot was deleted and items were written.
      await sql`create unique index test_one_rank_per_snapshot on observations (snapshot_id, rank)`.execute(
        store.db,
      );
      const failing = [
        model('a/one', { title: 'Renamed', rank: 1, list: 'daily' }),
        model('d/new', { rank: 1, list: 'weekly' }),
      ];
      const error = await rejection(store.saveSnapshot(snapshot('2025-03-01', T2, failing)));
      expect(error.code).toBe('STORE_FAILED');
      expect(error.cause).toBeDefined();
      expect(error.message).toContain('hf-models');

      expect(await store.findSnapshot('hf-models', '2025-03-01')).toStrictEqual(first.snapshot);
      expect((await store.observations()).map((o) => o.rank)).toEqual([1, 2]);
      expect(await store.getItem('model', 'a/one')).toMatchObject({ title: 'a/one', lastSeenAt: T1 });
      expect(await store.getItem('model', 'd/new')).toBeUndefined();

      await sql`drop index test_one_rank_per_snapshot`.execute(store.db);
      const retried = await store.saveSnapshot(snapshot('2025-03-01', T2, failing));
      expect(retried).toMatchObject({ replaced: true, newItems: 2 });
    });

    it('never overwrites observations across days', async () => {
      await store.saveSnapshot(
        snapshot('2025-03-01', T1, [model('a/one', { rank: 3, metrics: { likes: 10, downloads: 100 } })]),
      );
      await store.saveSnapshot(
        snapshot('2025-03-02', T2, [model('a/one', { rank: 1, metrics: { likes: 25 } })]),
      );
      await store.saveSnapshot({
        ...snapshot('2025-03-02', T2, [model('a/one', { list: 'new', rank: 9, metrics: { likes: 99 } })]),
        source: 'hf-new-models',
      });
      const item = await store.getItem('model', 'a/one');
      expect(item).toMatchObject({ firstSeenAt: T1, lastSeenAt: T2 });
      const history = await store.observations({ itemIds: [item?.id ?? -1], source: 'hf-models' });
      expect(history.map((o) => [o.day, o.rank, o.metrics])).toEqual([
        ['2025-03-01', 3, { likes: 10, downloads: 100 }],
        ['2025-03-02', 1, { likes: 25 }],
      ]);
      expect(await store.observations({ source: 'hf-new-models' })).toHaveLength(1);
      expect(await store.observations({ from: '2025-03-02' })).toHaveLength(2);
      expect(await store.observations({ to: '2025-03-01' })).toHaveLength(1);
      expect(await store.observations({ list: 'new' })).toHaveLength(1);
      expect(await store.observations({ itemIds: [] })).toEqual([]);
    });

    it('orders observations by time, list (binary order) and rank, unranked last', async () => {
      await store.saveSnapshot(snapshot('2025-03-02', T2, [model('x/late', { list: 'b', rank: 1 })]));
      await store.saveSnapshot({
        ...snapshot('2025-03-01', T1, [
          model('x/unranked', { list: 'a' }),
          model('x/two', { list: 'a', rank: 2 }),
          model('x/one', { list: 'a', rank: 1 }),
          model('x/upper', { list: 'B', rank: 5 }),
        ]),
        source: 'hf-datasets',
      });
      const order = (await store.observations()).map((o) => `${o.day} ${o.list} ${o.rank}`);
      expect(order).toEqual([
        '2025-03-01 B 5',
        '2025-03-01 a 1',
        '2025-03-01 a 2',
        '2025-03-01 a null',
        '2025-03-02 b 1',
      ]);
    });

    it('merges attributes: new keys win, old keys stay; a backfill only adds', async () => {
      await store.saveSnapshot(
        snapshot('2025-03-02', T2, [
          model('a/one', {
            title: 'One',
            author: 'a',
            attributes: { tags: ['x'], library: 'transformers', pipelineTag: 'fill-mask' },
          }),
        ]),
      );
      await store.saveSnapshot(
        snapshot('2025-03-03', T3, [
          model('a/one', { title: 'One v2', author: undefined, attributes: { tags: ['y'], gated: true } }),
        ]),
      );
      expect(await store.getItem('model', 'a/one')).toMatchObject({
        title: 'One v2',
        author: 'a',
        attributes: { tags: ['y'], library: 'transformers', pipelineTag: 'fill-mask', gated: true },
        firstSeenAt: T2,
        lastSeenAt: T3,
      });
      // An older day saved afterwards widens the sighting window but does not roll values back.
      await store.saveSnapshot(
        snapshot('2025-03-01', T1, [
          model('a/one', { title: 'Old', attributes: { library: 'old', sdk: 'gradio' } }),
        ]),
      );
      const item = await store.getItem('model', 'a/one');
      expect(item).toMatchObject({ title: 'One v2', firstSeenAt: T1, lastSeenAt: T3 });
      expect(item?.attributes).toStrictEqual({
        tags: ['y'],
        library: 'transformers',
        pipelineTag: 'fill-mask',
        gated: true,
        sdk: 'gradio',
      });
    });

    it('keeps the first of a duplicate item in one list, and one row per list', async () => {
      const saved = await store.saveSnapshot(
        snapshot('2025-03-01', T1, [
          model('a/one', { rank: 1, metrics: { likes: 1 } }),
          model('a/one', { rank: 3, metrics: { likes: 3 } }),
          model('a/one', { list: 'weekly', rank: 2, metrics: { likes: 2 } }),
        ]),
      );
      expect(saved.newItems).toBe(1);
      expect(saved.snapshot.itemCount).toBe(2);
      const rows = await store.observations();
      expect(rows.map((o) => [o.list, o.rank, o.metrics.likes])).toEqual([
        ['trending', 1, 1],
        ['weekly', 2, 2],
      ]);
    });

    it('lists snapshots by source, day range and status', async () => {
      await store.saveSnapshot(snapshot('2025-03-02', T2, []));
      await store.saveSnapshot(snapshot('2025-03-01', T1, []));
      await store.saveSnapshot({
        ...snapshot('2025-03-01', T1, [], { status: 'failed', error: 'down' }),
        source: 'arxiv',
      });
      await store.saveSnapshot({ ...snapshot('2025-03-03', T3, [], { status: 'partial' }), source: 'arxiv' });
      const keys = (list: { source: string; day: string }[]) => list.map((s) => `${s.day} ${s.source}`);
      expect(keys(await store.listSnapshots())).toEqual([
        '2025-03-01 arxiv',
        '2025-03-01 hf-models',
        '2025-03-02 hf-models',
        '2025-03-03 arxiv',
      ]);
      expect(keys(await store.listSnapshots({ source: 'arxiv' }))).toEqual([
        '2025-03-01 arxiv',
        '2025-03-03 arxiv',
      ]);
      expect(keys(await store.listSnapshots({ from: '2025-03-02' }))).toEqual([
        '2025-03-02 hf-models',
        '2025-03-03 arxiv',
      ]);
      expect(keys(await store.listSnapshots({ to: '2025-03-01' }))).toEqual([
        '2025-03-01 arxiv',
        '2025-03-01 hf-models',
      ]);
      expect(keys(await store.listSnapshots({ from: '2025-03-02', to: '2025-03-02' }))).toEqual([
        '2025-03-02 hf-models',
      ]);
      expect(keys(await store.listSnapshots({ status: 'failed' }))).toEqual(['2025-03-01 arxiv']);
      expect(await store.listSnapshots({ source: 'github-trending' })).toEqual([]);
    });

    it('gets, sets and updates author kinds per platform', async () => {
      expect(await store.getAuthorKind('huggingface', 'someone')).toBeUndefined();
      await store.setAuthorKind('huggingface', 'someone', 'user', T1);
      await store.setAuthorKind('github', 'someone', 'org', T1);
      expect(await store.getAuthorKind('huggingface', 'someone')).toBe('user');
      await store.setAuthorKind('huggingface', 'someone', 'org', T2);
      expect(await store.getAuthorKind('huggingface', 'someone')).toBe('org');
      expect(await store.getAuthorKind('github', 'someone')).toBe('org');
      const rows = await store.db
        .selectFrom('authors')
        .selectAll()
        .where('platform', '=', 'huggingface')
        .execute();
      expect(rows).toEqual([{ platform: 'huggingface', name: 'someone', kind: 'org', checked_at: T2 }]);
    });

    it('gets items by id, in id order, across batches', async () => {
      const many = Array.from({ length: 1234 }, (_, index) =>
        model(`bulk/m${String(index).padStart(4, '0')}`, {
          rank: index + 1,
          metrics: { downloads: 3_000_000_000 + index },
        }),
      );
      const saved = await store.saveSnapshot(snapshot('2025-03-01', T1, many));
      expect(saved).toMatchObject({ newItems: 1234, snapshot: { itemCount: 1234 } });
      const rows = await store.observations();
      expect(rows).toHaveLength(1234);
      expect(rows.map((o) => o.rank)).toEqual(many.map((_, index) => index + 1));
      const ids = rows.map((o) => o.itemId);
      const items = await store.getItems([...ids].reverse());
      expect(items).toHaveLength(1234);
      expect(items.map((i) => i.id)).toEqual([...ids].sort((a, b) => a - b));
      const some = await store.getItems([ids[5] ?? 0, ids[2] ?? 0, 999_999_999, ids[5] ?? 0]);
      expect(some.map((i) => i.externalId)).toEqual(['bulk/m0002', 'bulk/m0005']);
      expect(await store.getItems([])).toEqual([]);
      const filtered = await store.observations({ itemIds: [...ids].reverse() });
      expect(filtered.map((o) => o.rank)).toEqual(rows.map((o) => o.rank));
      expect(filtered[1233]?.metrics.downloads).toBe(3_000_001_233);
    });

    it('stores unicode, emoji, quotes and SQL-looking text verbatim', async () => {
      const nasty = `Robert'); DROP TABLE items;-- "quoted" \\ back\`tick 🤗🚀 ünïcödé 中文 עברית \u200b`;
      const id = `o'neil/mödel-"x";--`;
      await store.saveSnapshot(
        snapshot('2025-03-01', T1, [
          model(id, {
            title: nasty,
            author: `o'neil 🤗`,
            list: `weekly/"c++"'`,
            attributes: { tags: [nasty, '%', '_', '\\'], description: nasty },
          }),
        ]),
      );
      const item = await store.getItem('model', id);
      expect(item).toMatchObject({ externalId: id, title: nasty, author: `o'neil 🤗` });
      expect(item?.attributes).toStrictEqual({ tags: [nasty, '%', '_', '\\'], description: nasty });
      expect(await store.observations({ list: `weekly/"c++"'` })).toHaveLength(1);
      expect(await store.getItem('model', "o'neil/%")).toBeUndefined();
      expect(await store.listSnapshots()).toHaveLength(1);
    });

    it('numbers editions, replaces a draft plan, and protects a published one', async () => {
      const first = await store.saveEditionPlan('2025-03-01', { lead: 'a' }, T1);
      const second = await store.saveEditionPlan('2025-03-02', { lead: 'b', nested: { emoji: '🤗' } }, T2);
      expect([first.number, second.number]).toEqual([1, 2]);
      const replaced = await store.saveEditionPlan('2025-03-01', { lead: 'a2' }, T3);
      expect(replaced).toMatchObject({
        number: 1,
        status: 'draft',
        plan: { lead: 'a2' },
        createdAt: T1,
        updatedAt: T3,
      });
      expect((await store.getEdition('2025-03-02'))?.plan).toStrictEqual({
        lead: 'b',
        nested: { emoji: '🤗' },
      });
      expect(await store.getEdition('2025-03-09')).toBeUndefined();
      expect((await store.listEditions({ before: '2025-03-03' })).map((e) => e.date)).toEqual([
        '2025-03-02',
        '2025-03-01',
      ]);
      expect((await store.listEditions({ before: '2025-03-02', limit: 5 })).map((e) => e.number)).toEqual([
        1,
      ]);

      await store.db
        .updateTable('editions')
        .set({ status: 'published' })
        .where('date', '=', '2025-03-02')
        .execute();
      const refused = await rejection(store.saveEditionPlan('2025-03-02', { lead: 'c' }, T3));
      expect(refused.message).toContain('published');
      expect((await store.getEdition('2025-03-02'))?.plan).toStrictEqual({
        lead: 'b',
        nested: { emoji: '🤗' },
      });
      const forced = await store.saveEditionPlan('2025-03-02', { lead: 'c' }, T3, { force: true });
      expect(forced).toMatchObject({ number: 2, status: 'published', plan: { lead: 'c' } });
    });

    it('saves a whole edition, publishes it once, and keeps text when only the plan is saved again', async () => {
      const draft = await store.saveEdition(
        { date: '2025-03-01', plan: { p: 1 }, text: { t: 1 }, meta: { dataMode: 'live' } },
        T1,
      );
      expect(draft).toMatchObject({ number: 1, status: 'draft', publishedAt: null, text: { t: 1 } });
      await store.saveEditionPlan('2025-03-01', { p: 2 }, T2);
      expect(await store.getEdition('2025-03-01')).toMatchObject({
        plan: { p: 2 },
        text: { t: 1 },
        meta: { dataMode: 'live' },
      });

      const published = await store.saveEdition(
        { date: '2025-03-01', plan: { p: 3 }, text: { t: 3 }, meta: {} },
        T2,
        { publish: true },
      );
      expect(published).toMatchObject({ number: 1, status: 'published', publishedAt: T2, updatedAt: T2 });
      const refused = await rejection(
        store.saveEdition({ date: '2025-03-01', plan: {}, text: { t: 4 }, meta: {} }, T3, { publish: true }),
      );
      expect(refused.message).toContain('No. 1');
      expect((await store.getEdition('2025-03-01'))?.text).toStrictEqual({ t: 3 });

      const rebuilt = await store.saveEdition(
        { date: '2025-03-01', plan: {}, text: { t: 5 }, meta: {} },
        T3,
        { publish: true, force: true },
      );
      expect(rebuilt).toMatchObject({ status: 'published', publishedAt: T2, updatedAt: T3, text: { t: 5 } });
      expect((await store.getEdition('2025-03-01'))?.publishedAt).toBe(T2);

      const other = await store.saveEdition({ date: '2025-02-27', plan: {}, text: null, meta: null }, T3);
      expect(other.number).toBe(2);
      expect((await store.listEditions()).map((e) => [e.date, e.status])).toEqual([
        ['2025-03-01', 'published'],
        ['2025-02-27', 'draft'],
      ]);
    });

    it('reports the editions version: newest with text, count, last change', async () => {
      expect(await store.editionsVersion()).toEqual({ count: 0, changedAt: null });
      await store.saveEditionPlan('2025-03-03', { p: 0 }, T1);
      // A plan-only draft is not on the site.
      expect(await store.editionsVersion()).toEqual({ count: 0, changedAt: null });
      await store.saveEdition({ date: '2025-03-01', plan: {}, text: { t: 1 }, meta: {} }, T1, {
        publish: true,
      });
      await store.saveEdition({ date: '2025-03-02', plan: {}, text: { t: 2 }, meta: {} }, T2);
      expect(await store.editionsVersion()).toEqual({
        newest: { date: '2025-03-02', number: 3, status: 'draft', publishedAt: null },
        count: 2,
        changedAt: T2,
      });
      // Publishing the newest, and later rebuilding an older one, both change the version.
      await store.saveEdition({ date: '2025-03-02', plan: {}, text: { t: 2 }, meta: {} }, T2, {
        publish: true,
      });
      await store.saveEdition({ date: '2025-03-01', plan: {}, text: { t: 3 }, meta: {} }, T3, {
        publish: true,
        force: true,
      });
      expect(await store.editionsVersion()).toEqual({
        newest: { date: '2025-03-02', number: 3, status: 'published', publishedAt: T2 },
        count: 2,
        changedAt: T3,
      });
    });

    it('keeps stored attributes that a later sighting leaves undefined', async () => {
      await store.saveSnapshot(
        snapshot('2025-03-01', T1, [
          model('acme/m', { attributes: { parameters: 7e9, authorKind: 'org', baseModels: ['b/base'] } }),
        ]),
      );
      const partial = model('acme/m', {
        list: 'new',
        attributes: { createdAt: '2025-02-28T00:00:00.000Z', parameters: undefined, authorKind: undefined },
      });
      await store.saveSnapshot({ ...snapshot('2025-03-01', T2, [partial]), source: 'hf-new-models' });
      expect((await store.getItem('model', 'acme/m'))?.attributes).toStrictEqual({
        parameters: 7e9,
        authorKind: 'org',
        baseModels: ['b/base'],
        createdAt: '2025-02-28T00:00:00.000Z',
      });
    });

    it("reads subject pages' inputs set-based: items by page, fingerprints, daily history", async () => {
      const ids = Array.from({ length: 450 }, (_, i) => `s/m${String(i).padStart(3, '0')}`);
      await store.saveSnapshot(
        snapshot(
          '2025-03-01',
          T1,
          ids.map((id, i) => model(id, { rank: i + 1, metrics: { likes: i, downloads: 10 * i } })),
        ),
      );
      await store.saveSnapshot(
        snapshot('2025-03-02', T2, [model('s/m001', { rank: 1, metrics: { likes: 7, downloads: 70 } })]),
      );
      await store.saveSnapshot({
        ...snapshot('2025-03-02', T2, [model('s/m001', { list: 'new', rank: 4, metrics: { likes: 7 } })]),
        source: 'hf-new-models',
      });

      const first = await store.subjects.listItems({ limit: 400 });
      const rest = await store.subjects.listItems({ afterId: first.at(-1)?.id ?? 0, limit: 400 });
      expect(first).toHaveLength(400);
      expect(rest).toHaveLength(50);
      expect([...first, ...rest].map((item) => item.externalId)).toEqual(ids);

      const one = (await store.getItem('model', 's/m001'))?.id ?? -1;
      const two = (await store.getItem('model', 's/m002'))?.id ?? -1;
      const before = new Map(
        (await store.subjects.observationFingerprints()).map((f) => [f.itemId, f] as const),
      );
      expect(before.size).toBe(450);
      expect(before.get(one)?.observations).toBe(3);
      expect(before.get(two)?.observations).toBe(1);

      // Every id across the batch bound, one statement per batch; points by item, day, source, list.
      const history = await store.subjects.dailyHistory([
        two,
        one,
        one,
        ...[...first, ...rest].map((item) => item.id),
      ]);
      expect(history).toHaveLength(452);
      expect(
        history.filter((p) => p.itemId === one).map((p) => [p.day, p.source, p.list, p.rank, p.metrics]),
      ).toEqual([
        ['2025-03-01', 'hf-models', 'trending', 2, { likes: 1, downloads: 10 }],
        ['2025-03-02', 'hf-models', 'trending', 1, { likes: 7, downloads: 70 }],
        ['2025-03-02', 'hf-new-models', 'new', 4, { likes: 7 }],
      ]);
      expect(await store.subjects.dailyHistory([])).toEqual([]);

      // Replacing a day with other numbers changes that item's fingerprint and only that one.
      await store.saveSnapshot(
        snapshot('2025-03-02', T2, [model('s/m001', { rank: 1, metrics: { likes: 8, downloads: 70 } })]),
      );
      const after = new Map(
        (await store.subjects.observationFingerprints()).map((f) => [f.itemId, f] as const),
      );
      expect(after.get(one)?.digest).not.toBe(before.get(one)?.digest);
      expect(after.get(two)?.digest).toBe(before.get(two)?.digest);
    });

    it("reads the API's slices: observations by days and kind, an author's items and days, editions", async () => {
      await store.saveSnapshot(
        snapshot('2025-03-01', T1, [
          model('ann/a', { rank: 3 }),
          model('ann/b', { rank: 5 }),
          model('bob/c', { rank: 1 }),
        ]),
      );
      await store.saveSnapshot(
        snapshot('2025-03-02', T2, [model('ann/a', { rank: 1 }), model('bob/c', { rank: 2 })]),
      );
      const paper = model('2503.00001', { kind: 'paper', author: 'ann', list: 'daily', rank: 1 });
      await store.saveSnapshot({ ...snapshot('2025-03-02', T2, [paper]), source: 'hf-papers' });
      await store.saveSnapshot(snapshot('2025-03-03', T3, [model('ann/b', { rank: 9 })]));

      const onDays = await store.observations({ days: ['2025-03-01', '2025-03-03'], kind: 'model' });
      expect(onDays.map((o) => [o.day, o.rank])).toEqual([
        ['2025-03-01', 1],
        ['2025-03-01', 3],
        ['2025-03-01', 5],
        ['2025-03-03', 9],
      ]);
      const papers = await store.observations({ days: ['2025-03-02'], kind: 'paper' });
      expect(papers.map((o) => o.source)).toEqual(['hf-papers']);
      expect(await store.observations({ days: [] })).toEqual([]);

      const { items, total } = await store.itemsByAuthor('ann', { limit: 2 });
      expect(total).toBe(3);
      expect(items.map((i) => i.externalId)).toEqual(['ann/b', 'ann/a']);
      expect(await store.itemsByAuthor('nobody')).toEqual({ items: [], total: 0 });
      expect(await store.authorDays('ann', { limit: 10 })).toEqual([
        { day: '2025-03-03', items: 1, bestRank: 9 },
        { day: '2025-03-02', items: 2, bestRank: 1 },
        { day: '2025-03-01', items: 2, bestRank: 3 },
      ]);
      expect(await store.authorDays('ann', { before: '2025-03-03', limit: 1 })).toEqual([
        { day: '2025-03-02', items: 2, bestRank: 1 },
      ]);

      const text = (headline: string) => ({ headline });
      const meta = { dataMode: 'live' };
      await store.saveEdition({ date: '2025-03-01', plan: { p: 1 }, text: text('One'), meta }, T1);
      await store.saveEdition({ date: '2025-03-02', plan: { p: 2 }, text: text('Two'), meta }, T2);
      await store.saveEditionPlan('2025-03-03', { p: 3 }, T3);
      const from = await store.listEditions({ from: '2025-03-02' });
      expect(from.map((e) => e.date)).toEqual(['2025-03-03', '2025-03-02']);
      const texts = await store.listEditionTexts();
      expect(texts.map((e) => [e.date, e.number, e.text])).toEqual([
        ['2025-03-02', 2, text('Two')],
        ['2025-03-01', 1, text('One')],
      ]);
      expect(texts.every((e) => !('plan' in e))).toBe(true);
      const older = await store.listEditionTexts({ before: '2025-03-02', limit: 1 });
      expect(older.map((e) => e.date)).toEqual(['2025-03-01']);
    });

    it('saves two overlapping snapshots at once without deadlock or loss', async () => {
      const items = Array.from({ length: 600 }, (_, i) =>
        model(`shared/m${String(i).padStart(4, '0')}`, { rank: i + 1 }),
      );
      const [a, b] = await Promise.all([
        store.saveSnapshot(snapshot('2025-03-01', T1, items)),
        store.saveSnapshot({
          ...snapshot(
            '2025-03-01',
            T1,
            [...items].reverse().map((item) => ({ ...item, list: 'new' })),
          ),
          source: 'hf-new-models',
        }),
      ]);
      expect(a.snapshot.itemCount).toBe(600);
      expect(b.snapshot.itemCount).toBe(600);
      expect(await store.observations()).toHaveLength(1200);
    });
  });
}
