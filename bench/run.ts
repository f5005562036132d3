/**
 * @module bench/run
 * `npm run bench`: measurements, not tests. Prints results; asserts nothing.
 */
import { hasSharedFixtures, SHARED_MISSING_REASON } from '../src/testing/sources.js';
import { replayBenchmark } from './collection-replay.js';
import { storeBenchmarks } from './store-throughput.js';

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
  console.log('## Store: observations');
  for (const result of await storeBenchmarks()) {
    console.log(
      `${result.dialect.padEnd(20)} insert ${String(result.insertRowsPerSecond).padStart(8)} rows/s   read ${String(result.readRowsPerSecond).padStart(8)} rows/s   (${result.rows} rows)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
