/**
 * @module bench/search
 * Search latency on a year of history: 365 days of the generator's lists (2,000 trending models
 * a day, plus new models, datasets, Spaces, repositories and papers), every item given a name
 * of the kind the hubs carry (`Qwen/Qwen3-8B-Instruct-GGUF`, `bartowski/…`, paper titles), and
 * a year of stored editions (a generated month's newsroom editions, one per day). The median and
 * 95th percentile of store.search.query over a fixed set of queries a reader types (names,
 * authors, words from headlines, prefixes, misses, type filters, a second page), on SQLite, and
 * on Postgres when DATABASE_URL (or TEST_DATABASE_URL) points at one. Goal: under 50 ms.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { addDays } from '../src/core/history.js';
import type { CollectedItem, SourceId } from '../src/core/item.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import type { SearchQuery } from '../src/store/store.js';
import { buildMonthEditions } from '../src/testing/editions/month-editions.js';
import { createGenerator, type GeneratedDay } from '../src/testing/history/generator.js';
import { scratchDatabase } from '../src/testing/store/scratch-database.js';
import { newsroomWriter } from '../src/writers/newsroom/index.js';

const DAYS = 365;
const ITEMS_PER_DAY = 2_000;
const END_DAY = '2026-08-23';

// ---------------------------------------------------------------------------------------------
// Names as the hubs have them

const LABS = [
  'Qwen',
  'meta-llama',
  'deepseek-ai',
  'mistralai',
  'google',
  'microsoft',
  'nvidia',
  'ibm-granite',
];
const QUANTISERS = [
  'unsloth',
  'bartowski',
  'TheBloke',
  'mlx-community',
  'lmstudio-community',
  'QuantFactory',
];
const FAMILIES = [
  'Qwen3',
  'Qwen2.5',
  'Qwen2.5-VL',
  'Llama-3.1',
  'Llama-3.3',
  'Llama-4-Scout',
  'DeepSeek-R1',
  'DeepSeek-R1-Distill-Qwen',
  'DeepSeek-V3',
  'Mistral',
  'Mistral-Small-3.1',
  'Mixtral',
  'gemma-3',
  'Phi-4',
  'granite-3.3',
  'SmolLM3',
  'OLMo-2',
  'FLUX.1',
  'stable-diffusion-3.5',
  'whisper-large-v3',
  'bge-m3',
  'Kokoro',
];
const SIZES = ['0.5B', '1.5B', '3B', '7B', '8B', '14B', '32B', '70B', '235B-A22B', ''];
const SUFFIXES = [
  '',
  '-Instruct',
  '-it',
  '-GGUF',
  '-AWQ',
  '-bnb-4bit',
  '-MLX-4bit',
  '-abliterated',
  '-Base',
  '-FP8',
];
const USERS = Array.from(
  { length: 400 },
  (_, i) => `${['ai', 'ml', 'nlp', 'vision', 'dev'][i % 5]}-${['lab', 'hub', 'works', 'studio'][i % 4]}${i}`,
);
const TASKS = [
  'text-generation',
  'image-text-to-text',
  'text-to-image',
  'automatic-speech-recognition',
  'feature-extraction',
];
const TOPIC_WORDS = [
  'reasoning',
  'agents',
  'retrieval',
  'diffusion',
  'speech',
  'vision',
  'code',
  'math',
  'robotics',
  'medical',
];
const PAPER_ADJ = [
  'Scalable',
  'Efficient',
  'Robust',
  'Sparse',
  'Multimodal',
  'Self-Supervised',
  'Long-Context',
];
const PAPER_NOUN = [
  'Reasoning',
  'Alignment',
  'Attention',
  'Retrieval',
  'Distillation',
  'Tokenization',
  'Planning',
];
const PAPER_TAIL = [
  'in Large Language Models',
  'for Vision Transformers',
  'via Reinforcement Learning',
  'with Mixture-of-Experts',
  'for Speech Recognition',
  'at Test Time',
];
const REPOS = [
  'ggml-org/llama.cpp',
  'vllm-project/vllm',
  'huggingface/transformers',
  'ollama/ollama',
  'comfyanonymous/ComfyUI',
  'unslothai/unsloth',
  'pytorch/pytorch',
  'langchain-ai/langgraph',
];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
const named = new Map<
  string,
  { externalId: string; title: string; author: string; description?: string; summary?: string }
>();

/** A realistic, stable name for each generated item (the generator's are `model 1234`). */
function realName(kind: CollectedItem['kind'], id: string, n: number) {
  const key = `${kind}:${id}`;
  const found = named.get(key);
  if (found) return found;
  let name: { externalId: string; title: string; author: string; description?: string; summary?: string };
  if (kind === 'model') {
    const family = pick(FAMILIES, n * 7 + 3);
    const size = pick(SIZES, n * 3 + 1);
    const suffix = pick(SUFFIXES, n * 11 + 5);
    const author = n % 3 === 0 ? pick(QUANTISERS, n) : n % 3 === 1 ? pick(LABS, n) : pick(USERS, n);
    const externalId = `${author}/${family}${size ? `-${size}` : ''}${suffix}-${n.toString(36)}`;
    name = {
      externalId,
      title: externalId,
      author,
      description: `${pick(TASKS, n)} model tuned for ${pick(TOPIC_WORDS, n * 5)}`,
    };
  } else if (kind === 'paper') {
    const title = `${pick(PAPER_ADJ, n)} ${pick(PAPER_NOUN, n * 3)} ${pick(PAPER_TAIL, n * 7)}`;
    name = {
      externalId: `26${String(n % 12).padStart(2, '0')}.${String(n).padStart(5, '0')}`,
      title: `${title} (${n})`,
      author: pick(USERS, n),
      summary: `We study ${pick(PAPER_NOUN, n).toLowerCase()} for ${pick(TOPIC_WORDS, n)} and show that a simple recipe improves ${pick(FAMILIES, n)} by a wide margin on standard benchmarks.`,
    };
  } else if (kind === 'repository') {
    const i = n % 1000;
    const externalId =
      i < REPOS.length ? (REPOS[i] as string) : `${pick(USERS, n)}/${pick(TOPIC_WORDS, n)}-toolkit-${n}`;
    name = {
      externalId,
      title: externalId,
      author: externalId.split('/')[0] as string,
      description: `Fast ${pick(TOPIC_WORDS, n)} for ${pick(FAMILIES, n)}`,
    };
  } else {
    const author = pick(USERS, n * 13);
    const externalId = `${author}/${pick(TOPIC_WORDS, n)}-${kind}-${n}`;
    name = { externalId, title: externalId, author };
  }
  named.set(key, name);
  return name;
}

