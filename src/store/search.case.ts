/**
 * @module store/search.case
 * The conformance suite of store.search (store/search.ts), run on SQLite and Postgres by
 * store.test.ts: names found by the parts a reader types, authors, diacritics, ranking, hostile
 * queries, stable pages, and the index following a replaced snapshot and a rebuilt edition.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectedItem, ItemKind } from '../core/item.js';
import { planItems } from '../core/plan.js';
import { generatedEdition } from '../testing/editions/editions.js';
import type { KyselyStore } from './kysely-store.js';
import type { StoreHarness } from './store.case.js';
import type { SaveSnapshotInput, SearchResults, SearchType } from './store.js';

const DAY = '2025-03-01';
const T1 = '2025-03-01T06:00:00.000Z';

function item(kind: ItemKind, id: string, overrides: Partial<CollectedItem> = {}): CollectedItem {
  return {
    kind,
    externalId: id,
    title: id,
    url: `https://example.test/${id}`,
    author: id.includes('/') ? id.split('/')[0] : undefined,
    attributes: {},
    list: 'trending',
    metrics: {},
    ...overrides,
  };
}

function snapshot(items: CollectedItem[], extra: Partial<SaveSnapshotInput> = {}): SaveSnapshotInput {
  return { source: 'hf-models', day: DAY, takenAt: T1, status: 'ok', items, ...extra };
}

function editionText(date: string, headline: string, lead: string) {
  const section = (id: string, title: string, paragraph: string) => ({
    id,
    title,
    paragraphs: [[paragraph]],
    isOpinion: false,
    writer: 'newsroom',
    factCheck: { ok: true, failures: [] },
  });
  return {
    version: 1,
    date,
    writer: 'newsroom',
    headline,
    standfirst: 'The day in AI.',
    sections: [
      section('lead', headline, lead),
      section('trending', 'Trending', 'not indexed: trendingonlyword'),
    ],
    usage: { inputTokens: 0, outputTokens: 0, llmCalls: 0 },
    notes: [],
  };
}

const keys = (results: SearchResults) => results.hits.map((hit) => `${hit.type}:${hit.key}`);

export function runSearchConformance(name: string, factory: () => Promise<StoreHarness>): void {
  describe(`Search conformance: ${name}`, () => {
    let harness: StoreHarness;
    let store: KyselyStore;
    const search = (q: string, options: { types?: SearchType[]; limit?: number; cursor?: string } = {}) =>
      store.search.query({ q, ...options });

    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
      await store.migrate();
    });
    afterEach(async () => {
      await harness.dispose();
    });

    async function saveNames(): Promise<void> {
      await store.saveSnapshot(
        snapshot([
          item('model', 'Qwen/Qwen3-8B', { attributes: { pipelineTag: 'text-generation' } }),
          item('model', 'Qwen/Qwen2.5-VL-7B-Instruct'),
          item('model', 'deepseek-ai/DeepSeek-R1', { attributes: { tags: ['reasoning', 'license:mit'] } }),
          item('model', 'deepseek-ai/DeepSeek-V3'),
          item('model', 'unsloth/Qwen3-8B-GGUF', { author: 'unsloth' }),
          item('model', 'someone/Café-Modèle'),
        ]),
      );
      await store.saveSnapshot(
        snapshot(
          [
            item('repository', 'ggml-org/llama.cpp', {
              title: 'ggml-org/llama.cpp',
              attributes: { description: 'LLM inference in C/C++', topics: ['ggml', 'inference'] },
            }),
            item('repository', 'abetlen/llama-cpp-python'),
            item('release', 'ggml-org/llama.cpp@b5000', { title: 'b5000 llama release' }),
          ],
          { source: 'github-trending' },
        ),
      );
      await store.saveSnapshot(
        snapshot(
          [
            item('paper', '2501.12948', {
              title: 'DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning',
              author: undefined,
              attributes: {
                authors: ['DeepSeek-AI', 'Daya Guo'],
                summary: 'We introduce our first-generation reasoning models.',
              },
            }),
          ],
          { source: 'arxiv' },
        ),
      );
    }

    it('finds names by the parts a reader types', async () => {
      await saveNames();
      expect(keys(await search('qwen3'))).toEqual(
        expect.arrayContaining(['model:Qwen/Qwen3-8B', 'model:unsloth/Qwen3-8B-GGUF']),
      );
      expect(keys(await search('qwen3')).slice(0, 2)).not.toContain('model:Qwen/Qwen2.5-VL-7B-Instruct');
      expect(keys(await search('Qwen3-8B', { types: ['model'] }))[0]).toBe('model:Qwen/Qwen3-8B');
      expect(keys(await search('llama.cpp'))[0]).toBe('repository:ggml-org/llama.cpp');
      expect(keys(await search('llama.cpp'))).toEqual([
        'repository:ggml-org/llama.cpp',
        'repository:abetlen/llama-cpp-python',
      ]);
      expect(keys(await search('deepseek r1'))).toEqual(
        expect.arrayContaining(['model:deepseek-ai/DeepSeek-R1', 'paper:2501.12948']),
      );
      expect(keys(await search('deepseek r1'))).not.toContain('model:deepseek-ai/DeepSeek-V3');
      expect(keys(await search('deepseek-ai/DeepSeek-R1', { types: ['model'] }))).toEqual([
        'model:deepseek-ai/DeepSeek-R1',
      ]);
      // A prefix: what a reader types before finishing the word.
      expect(keys(await search('qwe'))).toEqual(expect.arrayContaining(['model:Qwen/Qwen3-8B']));
      // Diacritics and case do not matter, either way.
      expect(keys(await search('cafe modele'))).toEqual(['model:someone/Café-Modèle']);
      expect(keys(await search('CAFÉ'))).toEqual(['model:someone/Café-Modèle']);
      // Descriptions, topics and paper summaries are searched too; machine tags and releases are not.
      expect(keys(await search('inference'))).toEqual(['repository:ggml-org/llama.cpp']);
      expect(keys(await search('first-generation reasoning'))).toEqual(['paper:2501.12948']);
      expect(keys(await search('license'))).toEqual([]);
      expect(keys(await search('b5000'))).toEqual([]);
    });

    it('gives each hit its page, date and marked title and snippet', async () => {
      await saveNames();
      const [hit] = (await search('llama.cpp')).hits;
      expect(hit).toMatchObject({
        type: 'repository',
        key: 'ggml-org/llama.cpp',
        title: 'ggml-org/llama.cpp',
        path: '/repos/ggml-org/llama.cpp/',
        date: DAY,
      });
      expect(hit?.titleParts).toEqual([
        { text: 'ggml-org/', mark: false },
        { text: 'llama', mark: true },
        { text: '.', mark: false },
        { text: 'cpp', mark: true },
      ]);
      const paper = (await search('reinforcement')).hits[0];
      expect(paper?.path).toBe('/papers/2501.12948/');
      expect(paper?.titleParts.filter((part) => part.mark).map((part) => part.text)).toEqual([
        'Reinforcement',
      ]);
    });

    it('finds authors, with their pages', async () => {
      await saveNames();
      const authors = await search('deepseek', { types: ['author'] });
      expect(authors.hits).toEqual([
        expect.objectContaining({
          type: 'author',
          key: 'deepseek-ai',
          path: '/authors/deepseek-ai/',
          date: DAY,
        }),
      ]);
      // An author's items name them too.
      expect(keys(await search('unsloth'))).toEqual(
        expect.arrayContaining(['author:unsloth', 'model:unsloth/Qwen3-8B-GGUF']),
      );
    });

    it('ranks a match in the title above one in the text, and filters by type', async () => {
      await store.saveSnapshot(
        snapshot([
          item('model', 'a/plain-model', {
            attributes: { description: 'mentions the vision encoder in passing' },
          }),
          item('model', 'b/vision-transformer'),
          item('dataset', 'c/vision-data'),
        ]),
      );
      const results = await search('vision');
      expect(keys(results).at(-1)).toBe('model:a/plain-model');
      expect(results.total).toBe(3);
      expect(keys(await search('vision', { types: ['dataset'] }))).toEqual(['dataset:c/vision-data']);
      expect(keys(await search('vision', { types: ['edition', 'author'] }))).toEqual([]);
    });

    it('answers hostile and empty queries safely', async () => {
      await saveNames();
      const hostile = [
        '',
        '   ',
        '"',
        '""',
        '*',
        'qwen*',
        '"qwen3',
        'NEAR(qwen deepseek)',
        'qwen AND',
        'OR',
        'NOT qwen',
        '-qwen',
        '(((',
        'title:qwen',
        '{title body}: qwen',
        'qwen & | ! <-> :* deepseek',
        "'; drop table items; --",
        '\u0000\u0001',
        '🙂 qwen3',
        '<script>alert(1)</script>',
        'qwen '.repeat(5000),
        'x'.repeat(100_000),
        '^qwen3 + deepseek',
      ];
      for (const q of hostile) {
        const results = await search(q);
        expect(Array.isArray(results.hits), q.slice(0, 40)).toBe(true);
      }
      expect(await search('')).toEqual({
        hits: [],
        total: 0,
        totalIsMore: false,
        words: [],
        truncated: false,
      });
      expect((await search('"*()')).words).toEqual([]);
      expect(keys(await search('qwen*'))).toEqual(expect.arrayContaining(['model:Qwen/Qwen3-8B']));
      expect(keys(await search('NEAR(qwen3 8b)'))).toEqual(keys(await search('near qwen3 8b')));
      expect((await search('qwen '.repeat(5000))).words).toEqual(['qwen']);
      const long = await search('a b c d e f g h i j k l');
      expect(long.truncated).toBe(true);
      expect(long.words).toHaveLength(8);
      // The tables are all there afterwards.
      expect(await store.getItem('model', 'Qwen/Qwen3-8B')).toBeDefined();
    });

    it('pages through many hits without overlap or gap, with a capped count', async () => {
      const many = Array.from({ length: 30 }, (_, i) =>
        item('model', `org/widget-${String(i).padStart(2, '0')}`),
      );
      await store.saveSnapshot(snapshot(many));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await search('widget', { limit: 7, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(30);
        expect(page.totalIsMore).toBe(false);
        seen.push(...keys(page));
        cursor = page.next;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(30);
      // The same page twice is the same page.
      const again = await search('widget', { limit: 7, cursor: '7' });
      expect(keys(again)).toEqual(seen.slice(7, 14));
      // An unknown cursor is the first page; limits are clamped.
      expect(keys(await search('widget', { limit: 7, cursor: 'zzz' }))).toEqual(seen.slice(0, 7));
      expect((await search('widget', { limit: 1000 })).hits).toHaveLength(30);
      expect((await search('widget', { limit: 0 })).hits).toHaveLength(1);
    });

    it('follows a replaced snapshot', async () => {
      await store.saveSnapshot(snapshot([item('model', 'org/thing', { title: 'Alpha Model' })]));
      expect(keys(await search('alpha'))).toEqual(['model:org/thing']);
      const replaced = await store.saveSnapshot(
        snapshot([item('model', 'org/thing', { title: 'Beta Model' }), item('model', 'org/other')]),
      );
      expect(replaced.replaced).toBe(true);
      expect(keys(await search('alpha'))).toEqual([]);
      expect(keys(await search('beta'))).toEqual(['model:org/thing']);
      expect(keys(await search('other'))).toEqual(['model:org/other']);
      // A later day changes nothing searchable: the date is when it was first seen.
      await store.saveSnapshot(
        snapshot([item('model', 'org/thing', { title: 'Beta Model' })], {
          day: '2025-03-02',
          takenAt: '2025-03-02T06:00:00.000Z',
        }),
      );
      expect((await search('beta')).hits[0]?.date).toBe('2025-03-01');
    });

    it('indexes editions with text, and follows a rebuilt one', async () => {
      await store.saveEditionPlan('2025-03-01', { draft: true }, T1);
      expect(keys(await search('draft'))).toEqual([]);
      await store.saveEdition(
        {
          date: '2025-03-01',
          plan: {},
          text: editionText('2025-03-01', 'A quantum leap for small models', 'Small models beat large ones.'),
          meta: {},
        },
        T1,
        { publish: true },
      );
      const found = await search('quantum');
      expect(found.hits).toEqual([
        expect.objectContaining({
          type: 'edition',
          key: '2025-03-01',
          path: '/editions/2025-03-01/',
          date: '2025-03-01',
        }),
      ]);
      expect(keys(await search('beat large'))).toEqual(['edition:2025-03-01']);
      // Lists are not edition text: their items are searched as items.
      expect(keys(await search('trendingonlyword'))).toEqual([]);
      await store.saveEdition(
        {
          date: '2025-03-01',
          plan: {},
          text: editionText('2025-03-01', 'Rebuilt with other words', 'Nothing about physics.'),
          meta: {},
        },
        '2025-03-01T07:00:00.000Z',
        { force: true, publish: true },
      );
      expect(keys(await search('quantum'))).toEqual([]);
      expect(keys(await search('rebuilt'))).toEqual(['edition:2025-03-01']);
      expect(keys(await search('physics', { types: ['edition'] }))).toEqual(['edition:2025-03-01']);
    });

    it('indexes the names of the items an edition plan covers', async () => {
      const edition = generatedEdition();
      await store.saveEdition(
        { date: edition.date, plan: edition.plan, text: edition.text, meta: edition.meta },
        T1,
      );
      const named = planItems(edition.plan)[0];
      expect(named).toBeDefined();
      const results = await search(named?.externalId ?? '', { types: ['edition'] });
      expect(keys(results)).toEqual([`edition:${edition.date}`]);
      expect(keys(await search(edition.text.headline, { types: ['edition'] }))).toEqual([
        `edition:${edition.date}`,
      ]);
    });

    it('rebuilds the whole index from the items and editions', async () => {
      await saveNames();
      await store.saveEdition(
        { date: DAY, plan: {}, text: editionText(DAY, 'Reindexed headline', 'Body.'), meta: {} },
        T1,
      );
      const before = await search('deepseek');
      await sql`delete from search_documents`.execute(store.db);
      expect((await search('deepseek')).hits).toEqual([]);
      const { documents } = await store.search.reindex();
      // 9 items with pages (not the release), 6 authors (the paper has none), 1 edition.
      expect(documents).toBe(16);
      expect(await search('deepseek')).toEqual(before);
      expect(keys(await search('reindexed'))).toEqual([`edition:${DAY}`]);
    });
  });
}
