/**
 * A collection killed at any moment (SIGKILL, no chance to clean up) leaves no half snapshot:
 * every stored snapshot has exactly the observations it claims, and the next run completes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/schema.js';
import { fixedClock } from '../src/core/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { collect } from '../src/pipeline/collect.js';
import { createRuntimeHttp } from '../src/pipeline/runtime.js';
import { liveSources } from '../src/sources/registry.js';
import { storeAuthorDirectory } from '../src/store/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { REPO_ROOT } from '../src/testing/sources/fixtures.js';
import { fakeUpstream } from '../src/testing/sources/upstream.js';

const DAY = '2026-08-22';
const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Records a full collection against the project's fake upstream, as `--record` would. */
async function makeRecording(dir: string): Promise<void> {
  const config = ConfigSchema.parse({ http: { cacheDir: 'off' } });
  const clock = fixedClock(`${DAY}T06:00:00Z`);
  const store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
  const http = createRuntimeHttp({
    config,
    clock,
    log: silentLogger,
    transport: fakeUpstream(),
    recordDir: dir,
  });
  await collect({
    sources: liveSources,
    day: DAY,
    store,
    http,
    clock,
    log: silentLogger,
    config,
    authors: storeAuthorDirectory(store, clock),
  });
  await http.finish();
  await store.close();
}

function startCollect(home: string, recording: string, extra: string[] = []): ChildProcess {
  const args = [
    '--import',
    TSX_LOADER,
    join(REPO_ROOT, 'src/cli/main.ts'),
    'collect',
    '--date',
    DAY,
    '--replay',
    recording,
    '--replay-latency',
    '100',
    ...extra,
  ];
  return spawn(process.execPath, args, {
    cwd: home,
    env: {
      PATH: process.env.PATH ?? '',
      MORNING_POST_DATA_DIR: join(home, 'data'),
      MORNING_POST_HTTP_CACHE_DIR: 'off',
    },
    stdio: 'ignore',
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

function inconsistencies(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `select s.source, s.status, s.item_count as claimed, count(o.item_id) as actual
           from snapshots s left join observations o on o.snapshot_id = s.id group by s.id`,
      )
      .all() as Array<{ source: string; status: string; claimed: number; actual: number }>;
    return rows
      .filter((r) => r.claimed !== r.actual)
      .map((r) => `${r.source}: claims ${r.claimed}, has ${r.actual}`);
  } finally {
    db.close();
  }
}

/** Polls until the run that started at `since` has saved some snapshots but not all of them. */
async function waitForPartialRun(file: string, since: string, total: number): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      const db = new Database(file, { readonly: true, timeout: 1000 });
      try {
        const row = db.prepare('select count(*) as n from snapshots where taken_at >= ?').get(since) as {
          n: number;
        };
        if (row.n > 0 && row.n < total) return true;
        if (row.n >= total) return false;
      } catch {
        // the schema may not exist yet
      } finally {
        db.close();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

describe('crash safety', () => {
  it('SIGKILL at random moments never leaves a half-written snapshot', { timeout: 120_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'mp-crash-'));
    const recording = join(home, 'recording');
    await makeRecording(recording);
    const dbFile = join(home, 'data', 'morning-post.db');

    // Half the kills land at fixed moments; the other half wait until this run has stored some
    // snapshots but not all, so at least some kills fall mid-collection on any machine.
    const delays = [300, 900, 1500, 2100, 2700];
    let midway = 0;
    for (let round = 0; round < 10; round += 1) {
      const started = new Date().toISOString();
      const child = startCollect(home, recording, ['--force']);
      const done = exited(child);
      if (round % 2 === 0) await new Promise((resolve) => setTimeout(resolve, delays[round / 2]));
      else if (await waitForPartialRun(dbFile, started, liveSources.length)) midway += 1;
      child.kill('SIGKILL');
      await done;
      if (!existsSync(dbFile)) continue; // killed before the store was created
      expect(inconsistencies(dbFile), `after kill ${round}`).toEqual([]);
    }
    expect(midway, 'kills that landed mid-collection').toBeGreaterThan(0);

    const finalRun = startCollect(home, recording);
    expect(await exited(finalRun)).toBe(0);
    expect(inconsistencies(dbFile)).toEqual([]);
    const db = new Database(dbFile, { readonly: true });
    const statuses = db.prepare('select source, status from snapshots order by source').all() as Array<{
      source: string;
      status: string;
    }>;
    db.close();
    expect(statuses.map((s) => s.source).sort()).toEqual(liveSources.map((s) => s.id).sort());
    expect(statuses.every((s) => s.status === 'ok')).toBe(true);
  });
});
