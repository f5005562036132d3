/**
 * @module bench/store-throughput
 * Observation insert and read throughput (rows/s) on SQLite and, when DATABASE_URL points at one,
 * on Postgres.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectedItem } from '../src/core/item.js';
import type { Store } from '../src/store/store.js';

const DAYS = 10;
const ITEMS_PER_DAY = 2_000;

function syntheticItems(day: number): CollectedItem[] {
  return Array.from({ length: ITEMS_PER_DAY }, (_, i) => ({
    kind: 'model' as const,
    externalId: `bench-author-${i % 300}/model-${i}`,
    title: `bench-author-${i % 300}/model-${i}`,
    url: `https://huggingface.co/bench-author-${i % 300}/model-${i}`,
    author: `bench-author-${i % 300}`,
    attributes: {
      pipelineTag: 'text-generation',
      tags: ['transformers', 'safetensors'],
      parameters: 494_000_000 + i,
    },
    list: 'trending',
    rank: i + 1,
    metrics: { likes: i * 3 + day, downloads: i * 1000 + day * 17, trendingScore: ITEMS_PER_DAY - i },
  }));
}

export interface ThroughputResult {
  dialect: string;
  rows: number;
  insertRowsPerSecond: number;
  readRowsPerSecond: number;
}

export async function measureStore(
  name: string,
  open: () => Store | Promise<Store>,
): Promise<ThroughputResult> {
  const store = await open();
  try {
    await store.migrate();
    const batches = Array.from({ length: DAYS }, (_, day) => syntheticItems(day));
    const insertStart = performance.now();
    for (const [index, items] of batches.entries()) {
      const day = `2026-08-${String(index + 1).padStart(2, '0')}`;
      await store.saveSnapshot({
        source: 'hf-models',
        day,
        takenAt: `${day}T06:00:00.000Z`,
        status: 'ok',
        items,
      });
    }
    const insertSeconds = (performance.now() - insertStart) / 1000;
    const readStart = performance.now();
    const rows = await store.observations({ source: 'hf-models' });
    const readSeconds = (performance.now() - readStart) / 1000;
    return {
      dialect: name,
      rows: rows.length,
      insertRowsPerSecond: Math.round((DAYS * ITEMS_PER_DAY) / insertSeconds),
      readRowsPerSecond: Math.round(rows.length / readSeconds),
    };
  } finally {
    await store.close();
  }
}

export async function storeBenchmarks(): Promise<ThroughputResult[]> {
  const results: ThroughputResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-store-'));
  const { createSqliteStore } = await import('../src/store/sqlite/index.js');
  results.push(
    await measureStore('sqlite (file, WAL)', () => createSqliteStore({ file: join(dir, 'bench.db') })),
  );
  rmSync(dir, { recursive: true, force: true });

  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:/.test(url)) {
    const { createPostgresStore } = await import('../src/store/postgres/index.js');
    const schema = `mp_bench_${process.pid}`;
    const store = () => createPostgresStore({ connectionString: url, schema });
    results.push(await measureStore('postgres', store));
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  } else {
    console.log('postgres: skipped (set DATABASE_URL=postgres://… to measure it)');
  }
  return results;
}
