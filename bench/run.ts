/**
 * @module bench/run
 * `npm run bench`: measurements, not tests. Prints results; asserts nothing.
 */
import { hasSharedFixtures, SHARED_MISSING_REASON } from '../src/testing/sources/fixtures.js';
import { replayBenchmark } from './collection-replay.js';
import { emailBenchmark, formatEmailBench } from './email.js';
import { planBenchmark } from './plan-history.js';
import { monthProseBenchmark } from './prose.js';
import { formatQueueBench, queueBenchmark } from './queue.js';
import { printSearchBench } from './search.js';
import { benchmarkServe, formatServeBench } from './serve.js';
import { publishedBenchSite, siteBenchmarks } from './site.js';
import { storeBenchmarks } from './store-throughput.js';
import { formatSubjectBench, subjectPagesBenchmark } from './subject-pages.js';
import { formatSubscribeTiming, subscribeTimingBenchmark } from './subscribe-timing.js';
import { writerBenchmarks } from './writers.js';

const pct = (share: number | null) => (share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`);

async function main(): Promise<void> {
  console.log('# The AI Morning Post benchmarks\n');
  if (hasSharedFixtures) {
    const replay = await replayBenchmark(150);
    console.log('## Full collection, replayed with 150 ms latency per request');
    console.log(`wall time            ${replay.wallMs} ms`);
    console.log(`requests             ${replay.requests}`);
    console.log(`sum of latencies     ${replay.sumLatencyMs} ms`);
    console.log(`wall / sum           ${replay.ratio} (1 = sequential; lower = requests overlapped)`);
    console.log(`items stored         ${replay.items}`);
    console.log(`sources              ${replay.statuses}\n`);
  } else {
    console.log(`collection replay: skipped (${SHARED_MISSING_REASON})\n`);
  }
  const writers = await writerBenchmarks();
  console.log('## Writers (seed-scenario plan)');
  console.log(`newsroom, median per edition   ${writers.newsroomMs.toFixed(2)} ms (goal < 50 ms)`);
  console.log(
    `fact-check per 1,000 words     ${writers.factCheckMsPer1000Words.toFixed(2)} ms (edition of ${writers.words} words)\n`,
  );

  const month = await monthProseBenchmark();
  console.log('## Prose statistics of a generated month (seed 7, newsroom, editions 8–30 measured)');
  console.log(`editions built                 ${month.editions} in ${(month.buildMs / 1000).toFixed(1)} s`);
  console.log(`newsroom, median per edition   ${month.writeMedianMs.toFixed(2)} ms (goal < 50 ms)`);
  console.log(
    `verbatim in previous 7, mean   ${pct(month.summary.meanVerbatimShare)} (worst ${pct(month.summary.worstVerbatim?.share ?? null)}; goal ≤ 5%)`,
  );
  console.log(
    `same template, mean            ${pct(month.summary.meanTemplateShare)} (worst ${pct(month.summary.worstTemplate?.share ?? null)}; goal ≤ 40%)`,
  );
  console.log(`repeats inside an edition      ${month.summary.repeatsInside} (goal 0)`);
  console.log(`stats run over the month       ${month.statsMs.toFixed(1)} ms`);
  for (const repeated of month.summary.mostRepeated.slice(0, 5))
    console.log(`  ${String(repeated.editions).padStart(2)}× ${repeated.text}`);
  console.log('');

  console.log('## Web edition: render time and page weight');
  console.log(
    'edition                              page (ms)  site (ms)  files  HTML gz (kB)  CSS gz (kB)  total gz (kB)',
  );
  for (const r of await siteBenchmarks()) {
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    console.log(
      `${r.name.padEnd(36)} ${r.pageMedianMs.toFixed(2).padStart(9)}  ${r.siteMedianMs.toFixed(1).padStart(9)}  ${String(r.siteFiles).padStart(5)}  ${kb(r.htmlGzipBytes).padStart(12)}  ${kb(r.cssGzipBytes).padStart(11)}  ${kb(r.htmlGzipBytes + r.cssGzipBytes).padStart(13)}`,
    );
  }
  console.log('goals: a full edition renders in under 100 ms; HTML + CSS under 60 kB gzip\n');

  console.log(
    '## Serving the edition page: morning-post serve vs bare node:http and nginx (wrk, same machine, same run)',
  );
  const seconds = Number(process.env.BENCH_SERVE_SECONDS ?? 10);
  console.log(
    formatServeBench(await benchmarkServe({ siteDir: await publishedBenchSite(), page: '/', seconds })),
  );
  console.log('');

  const count = Number(process.env.BENCH_EMAIL_COUNT ?? 10_000);
  console.log(
    `## Email: one edition to ${count.toLocaleString('en')} subscribers through a local SMTP server`,
  );
  console.log(formatEmailBench(await emailBenchmark(count)));
  console.log('');

  console.log('## Planning from stored history (2,000 trending models a day, SQLite)');
  console.log('days  observations  fill (s)  plan (ms)  peak RSS (MB)');
  const only = process.env.BENCH_PLAN_DAYS?.split(',').map(Number);
  for (const days of only ?? [30, 90, 365]) {
    const result = await planBenchmark(days);
    console.log(
      `${String(result.days).padStart(4)}  ${String(result.observations).padStart(12)}  ${String(result.fillSeconds).padStart(8)}  ${String(result.planMs).padStart(9)}  ${String(result.peakRssMb).padStart(13)}`,
    );
  }
  console.log('');
  console.log(
    '## Search: store.search.query on a year of history (2,000 trending models a day and the other lists, 365 editions)',
  );
  await printSearchBench();
  console.log('');
  console.log('## Subject pages: a year of history, 2,000 trending models a day, one edition a day (SQLite)');
  console.log(formatSubjectBench(await subjectPagesBenchmark(Number(process.env.BENCH_SUBJECT_DAYS ?? 365))));
  console.log('');
  console.log(
    '## Subscribe: answer time for a new, a pending and a confirmed address (server + SQLite file)',
  );
  console.log(formatSubscribeTiming(await subscribeTimingBenchmark(300, 0)));
  console.log(formatSubscribeTiming(await subscribeTimingBenchmark(300, 50)));
  console.log('');
  console.log('## Store: observations');
  for (const result of await storeBenchmarks()) {
    console.log(
      `${result.dialect.padEnd(20)} insert ${String(result.insertRowsPerSecond).padStart(8)} rows/s   read ${String(result.readRowsPerSecond).padStart(8)} rows/s   (${result.rows} rows)`,
    );
  }
  console.log('');
  console.log(
    '## Email through the job queue (Postgres, pg-boss): 1, 2 and 4 worker processes vs plain pooled nodemailer; enqueueing 1,000,000 subscribers',
  );
  console.log(formatQueueBench(await queueBenchmark()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
