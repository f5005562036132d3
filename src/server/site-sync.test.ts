import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteSettingsSchema } from '../config/schema.js';
import { silentLogger } from '../lib/logger.js';
import type { EditionsVersion } from '../store/store.js';
import { SiteSync, STAMP_FILE } from './site-sync.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function version(date: string, number: number, changedAt: string): EditionsVersion {
  return { newest: { date, number, status: 'published', publishedAt: changedAt }, count: number, changedAt };
}

/** A store whose version the test sets, and a publish that writes the newest edition's pages. */
function world(dir = mkdtempSync(join(tmpdir(), 'mp-site-sync-'))) {
  folders.push(dir);
  const state = { version: { count: 0, changedAt: null } as EditionsVersion, publishes: 0, fail: false };
  const make = (intervalMs = 0, renderKey?: string) =>
    new SiteSync({
      store: { editionsVersion: async () => state.version },
      site: SiteSettingsSchema.parse({ dir }),
      log: silentLogger,
      intervalMs,
      ...(renderKey ? { renderKey } : {}),
      publish: async () => {
        if (state.fail) throw new Error('disk full');
        state.publishes++;
        const date = state.version.newest?.date;
        writeFileSync(join(dir, 'index.html'), `front page of ${date ?? 'nothing'}`);
        if (date) {
          mkdirSync(join(dir, 'editions', date), { recursive: true });
          writeFileSync(join(dir, 'editions', date, 'index.html'), date);
        }
      },
    });
  return { dir, state, make };
}

describe('SiteSync', () => {
  it('publishes again a folder built for other pages (without the search form), once', async () => {
    const { dir, state, make } = world();
    state.version = version('2026-08-23', 2, '2026-08-23T06:00:00.000Z');
    // Built by `edition` (no stamp) or by a serve without search: not adopted by one with it.
    expect(await make().check()).toBe('published');
    const searching = make(0, 'search');
    expect(await searching.check()).toBe('published');
    expect(JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')).renderKey).toBe('search');
    expect(await searching.check()).toBe('current');
    // A restart with the same pages keeps the folder; one without the form publishes it again.
    expect(await make(0, 'search').check()).toBe('current');
    expect(await make().check()).toBe('published');
    expect(state.publishes).toBe(3);
  });

  it('publishes a missing folder, then only when the store moves on', async () => {
    const { dir, state, make } = world();
    const sync = make();
    expect(await sync.check()).toBe('published');
    expect(sync.served()).toBeUndefined();
    expect(await sync.check()).toBe('current');

    state.version = version('2026-08-22', 1, '2026-08-22T06:00:00.000Z');
    expect(await sync.check()).toBe('published');
    expect(sync.served()).toEqual({
      date: '2026-08-22',
      number: 1,
      status: 'published',
      editions: 1,
      changedAt: '2026-08-22T06:00:00.000Z',
    });
    expect(await sync.check()).toBe('current');
    expect(await sync.check()).toBe('current');
    expect(state.publishes).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')).version).toEqual(state.version);

    // A forced rebuild of the same day changes only the time: published again, once.
    state.version = version('2026-08-22', 1, '2026-08-22T07:00:00.000Z');
    expect(await sync.check()).toBe('published');
    expect(await sync.check()).toBe('current');
    expect(state.publishes).toBe(3);
  });

  it('lets a second instance on the same folder adopt what the first published, and remembers it across restarts', async () => {
    const { dir, state, make } = world();
    const first = make();
    const second = make();
    state.version = version('2026-08-23', 2, '2026-08-23T06:00:00.000Z');
    expect(await first.check()).toBe('published');
    expect(await second.check()).toBe('adopted');
    expect(second.served()?.date).toBe('2026-08-23');
    expect(state.publishes).toBe(1);
    // A restarted instance reads the stamp: it reports the edition at once and publishes nothing.
    const restarted = make();
    expect(restarted.served()?.number).toBe(2);
    expect(await restarted.check()).toBe('current');
    expect(state.publishes).toBe(1);
    expect(existsSync(join(dir, 'editions', '2026-08-23', 'index.html'))).toBe(true);
  });

  it('joins a check already running instead of publishing twice', async () => {
    const { state, make } = world();
    state.version = version('2026-08-22', 1, '2026-08-22T06:00:00.000Z');
    const sync = make();
    expect(await Promise.all([sync.check(), sync.check(), sync.check()])).toEqual([
      'published',
      'published',
      'published',
    ]);
    expect(state.publishes).toBe(1);
  });

  it('keeps a folder built some other way while the store has no edition', async () => {
    const { dir, state, make } = world();
    writeFileSync(join(dir, 'index.html'), 'hand-made');
    expect(await make().check()).toBe('skipped');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('hand-made');
    expect(state.publishes).toBe(0);
  });

  it('adopts an unstamped folder that already holds the newest edition', async () => {
    const { dir, state, make } = world();
    mkdirSync(join(dir, 'editions', '2026-08-22'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), 'published by morning-post edition');
    writeFileSync(join(dir, 'editions', '2026-08-22', 'index.html'), 'page');
    state.version = version('2026-08-22', 1, '2026-08-22T06:00:00.000Z');
    expect(await make().check()).toBe('adopted');
    expect(state.publishes).toBe(0);
    // The next edition is published.
    state.version = version('2026-08-23', 2, '2026-08-23T06:00:00.000Z');
    expect(await make().check()).toBe('published');
  });

  it('reports a failed publish, keeps serving what it has, and publishes once the cause is gone', async () => {
    const { state, make } = world();
    state.version = version('2026-08-22', 1, '2026-08-22T06:00:00.000Z');
    const sync = make();
    await sync.check();
    state.version = version('2026-08-23', 2, '2026-08-23T06:00:00.000Z');
    state.fail = true;
    expect(await sync.check()).toBe('failed');
    expect(sync.served()?.date).toBe('2026-08-22');
    state.fail = false;
    expect(await sync.check()).toBe('published');
    expect(sync.served()?.date).toBe('2026-08-23');
  });

  it('polls on its own after start, and stops', async () => {
    const { state, make } = world();
    const sync = make(20);
    await sync.start();
    state.version = version('2026-08-22', 1, '2026-08-22T06:00:00.000Z');
    const deadline = Date.now() + 10_000;
    while (sync.served()?.date !== '2026-08-22' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sync.served()?.date).toBe('2026-08-22');
    await sync.stop();
    const publishes = state.publishes;
    state.version = version('2026-08-23', 2, '2026-08-23T06:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(state.publishes).toBe(publishes);
  });
});
