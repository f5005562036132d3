import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/schema.js';
import type { SnapshotBundle } from '../core/bundle.js';
import { fixedClock } from '../core/clock.js';
import { isMorningPostError } from '../core/errors.js';
import { memoryLogger } from '../lib/logger.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { storeWith, withoutSnapshots } from '../testing/plans/helpers.js';
import { SEED_DAY, seedScenario } from '../testing/plans/seed-scenario.js';
import { newsroomWriter } from '../writers/newsroom/index.js';
import { importBundle } from './bundle.js';
import type { CollectRow, CollectSummary } from './collect.js';
import { type EditionRunOptions, loadEditions, runEdition } from './edition.js';
import { readSampleDay } from './sample.js';

const config = ConfigSchema.parse({});
const stores: KyselyStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function store(bundle?: SnapshotBundle) {
  const opened = await storeWith(bundle);
  stores.push(opened);
  return opened;
}

const row = (source: CollectRow['source'], status: CollectRow['status'], error?: string): CollectRow => ({
  source,
  status,
  items: 0,
  newItems: 0,
  dropped: 0,
  requests: 1,
  durationMs: 1,
  warnings: [],
  replaced: false,
  ...(error ? { error } : {}),
});

/** Every source failed, as with no network. */
const unreachable = async (day: string): Promise<CollectSummary> => ({
  day,
  rows: [
    row('hf-models', 'failed', 'fetch failed: getaddrinfo ENOTFOUND huggingface.co'),
    row('arxiv', 'failed', 'fetch failed'),
  ],
  succeeded: false,
  durationMs: 5,
});

/** Today's collection: the seed scenario's last day arrives (the rest of its history is stored already). */
function seedArrives(target: KyselyStore) {
  return async (day: string): Promise<CollectSummary> => {
    const today = seedScenario().snapshots.filter((s) => s.day === day);
    await importBundle(target, { ...seedScenario(), snapshots: today });
    return { day, rows: today.map((s) => row(s.source, 'ok')), succeeded: today.length > 0, durationMs: 5 };
  };
}

function options(target: KyselyStore, overrides: Partial<EditionRunOptions> = {}): EditionRunOptions {
  return {
    store: target,
    config,
    clock: fixedClock(`${SEED_DAY}T06:00:00Z`),
    log: memoryLogger(),
    writer: newsroomWriter,
    sample: () => readSampleDay(),
    ...overrides,
  };
}

const beforeSeedDay = () => withoutSnapshots(seedScenario(), (s) => s.day === SEED_DAY);