function snapshotsOf(day: GeneratedDay) {
  const items = new Map(day.items.map((item) => [item.id, item]));
  const bySource = new Map<string, CollectedItem[]>();
  for (const o of day.observations) {
    const item = items.get(o.itemId);
    if (!item) continue;
    const name = realName(item.kind, item.externalId, item.id);
    const list = bySource.get(o.source) ?? [];
    list.push({
      kind: item.kind,
      externalId: name.externalId,
      title: name.title,
      url: `https://example.test/${name.externalId}`,
      author: name.author,
      attributes: {
        ...item.attributes,
        ...(name.description ? { description: name.description } : {}),
        ...(name.summary ? { summary: name.summary } : {}),
      },
      list: o.list,
      ...(o.rank === null ? {} : { rank: o.rank }),
      metrics: o.metrics,
    });
    bySource.set(o.source, list);
  }
  return [...bySource].map(([source, collected]) => ({
    source: source as SourceId,
    day: day.day,
    takenAt: `${day.day}T06:00:00.000Z`,
    status: 'ok' as const,
    items: collected,
  }));
}

// ---------------------------------------------------------------------------------------------
// Queries

interface BenchQuery {
  kind: 'name' | 'author' | 'headline' | 'prefix' | 'miss' | 'filtered' | 'page 2';
  query: SearchQuery;
}

