/**
 * @module cli/commands/collect
 * `morning-post collect`: fetch every source once and store the day's snapshots.
 */
import type { Command } from 'commander';
import { dayIn } from '../../core/clock.js';
import { MorningPostError } from '../../core/errors.js';
import { collect } from '../../pipeline/collect.js';
import { createRuntimeHttp } from '../../pipeline/runtime.js';
import { resolveSources } from '../../sources/registry.js';
import { openStore, storeAuthorDirectory } from '../../store/index.js';
import { commandContext, type GlobalOptions } from '../context.js';
import { createProgress } from '../progress.js';
import { renderTable, shortenUrls } from '../table.js';
import { parseDay, parseMilliseconds, splitList } from '../values.js';

interface CollectFlags {
  sources?: string;
  date?: string;
  record?: string;
  replay?: string;
  replayLatency?: string;
  json?: boolean;
  force?: boolean;
}

export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description("collect today's trending data from every source into the store")
    .option('--sources <list>', 'comma-separated source ids (default: all live sources)')
    .option('--date <YYYY-MM-DD>', 'the day the snapshots belong to (default: today, UTC)')
    .option('--record <dir>', 'save every HTTP exchange as HAR 1.2 into this folder')
    .option('--replay <dir>', 'answer every request from HAR files in this folder (no network)')
    .option(
      '--replay-latency <ms>',
      'with --replay: wait this long before each answer, as a slow network would',
    )
    .option('--force', "re-collect sources that already have today's snapshot")
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (flags: CollectFlags, command: Command) => {
      process.exitCode = await runCollect(flags, command.optsWithGlobals<GlobalOptions>());
    });
}

async function runCollect(flags: CollectFlags, globals: GlobalOptions): Promise<number> {
  const context = commandContext({ ...globals, quiet: globals.quiet ?? flags.json });
  const { config, clock, log } = context;
  const sources = resolveSources(flags.sources ? splitList(flags.sources) : config.sources);
  const today = dayIn(clock.now(), config.edition.timeZone);
  const day = flags.date ? parseDay(flags.date) : today;
  if (day !== today && !flags.replay && !sources.every((source) => source.servesAnyDay)) {
    // Live upstream only knows today's lists: filing them under another day would falsify history.
    throw new MorningPostError(
      'CONFIG_INVALID',
      `--date ${day} is not today (${today}) and upstream only serves today's data.`,
      {
        hint: 'Use --date with --replay DIR to rebuild a past day from its recording, or `morning-post import` for a bundle.',
      },
    );
  }
  const http = createRuntimeHttp({
    config,
    clock,
    log,
    ...(flags.record ? { recordDir: flags.record } : {}),
    ...(flags.replay ? { replayDir: flags.replay } : {}),
    ...(flags.replayLatency ? { replayLatencyMs: parseMilliseconds(flags.replayLatency) } : {}),
  });
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const progress = flags.json
    ? undefined
    : createProgress(
        process.stderr,
        sources.map((source) => source.id),
      );
  context.holdLogs(Boolean(progress && process.stderr.isTTY));
  try {
    await store.migrate();
    const summary = await collect({
      sources,
      day,
      store,
      http,
      clock,
      log,
      config,
      authors: storeAuthorDirectory(store, clock),
      force: Boolean(flags.force),
      onEvent: (event) => progress?.onEvent(event),
    });
    await http.finish();
    progress?.stop();
    context.holdLogs(false);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...summary, http: http.stats() }, null, 2)}\n`);
    } else {
      const rows = summary.rows.map((row) => [
        row.source,
        row.status,
        String(row.items),
        String(row.newItems),
        String(row.dropped),
        String(row.requests),
        `${(row.durationMs / 1000).toFixed(1)}s`,
      ]);
      process.stdout.write(
        `\nCollected ${day}\n${renderTable(['source', 'status', 'items', 'new', 'dropped', 'requests', 'time'], rows)}\n`,
      );
      for (const row of summary.rows.filter((r) => r.error))
        process.stdout.write(`  ${row.source}: ${shortenUrls(row.error ?? '')}\n`);
    }
    if (!summary.succeeded) {
      throw new MorningPostError('NO_SOURCE_SUCCEEDED', `No source succeeded for ${day}.`, {
        hint: 'Check the network (or use --replay DIR); each failure is listed above.',
      });
    }
    return 0;
  } finally {
    progress?.stop();
    context.holdLogs(false);
    await store.close();
  }
}