describe('runEdition', () => {
  it('collects and dates the edition by the calendar day in MORNING_POST_TZ, not the UTC day', async () => {
    // 06:00 in Tokyo on the seed day is 21:00 UTC the evening before.
    const target = await store(beforeSeedDay());
    const tokyo = ConfigSchema.parse({ edition: { timeZone: 'Asia/Tokyo' } });
    const asked: string[] = [];
    const collect = seedArrives(target);
    const result = await runEdition(
      options(target, {
        config: tokyo,
        clock: fixedClock('2026-08-22T21:00:00Z'),
        collect: async (day) => {
          asked.push(day);
          return collect(day);
        },
      }),
    );
    expect(asked).toEqual([SEED_DAY]);
    expect(result).toMatchObject({ built: true, dataMode: 'live' });
    expect(result.edition.date).toBe(SEED_DAY);
    expect(result.edition.plan.timeZone).toBe('Asia/Tokyo');
  });

  it('with no network and an empty store, builds a published edition from the shipped sample day', async () => {
    const target = await store();
    const result = await runEdition(options(target, { collect: unreachable }));
    const sampleDay = readSampleDay().snapshots[0]?.day;
    expect(result).toMatchObject({ built: true, dataMode: 'sample' });
    expect(result.edition).toMatchObject({ number: 1, date: sampleDay, status: 'published' });
    expect(result.edition.meta.failedSources.map((f) => f.source)).toEqual(['hf-models', 'arxiv']);
    expect(result.edition.text.sections.length).toBeGreaterThan(5);

    const again = await runEdition(options(target, { collect: unreachable }));
    expect(again).toMatchObject({ built: false, dataMode: 'sample' });
    expect(again.edition.number).toBe(1);
    expect(await target.listEditions()).toHaveLength(1);
  });

  it('with no network and stored history, builds from the newest stored day and says it is not live', async () => {
    const target = await store(beforeSeedDay());
    const result = await runEdition(options(target, { collect: unreachable }));
    expect(result.dataMode).toBe('stored');
    expect(result.edition.date).toBe('2026-08-22');
    expect(result.edition.meta).toMatchObject({ dataMode: 'stored', dataDay: '2026-08-22' });
  });

  it('with live data publishes today, keeps it on a re-run, and a forced rebuild says the same', async () => {
    const target = await store(beforeSeedDay());
    const first = await runEdition(options(target, { collect: seedArrives(target) }));
    expect(first).toMatchObject({ built: true, dataMode: 'live', failedSources: [] });
    expect(first.edition).toMatchObject({ date: SEED_DAY, status: 'published' });
    expect(first.edition.text.headline).not.toBe('');

    const kept = await runEdition(options(target, { collect: seedArrives(target) }));
    expect(kept.built).toBe(false);

    const later = fixedClock(`${SEED_DAY}T09:00:00Z`);
    const rebuilt = await runEdition(options(target, { clock: later, force: true, date: SEED_DAY }));
    expect(rebuilt).toMatchObject({ built: true, dataMode: 'live' });
    expect(rebuilt.edition.publishedAt).toBe(first.edition.publishedAt);
    expect(rebuilt.edition.updatedAt).toBe(`${SEED_DAY}T09:00:00.000Z`);
    expect(rebuilt.edition.text).toStrictEqual(first.edition.text);
    expect(rebuilt.edition.plan).toStrictEqual(first.edition.plan);
  });

  it("says a kept edition of an earlier day is not live when today's collection failed", async () => {
    const target = await store(seedScenario());
    await runEdition(options(target, { date: SEED_DAY }));
    const nextDay = fixedClock('2026-08-24T06:00:00Z');
    const result = await runEdition(options(target, { clock: nextDay, collect: unreachable }));
    expect(result).toMatchObject({ built: false, dataMode: 'stored' });
    expect(result.edition.date).toBe(SEED_DAY);
  });

  it('replaces a draft without --force, and drafts stay drafts', async () => {
    const target = await store(seedScenario());
    const draft = await runEdition(options(target, { date: SEED_DAY, draft: true }));
    expect(draft.edition).toMatchObject({ status: 'draft', publishedAt: null, number: 1 });
    const replaced = await runEdition(options(target, { date: SEED_DAY }));
    expect(replaced).toMatchObject({ built: true });
    expect(replaced.edition).toMatchObject({ status: 'published', number: 1 });
  });

  it('refuses an offline day with no stored snapshots, naming the day', async () => {
    const target = await store(seedScenario());
    const error = await runEdition(options(target, { date: '2026-01-01' })).catch((e: unknown) => e);
    expect(isMorningPostError(error) && error.code).toBe('NO_DATA');
    expect((error as Error).message).toContain('2026-01-01');
  });

  it('loads every readable edition for the site and leaves out a damaged row', async () => {
    const target = await store(seedScenario());
    await runEdition(options(target, { date: SEED_DAY }));
    await runEdition(options(target, { date: '2026-08-22' }));
    await target.db
      .updateTable('editions')
      .set({ text: '{"broken":' })
      .where('date', '=', '2026-08-22')
      .execute();
    const log = memoryLogger();
    const editions = await loadEditions(target, log);
    expect(editions.map((e) => e.date)).toEqual([SEED_DAY]);
    expect(log.records.some((r) => r.message.includes('unreadable'))).toBe(true);
  });
});
