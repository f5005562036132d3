import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/schema.js';
import { fixedClock } from '../core/clock.js';
import { MorningPostError } from '../core/errors.js';
import type { CollectedItem } from '../core/item.js';
import { createHttpClient } from '../lib/http/client.js';
import { memoryLogger } from '../lib/logger.js';
import { fakeItems, fakeSource } from '../sources/fake/index.js';
import type { Source } from '../sources/source.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { memoryAuthors, routeTransport } from '../testing/sources/fixtures.js';
import { type CollectEvent, collect } from './collect.js';

const DAY = '2026-08-23';
const config = ConfigSchema.parse({});

function failing(id: Source['id'], error: Error): Source {
  return { id, title: id, description: 'fails', needs: [], collect: async () => Promise.reject(error) };
}

function returning(id: Source['id'], items: CollectedItem[], status: 'ok' | 'partial' = 'ok'): Source {
  return {
    id,
    title: id,
    description: 'returns',
    needs: [],
    collect: async () => ({ items, status, dropped: 0, warnings: [] }),
  };
}

describe('collect', () => {
  let store: Store;
  beforeEach(async () => {
    store = await createSqliteStore({ file: ':memory:' });
    await store.migrate();
  });
  afterEach(async () => store.close());

  function run(sources: Source[], options: { force?: boolean; day?: string; events?: CollectEvent[] } = {}) {
    const clock = fixedClock(`${options.day ?? DAY}T06:00:00Z`);
    return collect({
      sources,
      day: options.day ?? DAY,
      store,
      http: createHttpClient({ transport: routeTransport({}), clock }),
      clock,
      log: memoryLogger(),
      config,
      authors: memoryAuthors(),
      force: options.force ?? false,
      onEvent: (event) => options.events?.push(event),
    });
  }

  it("stores each source's items, and a failing source leaves its reason while the others carry on", async () => {
    const events: CollectEvent[] = [];
    const boom = new MorningPostError('HTTP_STATUS', 'HTTP 500 from https://huggingface.co/api/datasets');
    const summary = await run([fakeSource, failing('hf-datasets', boom)], { events });
    expect(summary.succeeded).toBe(true);
    const [fake, datasets] = summary.rows;
    expect(fake).toMatchObject({ source: 'fake', status: 'ok', items: 5, newItems: 5 });
    expect(datasets).toMatchObject({
      source: 'hf-datasets',
      status: 'failed',
      items: 0,
      error: 'HTTP 500 from https://huggingface.co/api/datasets',
    });
    expect(events.map((e) => e.type)).toEqual(['start', 'start', 'finish', 'finish']);

    const failed = await store.findSnapshot('hf-datasets', DAY);
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'HTTP 500 from https://huggingface.co/api/datasets',
      itemCount: 0,
    });
    const observations = await store.observations({ source: 'fake' });
    expect(observations).toHaveLength(5);
  });

  it('reports failure when no source succeeded', async () => {
    const summary = await run([
      failing('arxiv', new Error('offline')),
      failing('hf-models', new Error('offline')),
    ]);
    expect(summary.succeeded).toBe(false);
    expect(summary.rows.every((row) => row.status === 'failed')).toBe(true);
  });

  it('skips a source already collected today, and --force replaces its snapshot', async () => {
    await run([fakeSource]);
    const again = await run([fakeSource]);
    expect(again.rows[0]).toMatchObject({ status: 'skipped', items: 5 });
    const forced = await run([fakeSource], { force: true });
    // "new" means first seen on this day, so a replacement of the day's snapshot still counts them.
    expect(forced.rows[0]).toMatchObject({ status: 'ok', newItems: 5, replaced: true });
    expect(await store.observations({ source: 'fake' })).toHaveLength(5);
  });

  it('retries a partial day and never lets a failure replace data', async () => {
    const items = fakeItems(DAY);
    await run([returning('hf-models', items.slice(0, 2), 'partial')]);
    await run([failing('hf-models', new Error('offline'))]);
    expect(await store.findSnapshot('hf-models', DAY)).toMatchObject({ status: 'partial', itemCount: 2 });
    const retried = await run([returning('hf-models', items)]);
    expect(retried.rows[0]).toMatchObject({ status: 'ok', items: 5, newItems: 5, replaced: true });
    await run([fakeSource], { day: '2026-08-24' });
    const nextDay = await run([returning('hf-models', items)], { day: '2026-08-24' });
    expect(nextDay.rows[0]).toMatchObject({ status: 'ok', newItems: 0, replaced: false });
  });

  it('drops items that break the domain schema, counting them, and keeps the rest', async () => {
    const [good] = fakeItems(DAY);
    const bad = { ...good, externalId: '', url: 'javascript:alert(1)' } as CollectedItem;
    const summary = await run([returning('hf-models', [good as CollectedItem, bad])]);
    expect(summary.rows[0]).toMatchObject({ status: 'ok', items: 1, dropped: 1 });
    expect(summary.rows[0]?.warnings[0]).toMatch(/dropped: externalId/);
  });

  it('keeps history: a second day adds observations and never touches the first', async () => {
    await run([fakeSource], { day: '2026-08-22' });
    await run([fakeSource], { day: '2026-08-23' });
    const observations = await store.observations({ source: 'fake' });
    expect(observations.map((o) => o.day)).toEqual([
      ...Array(5).fill('2026-08-22'),
      ...Array(5).fill('2026-08-23'),
    ]);
    const first = observations.filter((o) => o.day === '2026-08-22').map((o) => o.metrics.likes);
    expect(first).toEqual(fakeItems('2026-08-22').map((i) => i.metrics.likes));
  });
});
