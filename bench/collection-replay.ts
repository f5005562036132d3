/**
 * @module bench/collection-replay
 * A full collection (every live source) recorded against the synthetic upstream, then replayed
 * with a fixed latency per request: wall time against the sum of request latencies shows how
 * much the per-host concurrency overlaps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema } from '../src/config/schema.js';
import { systemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { collect } from '../src/pipeline/collect.js';
import { createRuntimeHttp } from '../src/pipeline/runtime.js';
import { liveSources } from '../src/sources/registry.js';
import { storeAuthorDirectory } from '../src/store/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { syntheticUpstream } from './synthetic-upstream.js';

export interface ReplayResult {
  latencyMs: number;
  wallMs: number;
  requests: number;
  sumLatencyMs: number;
  /** Wall time divided by the sum of request latencies: 1 = fully sequential, lower = overlapped. */
  ratio: number;
  items: number;
  statuses: string;
}

async function runOnce(dir: string, options: { recordDir?: string; replayDir?: string; latencyMs?: number }) {
  const config = ConfigSchema.parse({ dataDir: dir, http: { cacheDir: 'off' } });
  const store = createSqliteStore({ file: join(dir, 'bench.db') });
  await store.migrate();
  const http = createRuntimeHttp({
    config,
    clock: systemClock,
    log: silentLogger,
    ...(options.replayDir
      ? { replayDir: options.replayDir, replayLatencyMs: options.latencyMs ?? 0 }
      : { transport: syntheticUpstream }),
    ...(options.recordDir ? { recordDir: options.recordDir } : {}),
  });
  const started = performance.now();
  const summary = await collect({
    sources: liveSources,
    day: '2026-08-22',
    store,
    http,
    clock: systemClock,
    log: silentLogger,
    config,
    authors: storeAuthorDirectory(store, systemClock),
  });
  const wallMs = performance.now() - started;
  await http.finish();
  await store.close();
  return { summary, wallMs, stats: http.stats() };
}

export async function replayBenchmark(latencyMs = 150): Promise<ReplayResult> {
  const root = mkdtempSync(join(tmpdir(), 'mp-bench-replay-'));
  try {
    const recordDir = join(root, 'recording');
    const recorded = await runOnce(join(root, 'record'), { recordDir });
    const failed = recorded.summary.rows.filter((row) => row.status === 'failed');
    if (failed.length > 0)
      throw new Error(`recording failed for ${failed.map((r) => `${r.source}: ${r.error}`).join('; ')}`);
    const replayed = await runOnce(join(root, 'replay'), { replayDir: recordDir, latencyMs });
    return {
      latencyMs,
      wallMs: Math.round(replayed.wallMs),
      requests: replayed.stats.requests,
      sumLatencyMs: Math.round(replayed.stats.totalLatencyMs),
      ratio: Number((replayed.wallMs / replayed.stats.totalLatencyMs).toFixed(3)),
      items: replayed.summary.rows.reduce((sum, row) => sum + row.items, 0),
      statuses: replayed.summary.rows
        .map((row) => `${row.source}: ${row.status}, ${row.requests} requests, ${row.items} items`)
        .join('\n                     '),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
