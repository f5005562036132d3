/**
 * The planner at the edges: a first day, an empty store, gaps and failed collections, bad data,
 * gamed likes, and determinism on a generated month. Each case asserts what the plan says, not
 * merely that it was produced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, type BundleSnapshot } from '../src/core/bundle.js';
import type { History } from '../src/core/history.js';
import { SOURCE_IDS } from '../src/core/item.js';
import { type EditionPlan, EditionPlanSchema } from '../src/core/plan.js';
import { loadHistory } from '../src/pipeline/history.js';
import { buildPlan } from '../src/planner/index.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { generateHistory, PLANTED } from '../src/testing/history/generator.js';
import {
  copyModelsSnapshot,
  HistoryBuilder,
  planFromBundle,
  storeWith,
  withoutSnapshots,
  withSnapshots,
} from '../src/testing/plans/helpers.js';
import { SEED_DAY, seedScenario } from '../src/testing/plans/seed-scenario.js';

const SOURCES = SOURCE_IDS.filter((id) => id !== 'fake');
const NO_LEAD = 'No story could lead: too little data today.';
const moversNote = (days: number) => `Movers compare ${days} day(s) of history, not a full week.`;
const plan = (history: History) => buildPlan(history, [], { timeZone: 'UTC' });

function valid(p: EditionPlan): EditionPlan {
  expect(EditionPlanSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
  return p;
}

describe('the first day: one hf-models snapshot, nothing before it', () => {
  let p: EditionPlan;

  beforeAll(async () => {
    const seed = seedScenario();
    p = await planFromBundle(
      withoutSnapshots(seed, (s) => s.source !== 'hf-models' || s.day !== SEED_DAY),
      SEED_DAY,
    );
  });

  it('plans without movers and says the movers compare 0 days', () => {
    valid(p);
    expect(p.movers).toEqual({ windowDays: 0, items: [] });
    expect(p.notes).toContain(moversNote(0));
    expect(p.coverage.daysAvailable).toBe(1);
    expect(p.candidates.some((c) => c.kind === 'biggest-mover')).toBe(false);
  });

  it("still reads today's list: trending models, and a lead from who is trending", () => {
    expect(p.trending.models.map((m) => m.externalId).slice(0, 2)).toEqual([
      'hanyc4855/H25',
      'StyTJU/MultiObj-DETR',
    ]);
    expect(p.trending.models).toHaveLength(10);
    expect(p.lead?.kind).toBe('weekend-surge');
    expect(p.anomalies).toEqual([]);
  });

  it('lists the other sources as missing, each with a note', () => {
    const models = p.coverage.sources.find((s) => s.source === 'hf-models');
    expect(models).toMatchObject({ status: 'ok', day: SEED_DAY, stale: false, itemCount: 12 });
    for (const source of SOURCES.filter((s) => s !== 'hf-models')) {
      expect(p.coverage.sources.find((s) => s.source === source)).toMatchObject({
        status: 'missing',
        day: null,
        stale: false,
      });
      expect(p.notes).toContain(`${source}: no collection today.`);
    }
    expect(p.trending.repositories).toEqual([]);
    expect(p.reading).toEqual([]);
  });
});

describe('an empty store', () => {
  let store: KyselyStore;
  let p: EditionPlan;

  beforeAll(async () => {
    store = await storeWith();
    p = plan(await loadHistory(store, SEED_DAY));
  });
  afterAll(async () => store.close());

  it('gives a valid plan with no lead, and says why', () => {
    valid(p);
    expect(p.lead).toBeNull();
    expect(p.deepDive).toBeNull();
    expect(p.opinions).toEqual([]);
    expect(p.candidates).toEqual([]);
    expect(p.notes).toEqual(
      expect.arrayContaining([
        NO_LEAD,
        'No theme strong enough for a deep dive.',
        'Only 0 opinion topic(s) found.',
        moversNote(0),
      ]),
    );
  });

  it('lists every source as missing, with a note for each', () => {
    expect(p.coverage.sources.map((s) => s.source)).toEqual(SOURCES);
    for (const coverage of p.coverage.sources)
      expect(coverage).toEqual({
        source: coverage.source,
        status: 'missing',
        day: null,
        takenAt: null,
        itemCount: 0,
        stale: false,
        error: null,
      });
    for (const source of SOURCES) expect(p.notes).toContain(`${source}: no collection today.`);
    // The pipeline loads 36 days: 15 for the analysis, all of them for history signals.
    expect(p.coverage).toMatchObject({ from: '2026-07-19', to: SEED_DAY, daysAvailable: 0 });
  });

  it('has every list empty', () => {
    expect(p.trending).toEqual({ models: [], datasets: [], spaces: [], repositories: [] });
    expect(p.tools).toEqual([]);
    expect(p.reading).toEqual([]);
    expect(p.anomalies).toEqual([]);
  });

  it('a hand-built empty history plans the same way', () => {
    const empty = plan({ day: SEED_DAY, from: '2026-07-19', items: [], observations: [], snapshots: [] });
    expect(JSON.stringify(empty)).toBe(JSON.stringify(p));
  });
});

describe('gaps in history', () => {
  const seed = seedScenario();
  const modelsOn = (days: string[]) => (s: BundleSnapshot) =>
    s.source === 'hf-models' && days.includes(s.day);

  it('days missing in the middle: the week is still compared, the missing days are null in sparklines', async () => {
    const p = valid(
      await planFromBundle(
        withoutSnapshots(seed, modelsOn(['2026-08-18', '2026-08-19', '2026-08-20'])),
        SEED_DAY,
      ),
    );
    expect(p.movers.windowDays).toBe(7);
    expect(p.notes.some((n) => n.startsWith('Movers compare'))).toBe(false);
    expect(p.coverage.daysAvailable).toBe(5); // days with data: the three missing days do not count
    const tiny = p.movers.items.find((m) => m.item.externalId === 'lucaverdi/tiny-story-270M');
    expect(tiny?.mover).toMatchObject({ rankThen: 20, rankNow: 6, rankChange: 14 });
    expect(tiny?.mover.sparkline).toHaveLength(8);
    expect(tiny?.mover.sparkline.slice(2, 5)).toEqual([null, null, null]);
    expect(p.lead?.kind).toBe('weekend-surge');
  });

  it('the day a week back missing: the movers compare the 6 days there are, and say so', async () => {
    const p = valid(await planFromBundle(withoutSnapshots(seed, modelsOn(['2026-08-16'])), SEED_DAY));
    expect(p.movers.windowDays).toBe(6);
    expect(p.notes).toContain(moversNote(6));
    const tiny = p.movers.items.find((m) => m.item.externalId === 'lucaverdi/tiny-story-270M');
    expect(tiny?.mover).toMatchObject({ rankThen: 18, rankNow: 6, rankChange: 12, windowDays: 6 });
  });

  describe("today's hf-models collection failed, yesterday's is there", () => {
    const MONDAY = '2026-08-24';
    const failed: BundleSnapshot = {
      source: 'hf-models',
      day: MONDAY,
      takenAt: '2026-08-24T06:05:00.000Z',
      status: 'failed',
      error: 'HTTP 503 from the Hub',
      items: [],
    };
    let p: EditionPlan;

    beforeAll(async () => {
      p = valid(await planFromBundle(withSnapshots(seed, failed), MONDAY));
    });

    it('coverage uses the latest good day, marked stale, with the failure', () => {
      expect(p.coverage.sources.find((s) => s.source === 'hf-models')).toEqual({
        source: 'hf-models',
        status: 'ok',
        day: SEED_DAY,
        takenAt: '2026-08-23T06:00:00.000Z',
        itemCount: 12,
        stale: true,
        error: 'HTTP 503 from the Hub',
      });
      expect(p.notes).toContain(
        `hf-models: today's collection failed (HTTP 503 from the Hub); using ${SEED_DAY}.`,
      );
    });

    it("the trending list is Sunday's", () => {
      expect(p.trending.models.map((m) => m.externalId).slice(0, 4)).toEqual([
        'hanyc4855/H25',
        'StyTJU/MultiObj-DETR',
        'hanyc4855/H24',
        'jhuang583/Qwen2.5-0.5B-Medical',
      ]);
      expect(p.trending.models.every((m) => m.observedAt === '2026-08-23T06:00:00.000Z')).toBe(true);
      expect(p.weekday).toBe('Monday');
      expect(p.lead).not.toBeNull();
    });

    it('a partial collection today is used, with a note', async () => {
      const partial = { ...copyModelsSnapshot(seed, SEED_DAY, MONDAY), status: 'partial' as const };
      const q = valid(await planFromBundle(withSnapshots(seed, partial), MONDAY));
      expect(q.coverage.sources.find((s) => s.source === 'hf-models')).toMatchObject({
        status: 'partial',
        day: MONDAY,
        stale: false,
      });
      expect(q.notes).toContain("hf-models: today's collection is partial.");
    });
  });

  it('a source that only ever failed is listed as failed with its error, not stale', async () => {
    const p = valid(
      await planFromBundle(
        withSnapshots(seedScenario(), {
          source: 'arxiv',
          day: SEED_DAY,
          takenAt: '2026-08-23T06:00:00.000Z',
          status: 'failed',
          error: 'timeout',
          items: [],
        }),
        SEED_DAY,
      ),
    );
    expect(p.coverage.sources.find((s) => s.source === 'arxiv')).toMatchObject({
      status: 'failed',
      day: null,
      stale: false,
      error: 'timeout',
    });
    expect(p.notes).toContain("arxiv: today's collection failed (timeout).");
  });
});

describe('bad data', () => {
  const DAY = '2026-08-24';
  const SCRIPT = '<script>alert(1)</script> 🤖🔥';

  function badHistory(): History {
    const b = new HistoryBuilder(DAY, '2026-08-17')
      .item({
        id: 1,
        kind: 'model',
        externalId: 'x/<script>alert(1)</script>',
        title: SCRIPT,
        author: 'x',
        attributes: { createdAt: '0001-01-01T00:00:00Z', authorKind: 'user' },
      })
      .item({
        id: 2,
        kind: 'model',
        externalId: 'y/no-size',
        title: 'y/no-size "quoted" & <b>bold</b>',
        author: null,
        attributes: {},
      })
      .item({
        id: 3,
        kind: 'model',
        externalId: 'z/dup',
        title: 'z/dup',
        author: 'z',
        attributes: { authorKind: 'user', createdAt: '2999-01-01T00:00:00Z', pipelineTag: 'text-generation' },
      })
      .item({
        id: 4,
        kind: 'dataset',
        externalId: 'w/🤖-data',
        title: '🤖 data',
        author: 'w',
        attributes: {},
      });
    for (const day of ['2026-08-17', '2026-08-21', DAY]) {
      b.snapshot('hf-models', day, 'trending', [
        { itemId: 1, metrics: { likes: 5 } },
        { itemId: 3, rank: 2, metrics: { likes: 7, downloads: 50 } },
        // The same item twice in one snapshot, and once unranked.
        { itemId: 3, rank: 2, metrics: { likes: 7 } },
        { itemId: 2, rank: null },
        { itemId: 3, rank: 9 },
      ]);
      b.snapshot('hf-datasets', day, 'trending', [{ itemId: 4 }, { itemId: 4 }]);
    }
    return b.build();
  }

  it('plans without crashing, and the plan validates and survives JSON', () => {
    const p = valid(plan(badHistory()));
    expect(p.date).toBe(DAY);
  });

  it('lists each item once, in rank order, unranked last', () => {
    const p = plan(badHistory());
    expect(p.trending.models.map((m) => [m.externalId, m.rank])).toEqual([
      ['x/<script>alert(1)</script>', 1],
      ['z/dup', 2],
      ['y/no-size', null],
    ]);
    expect(p.trending.datasets.map((d) => d.externalId)).toEqual(['w/🤖-data']);
  });

  it('keeps markup and emoji as plain strings', () => {
    const p = plan(badHistory());
    const json = JSON.stringify(p);
    expect(p.trending.models[0]?.title).toBe(SCRIPT);
    expect(json).toContain('<script>alert(1)</script>');
    expect(JSON.parse(json)).toEqual(p);
  });

  it('items without a size or an author kind are left out of the metrics that need them', () => {
    const p = plan(badHistory());
    expect(p.metrics.metrics.find((m) => m.id === 'median-parameters')).toBeUndefined();
    expect(p.metrics.metrics.find((m) => m.id === 'trending-individual-share')).toMatchObject({
      value: 1,
      note: '2 of 3 trending models had a known author kind',
    });
    const noSize = p.trending.models.find((m) => m.externalId === 'y/no-size');
    expect(noSize?.facts?.parameters).toBeUndefined();
    expect(noSize?.author).toBeNull();
  });

  it('no trending model with a size: the plan notes the missing median size', () => {
    const p = plan(badHistory());
    expect(p.notes.some((note) => /size/i.test(note))).toBe(true);
  });

  it('nonsense createdAt values (year 1, year 2999) are ignored by the weekend share, and said so', () => {
    const day = '2026-08-23';
    const b = new HistoryBuilder(day, '2026-08-17');
    const created = [
      '0001-01-01T00:00:00Z',
      '2999-01-01T00:00:00Z',
      '2026-08-22T10:00:00Z',
      '2026-08-20T10:00:00Z',
    ];
    created.forEach((createdAt, i) => {
      b.item({
        id: i + 1,
        kind: 'model',
        externalId: `u${i}/m${i}`,
        title: `u${i}/m${i}`,
        author: `u${i}`,
        attributes: { createdAt },
      });
    });
    b.snapshot(
      'hf-new-models',
      day,
      'new',
      [1, 2, 3, 4].map((itemId) => ({ itemId, metrics: { likes: 1 } })),
    );
    const p = valid(plan(b.build()));
    const share = p.metrics.metrics.find((m) => m.id === 'weekend-share-utc');
    expect(share?.value).toBe(0.5);
    expect(share?.note).toContain('2 with a nonsense createdAt ignored');
    expect(p.metrics.facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: 'weekend-share-utc', field: 'value', value: 0.5 }),
      ]),
    );
  });

  it('a big-lab model with a far-future createdAt is not a fresh release', () => {
    const history = new HistoryBuilder(DAY)
      .item({
        id: 1,
        kind: 'model',
        externalId: 'Qwen/Qwen-Future-7B',
        title: 'Qwen/Qwen-Future-7B',
        author: 'Qwen',
        attributes: { createdAt: '2999-01-01T00:00:00Z', authorKind: 'org' },
      })
      .item({
        id: 2,
        kind: 'model',
        externalId: 'someone/model',
        title: 'someone/model',
        author: 'someone',
        attributes: { createdAt: '2026-01-01T00:00:00Z', authorKind: 'user' },
      })
      .snapshot('hf-models', DAY, 'trending', [
        { itemId: 2, metrics: { likes: 10, downloads: 100 } },
        { itemId: 1, metrics: { likes: 10, downloads: 100 } },
      ])
      .build();
    const p = valid(plan(history));
    expect(p.candidates.filter((c) => c.kind === 'big-lab-release')).toEqual([]);
  });

  it('"general" is never the deep dive, even when it is the only theme', () => {
    const p = plan(badHistory());
    expect(p.deepDive?.subject.key ?? null).not.toBe('domain=general');
  });

  it('a bundle with duplicates, markup and nonsense dates goes through the store and plans', async () => {
    const model = (externalId: string, rank: number, createdAt?: string) => ({
      kind: 'model' as const,
      externalId,
      title: externalId,
      url: `https://huggingface.co/${encodeURIComponent(externalId)}`,
      author: externalId.split('/')[0] as string,
      attributes: createdAt ? { createdAt } : {},
      list: 'trending',
      rank,
      metrics: { likes: 10 * rank },
    });
    const p = valid(
      await planFromBundle(
        {
          format: BUNDLE_FORMAT,
          snapshots: [
            {
              source: 'hf-models',
              day: DAY,
              takenAt: '2026-08-24T06:00:00.000Z',
              status: 'ok',
              error: null,
              items: [
                model('a/x', 1, '0001-01-01T00:00:00Z'),
                model('a/x', 2),
                model('<img src=x onerror=alert(1)>/🤖', 3, '2999-12-31T23:59:59Z'),
              ],
            },
          ],
        },
        DAY,
      ),
    );
    expect(p.trending.models.map((m) => m.externalId)).toEqual(['a/x', '<img src=x onerror=alert(1)>/🤖']);
    expect(p.lead).toBeNull();
    expect(p.notes).toContain(NO_LEAD);
  });
});

describe('the anomaly guard', () => {
  const SPIKE = PLANTED.spike;

  function assertGuarded(p: EditionPlan) {
    const anomaly = p.anomalies.find((a) => a.itemId === SPIKE);
    expect(anomaly).toMatchObject({ metric: 'likes', gained: 5000 });
    expect(anomaly?.reason).toMatch(/likes \+5,000 in 1 day .*with only 3 downloads/);
    expect(p.notes).toContain(`Anomaly (author-8/model-8): ${anomaly?.reason}`);
    expect(p.lead?.items[0]?.itemId).not.toBe(SPIKE);
    expect(p.lead?.subject.key).not.toBe('model:author-8/model-8');
    expect(p.movers.items.map((m) => m.item.itemId)).not.toContain(SPIKE);
    expect(p.tools.map((t) => t.item.itemId)).not.toContain(SPIKE);
    // Still listed where it is: the trending list shows what the Hub shows.
    expect(p.trending.models.find((m) => m.itemId === SPIKE)?.rank).toBe(7);
  }

  it('the planted spike is flagged, noted and blocks the series it belongs to', () => {
    const p = valid(plan(generateHistory({ days: 30, itemsPerDay: 200 })));
    assertGuarded(p);
    expect(p.anomalies.map((a) => a.itemId)).toEqual([SPIKE]);
    const series = p.candidates.find((c) => c.subject.key === 'author-8/model');
    expect(series?.blocked).toMatch(/^anomaly: likes \+5,000/);
    // The popular item gained as many likes with millions of downloads: not an anomaly.
    expect(p.anomalies.some((a) => a.itemId === PLANTED.popular)).toBe(false);
  });

  it('the biggest mover built on the spike is blocked and does not lead', () => {
    const history = generateHistory({ days: 30, itemsPerDay: 200 });
    // Before the last day the spike sat at rank 190 (swapped with the item there): a 183-place climb.
    for (const o of history.observations) {
      if (o.day === history.day) continue;
      if (o.itemId === SPIKE) o.rank = 190;
      else if (o.rank === 190) o.rank = 7;
    }
    const p = valid(plan(history));
    assertGuarded(p);
    const mover = p.candidates.find((c) => c.kind === 'biggest-mover');
    expect(mover).toMatchObject({ subject: { key: 'model:author-8/model-8' }, magnitude: 1 });
    expect(mover?.blocked).toMatch(/^anomaly: /);
    expect(p.candidates[0]?.kind).toBe('biggest-mover');
    expect(p.lead?.kind).not.toBe('biggest-mover');
    expect(p.opinions.map((o) => o.subject.key)).not.toContain('model:author-8/model-8');
  });
});

describe('a generated month', () => {
  let history: History;
  let p: EditionPlan;

  beforeAll(() => {
    history = generateHistory({ days: 30, itemsPerDay: 200 });
    p = plan(history);
  });

  it('validates, with a week of movers', () => {
    valid(p);
    expect(p.movers.windowDays).toBe(7);
    expect(p.movers.items.length).toBeGreaterThan(0);
    expect(p.movers.items.every((m) => m.mover.windowDays === 7 && m.mover.sparkline.length === 8)).toBe(
      true,
    );
    expect(p.notes.some((n) => n.startsWith('Movers compare'))).toBe(false);
    expect(p.coverage.daysAvailable).toBe(30);
  });

  it('is byte-for-byte the same when planned twice, and from a copy of the history', () => {
    const again = plan(structuredClone(history));
    expect(JSON.stringify(again)).toBe(JSON.stringify(p));
    expect(JSON.stringify(plan(history))).toBe(JSON.stringify(p));
  });

  it('does not depend on the order observations and items arrive in', () => {
    const shuffled: History = {
      ...history,
      items: [...history.items].reverse(),
      observations: [...history.observations].reverse(),
      snapshots: [...history.snapshots].reverse(),
    };
    expect(JSON.stringify(plan(shuffled))).toBe(JSON.stringify(p));
  });

  it('the seed scenario planned twice through two stores is identical', async () => {
    const a = await planFromBundle(seedScenario(), SEED_DAY);
    const b = await planFromBundle(seedScenario(), SEED_DAY);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('the biggest-mover candidate is the model that climbed most (planted climber 5, +35)', () => {
    const mover = p.candidates.find((c) => c.kind === 'biggest-mover');
    expect(mover).toMatchObject({ subject: { key: 'model:author-5/model-5' }, magnitude: 0.7 });
  });

  it('the movers section lists the planted climbers that climbed most', () => {
    const ids = p.movers.items.map((m) => m.item.itemId);
    expect(ids).toEqual(expect.arrayContaining([4, 5]));
  });

  it('a quiet week still compares 7 days', () => {
    const b = new HistoryBuilder('2026-08-24', '2026-08-10');
    for (let i = 1; i <= 6; i++)
      b.item({
        id: i,
        kind: 'model',
        externalId: `org${i}/m${i}`,
        title: `org${i}/m${i}`,
        author: `org${i}`,
        attributes: { authorKind: 'org' },
      });
    for (const day of ['2026-08-17', '2026-08-20', '2026-08-24'])
      b.snapshot(
        'hf-models',
        day,
        'trending',
        [1, 2, 3, 4, 5, 6].map((itemId) => ({ itemId, metrics: { likes: 100, downloads: 1000 } })),
      );
    const quiet = valid(plan(b.build()));
    expect(quiet.coverage.daysAvailable).toBe(3); // the three days that have data
    expect(quiet.movers.windowDays).toBe(7);
    expect(quiet.notes).not.toContain(moversNote(0));
  });
});