function queries(headlineWords: string[]): BenchQuery[] {
  const q = (kind: BenchQuery['kind'], text: string, extra: Partial<SearchQuery> = {}): BenchQuery => ({
    kind,
    query: { q: text, limit: 20, ...extra },
  });
  return [
    q('name', 'qwen3'),
    q('name', 'Qwen3-8B'),
    q('name', 'llama.cpp'),
    q('name', 'deepseek r1'),
    q('name', 'deepseek-ai/DeepSeek-R1'),
    q('name', 'flux'),
    q('name', 'whisper large'),
    q('name', 'gemma 3 it'),
    q('name', 'mistral small instruct'),
    q('name', 'gguf'),
    q('author', 'unsloth'),
    q('author', 'bartowski'),
    q('author', 'meta-llama'),
    q('author', 'nvidia'),
    ...headlineWords.map((word) => q('headline', word)),
    q('prefix', 'qw'),
    q('prefix', 'lla'),
    q('prefix', 'deeps'),
    q('prefix', 'mis'),
    q('prefix', 'reas'),
    q('miss', 'zzzqxv'),
    q('miss', 'quantum chromodynamics'),
    q('miss', 'nonexistentmodelname'),
    q('filtered', 'qwen', { types: ['model'] }),
    q('filtered', 'reasoning', { types: ['paper'] }),
    q('filtered', 'the', { types: ['edition'] }),
    q('filtered', 'unsloth', { types: ['author'] }),
    q('page 2', 'qwen', { cursor: '20' }),
    q('page 2', 'model', { cursor: '40' }),
  ];
}

// ---------------------------------------------------------------------------------------------

export interface SearchBenchResult {
  dialect: string;
  documents: number;
  editions: number;
  fillSeconds: number;
  databaseMb?: number;
  queries: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /**
   * CPU time of this process per query (median, p95): on SQLite the whole query runs here, so
   * this is what the query costs when the machine is not shared; wall time includes waiting.
   */
  cpuMedianMs: number;
  cpuP95Ms: number;
  /** The machine's 1-minute load average when measuring, and its CPUs. */
  load: number;
  cpus: number;
  byKind: { kind: string; medianMs: number; p95Ms: number; hits: number }[];
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;

export async function fill(store: KyselyStore): Promise<{ editions: number; headlineWords: string[] }> {
  const generator = createGenerator({
    days: DAYS,
    itemsPerDay: ITEMS_PER_DAY,
    extras: true,
    endDay: END_DAY,
  });
  for (let n = 1; n <= DAYS; n++) {
    for (const snapshot of snapshotsOf(generator.day(n))) await store.saveSnapshot(snapshot);
  }
  const month = await buildMonthEditions({ seed: 7, writer: newsroomWriter });
  const first = addDays(END_DAY, 1 - DAYS);
  for (let n = 0; n < DAYS; n++) {
    const date = addDays(first, n);
    const source = month.editions[n % month.editions.length];
    if (!source) break;
    const plan = { ...source.plan, date };
    const text = { ...source.text, date };
    await store.saveEdition(
      { date, plan, text, meta: { dataMode: 'live', dataDay: date, failedSources: [] } },
      `${date}T07:00:00.000Z`,
      {
        publish: true,
      },
    );
  }
  const words = new Map<string, number>();
  for (const edition of month.editions)
    for (const word of edition.text.headline.toLowerCase().match(/\p{L}{6,}/gu) ?? [])
      words.set(word, (words.get(word) ?? 0) + 1);
  const headlineWords = [...words.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 6)
    .map(([word]) => word);
  return { editions: DAYS, headlineWords };
}

export async function measure(
  dialect: string,
  store: KyselyStore,
  fillSeconds: number,
  filled: { editions: number; headlineWords: string[] },
  runs: number,
  file?: string,
): Promise<SearchBenchResult> {
  const set = queries(filled.headlineWords);
  const hits = new Map<string, number>();
  // One pass to warm caches and the JIT, as a server that has been answering would be.
  for (const { kind, query } of set) {
    const results = await store.search.query(query);
    hits.set(kind, (hits.get(kind) ?? 0) + results.hits.length);
  }
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  const cpuTimes: number[] = [];
  const load = loadavg()[0] ?? 0;
  for (let run = 0; run < runs; run++) {
    for (const { kind, query } of set) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      await store.search.query(query);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
      all.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    }
  }
  all.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const count = await store.db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return {
    dialect,
    documents: Number(count?.n ?? 0),
    editions: filled.editions,
    fillSeconds: Number(fillSeconds.toFixed(1)),
    ...(file ? { databaseMb: Math.round(statSync(file).size / 2 ** 20) } : {}),
    queries: set.length,
    runs,
    medianMs: quantile(all, 0.5),
    p95Ms: quantile(all, 0.95),
    maxMs: all.at(-1) ?? 0,
    cpuMedianMs: quantile(cpuTimes, 0.5),
    cpuP95Ms: quantile(cpuTimes, 0.95),
    load: Math.max(load, loadavg()[0] ?? 0),
    cpus: availableParallelism(),
    byKind: [...byKind].map(([kind, times]) => {
      times.sort((a, b) => a - b);
      return {
        kind,
        medianMs: quantile(times, 0.5),
        p95Ms: quantile(times, 0.95),
        hits: hits.get(kind) ?? 0,
      };
    }),
  };
}

