/**
 * One upstream misbehaving must cost only its own source: the run ends with the right status for
 * it, the other sources' data is stored as usual, and nothing is half-written.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/schema.js';
import { fixedClock } from '../src/core/clock.js';
import type { SourceId } from '../src/core/item.js';
import { memoryLogger } from '../src/lib/logger.js';
import { type CollectSummary, collect } from '../src/pipeline/collect.js';
import { createRuntimeHttp } from '../src/pipeline/runtime.js';
import { liveSources } from '../src/sources/registry.js';
import { storeAuthorDirectory } from '../src/store/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { type Fault, fakeUpstream } from '../src/testing/sources/upstream.js';

const DAY = '2026-08-22';
const NOW = `${DAY}T06:00:00Z`;
const config = ConfigSchema.parse({ http: { cacheDir: 'off', timeoutMs: 250, retries: 2 } });
const EPOCH_NOW = Date.parse(NOW) / 1000;

async function collectWith(store: Store, faults: Partial<Record<SourceId, Fault>>) {
  const clock = fixedClock(NOW);
  const log = memoryLogger();
  const http = createRuntimeHttp({ config, clock, log, transport: fakeUpstream(faults) });
  const summary = await collect({
    sources: liveSources,
    day: DAY,
    store,
    http,
    clock,
    log,
    config,
    authors: storeAuthorDirectory(store, clock),
  });
  return { summary, clock };
}

const row = (summary: CollectSummary, source: SourceId) => summary.rows.find((r) => r.source === source);

describe('faults, one source at a time', () => {
  let store: Store;
  let baseline: Map<SourceId, number>;

  beforeEach(async () => {
    const reference = createSqliteStore({ file: ':memory:' });
    await reference.migrate();
    const { summary } = await collectWith(reference, {});
    await reference.close();
    expect(summary.rows.map((r) => [r.source, r.status])).toEqual(liveSources.map((s) => [s.id, 'ok']));
    baseline = new Map(summary.rows.map((r) => [r.source, r.items]));
    for (const [source, items] of baseline)
      expect(items, `${source} yields items from the fake upstream`).toBeGreaterThan(0);
    store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
  });
  afterEach(async () => store.close());

  async function expectOthersIntact(summary: CollectSummary, failing: SourceId) {
    for (const source of liveSources.filter((s) => s.id !== failing)) {
      expect(row(summary, source.id), source.id).toMatchObject({
        status: 'ok',
        items: baseline.get(source.id),
      });
      const stored = await store.observations({ source: source.id });
      expect(stored.length, `${source.id} observations`).toBeGreaterThan(0);
    }
  }

  async function expectFailed(summary: CollectSummary, source: SourceId, reason: RegExp) {
    expect(row(summary, source)).toMatchObject({ status: 'failed', items: 0 });
    expect(row(summary, source)?.error).toMatch(reason);
    const snapshot = await store.findSnapshot(source, DAY);
    expect(snapshot).toMatchObject({ status: 'failed', itemCount: 0 });
    expect(snapshot?.error).toMatch(reason);
    expect(await store.observations({ source })).toEqual([]);
    await expectOthersIntact(summary, source);
  }

  const sources = liveSources.map((s) => s.id);

  it.each(sources)('%s: HTTP 500 on every try → failed, others stored', async (source) => {
    const { summary } = await collectWith(store, { [source]: { kind: 'status', status: 500 } });
    await expectFailed(summary, source, /HTTP 500/);
  });

  it.each(sources)('%s: a hanging upstream → timed out, failed, others stored', async (source) => {
    const { summary } = await collectWith(store, { [source]: { kind: 'hang' } });
    await expectFailed(summary, source, /Timed out/);
  });

  it.each(sources.filter((s) => s !== 'github-trending'))(
    '%s: truncated body → failed with a clear reason',
    async (source) => {
      const { summary } = await collectWith(store, { [source]: { kind: 'truncate' } });
      await expectFailed(
        summary,
        source,
        /Invalid JSON|not well-formed|truncated|XML|unexpected|Unclosed|invalid/i,
      );
    },
  );

  it('github-trending: changed markup → every page with rows refused, loudly; others stored', async () => {
    const { summary } = await collectWith(store, { 'github-trending': { kind: 'changed-markup' } });
    // The Jupyter Notebook page is a genuine "nothing trending" page, so the run is partial, not failed.
    const trending = row(summary, 'github-trending');
    expect(trending).toMatchObject({ status: 'partial', items: 0 });
    expect(trending?.warnings.filter((w) => /markup/i.test(w))).toHaveLength(4);
    expect(await store.observations({ source: 'github-trending' })).toEqual([]);
    await expectOthersIntact(summary, 'github-trending');
  });

  const rateLimits: Array<[string, Record<string, string>, number]> = [
    ['Retry-After', { 'retry-after': '2' }, 2000],
    [
      'RateLimit (Hugging Face)',
      { ratelimit: '"api";r=0;t=9', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' },
      10_000,
    ],
    [
      'x-ratelimit-reset (GitHub)',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(EPOCH_NOW + 30) },
      31_000,
    ],
  ];

  for (const [style, headers, wait] of rateLimits) {
    it.each(sources)(`%s: one 429 with ${style} → waits as told, then ok`, async (source) => {
      const { summary, clock } = await collectWith(store, {
        [source]: { kind: 'status', status: 429, headers, times: 1 },
      });
      expect(row(summary, source)).toMatchObject({ status: 'ok', items: baseline.get(source) });
      expect(clock.slept).toContain(wait);
      await expectOthersIntact(summary, source);
    });
  }

  it('a replay missing one request fails that source, naming the request, even where the source would only warn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-partial-replay-'));
    const clock = fixedClock(NOW);
    const recorder = createRuntimeHttp({
      config,
      clock,
      log: memoryLogger(),
      transport: fakeUpstream(),
      recordDir: dir,
    });
    const scratch = createSqliteStore({ file: ':memory:' });
    await scratch.migrate();
    await collect({
      sources: liveSources,
      day: DAY,
      store: scratch,
      http: recorder,
      clock,
      log: memoryLogger(),
      config,
      authors: storeAuthorDirectory(scratch, clock),
    });
    await recorder.finish();
    await scratch.close();
    const [file] = readdirSync(dir).filter((name) => name.endsWith('.har'));
    const har = JSON.parse(readFileSync(join(dir, file as string), 'utf8'));
    // hf-models treats a failed /api/trending call as a warning; a replay without it must not pass as complete.
    har.log.entries = har.log.entries.filter(
      (entry: { request: { url: string } }) => !entry.request.url.includes('/api/trending'),
    );
    writeFileSync(join(dir, file as string), JSON.stringify(har));

    const log = memoryLogger();
    const http = createRuntimeHttp({ config, clock, log, replayDir: dir });
    const summary = await collect({
      sources: liveSources,
      day: DAY,
      store,
      http,
      clock,
      log,
      config,
      authors: storeAuthorDirectory(store, clock),
    });
    expect(row(summary, 'hf-models')).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('No recorded answer for GET https://huggingface.co/api/trending?'),
    });
    await expectOthersIntact(summary, 'hf-models');
  });

  it('a rate limit that resets in an hour is reported, not waited out', async () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(EPOCH_NOW + 3600) };
    const { summary, clock } = await collectWith(store, {
      'github-releases': { kind: 'status', status: 403, headers },
    });
    await expectFailed(summary, 'github-releases', /rate limited until 2026-08-22T07:00:0/);
    expect(clock.slept.every((ms) => ms < 60_000)).toBe(true);
  });
});
