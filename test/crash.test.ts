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
import { REPO_ROOT } from '../src/testing/sources.js';
import { fakeUpstream } from '../src/testing/upstream.js';

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

/** How many different runs the stored snapshots come from (their taken_at seconds differ). */
function snapshotRuns(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const takenAt = db.prepare('select taken_at from snapshots').all() as Array<{ taken_at: string }>;
    return new Set(takenAt.map((row) => row.taken_at.slice(0, 19))).size;
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('SIGKILL at random moments never leaves a half-written snapshot', { timeout: 120_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'mp-crash-'));
    const recording = join(home, 'recording');
    await makeRecording(recording);
    const dbFile = join(home, 'data', 'morning-post.db');

    const delays = [400, 800, 1000, 1200, 1400, 1600, 1900, 2300, 2800, 3500];
    const runsSeen: number[] = [];
    for (const delay of delays) {
      const child = startCollect(home, recording, ['--force']);
      const done = exited(child);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await done;
      if (!existsSync(dbFile)) continue; // killed before the store was created
      expect(inconsistencies(dbFile), `after a kill at ${delay} ms`).toEqual([]);
      runsSeen.push(snapshotRuns(dbFile));
    }

    // At least one kill landed mid-collection: the day's snapshots then come from different runs.
    expect(
      runsSeen.some((runs) => runs > 1),
      `distinct runs per kill: ${runsSeen.join(',')}`,
    ).toBe(true);

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
