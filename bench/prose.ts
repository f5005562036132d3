/**
 * @module bench/prose
 * The prose statistics (`proseReport`) over given editions: how long a stats run takes and what
 * it finds. The editions come from the caller (e.g. 30 generated editions), so the number is
 * comparable across runs of the same input.
 */
import { buildMonthEditions } from '../src/testing/editions/month-editions.js';
import { newsroomWriter } from '../src/writers/newsroom/index.js';
import { type ProseEdition, type ProseSummary, proseReport } from '../src/writers/prose/stats.js';
import type { Writer } from '../src/writers/writer.js';

export interface ProseStatsBench {
  /** Median wall time of one run over all the editions (ms). */
  ms: number;
  editions: number;
  summary: ProseSummary;
}

export function proseStatsBenchmark(
  editions: readonly ProseEdition[],
  options: { runs?: number; window?: number } = {},
): ProseStatsBench {
  const runs = Math.max(1, options.runs ?? 5);
  const window = options.window === undefined ? {} : { window: options.window };
  // One run to warm up the JIT; the result is the same every run.
  const { summary } = proseReport(editions, window);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    proseReport(editions, window);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, editions: editions.length, summary };
}

export interface MonthProseBench extends ProseStatsBench {
  /** Building the month: import, then plan → write → save for every day. */
  buildMs: number;
  /** Median time of the newsroom writer alone, per edition. */
  writeMedianMs: number;
  statsMs: number;
}

/** The generated month (seed 7) built through the store with the newsroom, then its statistics. */
export async function monthProseBenchmark(seed = 7): Promise<MonthProseBench> {
  const times: number[] = [];
  const timed: Writer = {
    name: newsroomWriter.name,
    write: async (plan) => {
      const start = performance.now();
      const text = await newsroomWriter.write(plan);
      times.push(performance.now() - start);
      return text;
    },
  };
  const started = performance.now();
  const { editions } = await buildMonthEditions({ seed, writer: timed });
  const buildMs = performance.now() - started;
  times.sort((a, b) => a - b);
  const stats = proseStatsBenchmark(editions);
  return { ...stats, buildMs, writeMedianMs: times[Math.floor(times.length / 2)] ?? 0, statsMs: stats.ms };
}