/** Each dialect's result is handed to `onResult` as soon as it is measured (Postgres takes minutes to fill). */
export async function searchBenchmark(
  options: { runs?: number; onResult?: (result: SearchBenchResult) => void } = {},
): Promise<SearchBenchResult[]> {
  const runs = options.runs ?? Number(process.env.BENCH_SEARCH_RUNS ?? 20);
  const results: SearchBenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-search-'));
  const file = join(dir, 'search.db');
  const sqlite = createSqliteStore({ file });
  try {
    await sqlite.migrate();
    const started = performance.now();
    const filled = await fill(sqlite);
    const fillSeconds = (performance.now() - started) / 1000;
    await sqlite.search.reindex();
    results.push(await measure('sqlite (file, WAL)', sqlite, fillSeconds, filled, runs, file));
    options.onResult?.(results.at(-1) as SearchBenchResult);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((value) =>
    /^postgres(ql)?:\/\//.test(value ?? ''),
  );
  if (url) {
    const scratch = await scratchDatabase(url, 'search');
    const postgres = createPostgresStore({ connectionString: scratch.url, maxConnections: 2 });
    try {
      await postgres.migrate();
      const started = performance.now();
      const filled = await fill(postgres);
      const fillSeconds = (performance.now() - started) / 1000;
      // Fresh statistics, as autovacuum would have gathered over a year.
      await sql`analyze`.execute(postgres.db);
      results.push(await measure('postgres', postgres, fillSeconds, filled, runs));
      options.onResult?.(results.at(-1) as SearchBenchResult);
    } finally {
      await postgres.close();
      await scratch.drop();
    }
  }
  return results;
}

export function formatSearchResult(r: SearchBenchResult): string {
  const lines = [
    `${r.dialect}: ${r.documents.toLocaleString('en')} documents (${r.editions} editions), filled in ${r.fillSeconds} s${r.databaseMb === undefined ? '' : `, database ${r.databaseMb} MB`}`,
    `  ${r.queries} queries × ${r.runs} runs: median ${r.medianMs.toFixed(2)} ms, p95 ${r.p95Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms (goal < 50 ms)`,
    `  CPU of this process per query: median ${r.cpuMedianMs.toFixed(2)} ms, p95 ${r.cpuP95Ms.toFixed(2)} ms${r.dialect.startsWith('sqlite') ? ' (all of the work on SQLite)' : ' (the client only)'}; load average ${r.load.toFixed(1)} on ${r.cpus} CPUs while measuring`,
  ];
  for (const k of r.byKind)
    lines.push(
      `  ${k.kind.padEnd(10)} median ${k.medianMs.toFixed(2).padStart(6)} ms  p95 ${k.p95Ms.toFixed(2).padStart(6)} ms  (${k.hits} hits on the first pass)`,
    );
  return lines.join('\n');
}

/** Measures and prints each dialect as it finishes. */
export async function printSearchBench(
  print: (line: string) => void = console.log,
): Promise<SearchBenchResult[]> {
  const results = await searchBenchmark({ onResult: (result) => print(formatSearchResult(result)) });
  if (results.length === 1)
    print('postgres: skipped (set DATABASE_URL or TEST_DATABASE_URL to postgres://…)');
  return results;
}
