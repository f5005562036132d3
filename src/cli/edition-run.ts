/**
 * @module cli/edition-run
 * What `morning-post edition` and `npm start` share: collect (unless offline), build the day's
 * edition, publish the site, and say plainly where the data came from.
 */
import { dayIn } from '../core/clock.js';
import type { DataMode } from '../core/edition.js';
import { MorningPostError } from '../core/errors.js';
import { dayCollector } from '../pipeline/collect.js';
import { loadEditions, runEdition } from '../pipeline/edition.js';
import { type PublishResult, publishSite } from '../pipeline/publish.js';
import { readSampleDay } from '../pipeline/sample.js';
import { resolveSources } from '../sources/registry.js';
import { openStore } from '../store/index.js';
import { type commandContext, writerFor } from './context.js';
import { collectionSummary, createProgress } from './progress.js';
import { parseDay } from './values.js';

export interface EditionFlags {
  date?: string;
  offline?: boolean;
  replay?: string;
  record?: string;
  writer?: string;
  force?: boolean;
  draft?: boolean;
  site?: string;
}

/** Exit status when an edition was built, but not from today's data (the message says why). */
export const EXIT_NOT_LIVE = 3;

export interface EditionOutcome {
  exitCode: number;
  dataMode: DataMode;
  published: PublishResult;
}

export async function buildEditionAndSite(
  flags: EditionFlags,
  context: ReturnType<typeof commandContext>,
): Promise<EditionOutcome> {
  const { config, clock, log } = context;
  const site = { ...config.site, ...(flags.site ? { dir: flags.site } : {}) };
  const today = dayIn(clock.now(), config.edition.timeZone);
  const date = flags.date ? parseDay(flags.date) : undefined;
  if (date && date !== today && !flags.offline && !flags.replay) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `--date ${date} is not today (${today}); upstream only serves today's data.`,
      {
        hint: `Rebuild a past day from its stored snapshots with --offline --date ${date}.`,
      },
    );
  }
  const writer = writerFor(config, flags.writer);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    const progress = createProgress(
      process.stderr,
      resolveSources(config.sources).map((s) => s.id),
    );
    const collectDay = dayCollector({
      store,
      runtime: {
        config,
        clock,
        log,
        ...(flags.record ? { recordDir: flags.record } : {}),
        ...(flags.replay ? { replayDir: flags.replay } : {}),
      },
      onEvent: (event) => progress.onEvent(event),
    });
    // While the live display owns the terminal, log lines wait and print below it.
    const collectShown = async (day: string) => {
      context.holdLogs(process.stderr.isTTY);
      try {
        return await collectDay(day);
      } finally {
        progress.stop();
        context.holdLogs(false);
      }
    };
    const result = await runEdition({
      store,
      config,
      clock,
      log,
      writer,
      ...(date ? { date } : {}),
      ...(flags.offline ? {} : { collect: collectShown }),
      sample: () => readSampleDay(),
      force: Boolean(flags.force),
      draft: Boolean(flags.draft),
    });
    const published = await publishSite(await loadEditions(store, log), site, { store });
    const { edition } = result;
    const out = process.stdout;
    if (result.collection) out.write(`${collectionSummary(result.collection.rows)}\n`);
    const verb = result.built ? (edition.status === 'published' ? 'Published' : 'Drafted') : 'Kept';
    out.write(
      `${verb} edition No. ${edition.number} of ${edition.date}: “${edition.text.headline}”\n` +
        `  site: ${published.dir} (${published.files} files, ${published.editions} editions) → ${config.site.url}/editions/${edition.date}/\n`,
    );
    if (published.bucket) {
      const { target, uploaded, unchanged } = published.bucket;
      out.write(`  bucket: ${target} (${uploaded.length} uploaded, ${unchanged} unchanged)\n`);
    }
    if (!result.built)
      out.write('  It was already published; pass --force to rebuild it from its stored snapshots.\n');
    const notLive = dataModeMessage(result.dataMode, edition.date, result.failedSources.length);
    if (notLive) out.write(`  ${notLive}\n`);
    return { exitCode: notLive ? EXIT_NOT_LIVE : 0, dataMode: result.dataMode, published };
  } finally {
    await store.close();
  }
}

function dataModeMessage(mode: DataMode, day: string, failures: number): string | undefined {
  const why = failures > 0 ? 'no source could be collected (network unreachable?)' : 'collection was skipped';
  if (mode === 'sample')
    return `NOT LIVE: ${why} and the store was empty, so the edition uses the sample day shipped with the project (${day}).`;
  if (mode === 'stored') return `NOT LIVE: ${why}, so the edition uses the newest stored snapshots (${day}).`;
  return undefined;
}
