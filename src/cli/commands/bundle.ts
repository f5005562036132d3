/**
 * @module cli/commands/bundle
 * `morning-post import FILE` and `morning-post export`: snapshots in and out of the store in the
 * project's own bundle format.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { dayIn } from '../../core/clock.js';
import { addDays } from '../../core/history.js';
import { exportBundle, factsOnly, importBundle, parseBundle } from '../../pipeline/bundle.js';
import { openStore } from '../../store/index.js';
import { commandContext, type GlobalOptions } from '../context.js';
import { parseDay, readJsonFile } from '../values.js';

interface ExportFlags {
  from?: string;
  to?: string;
  out?: string;
  factsOnly?: boolean;
  description?: string;
}

export function registerBundle(program: Command): void {
  program
    .command('import')
    .description('load snapshots from a bundle file (morning-post/snapshots@1) into the store')
    .argument('<file>', 'the bundle, as written by `morning-post export`')
    .action(async (file: string, _flags: unknown, command: Command) => {
      const { config } = commandContext({ ...command.optsWithGlobals<GlobalOptions>(), quiet: true });
      const bundle = parseBundle(readJsonFile(file, { code: 'UPSTREAM_INVALID', what: 'the bundle' }), file);
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await store.migrate();
        const result = await importBundle(store, bundle);
        process.stdout.write(`imported ${result.snapshots} snapshots, ${result.items} items\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('export')
    .description('write stored snapshots of a day range as a bundle')
    .option('--from <YYYY-MM-DD>', 'first day (default: 7 days before --to)')
    .option('--to <YYYY-MM-DD>', 'last day (default: today in MORNING_POST_TZ)')
    .option('--out <file>', 'write here instead of stdout')
    .option('--facts-only', 'leave out upstream prose (descriptions, abstracts): for data you ship')
    .option('--description <text>', 'say what the bundle is, for people')
    .action(async (flags: ExportFlags, command: Command) => {
      const { config, clock } = commandContext({ ...command.optsWithGlobals<GlobalOptions>(), quiet: true });
      const to = flags.to ? parseDay(flags.to) : dayIn(clock.now(), config.edition.timeZone);
      const from = flags.from ? parseDay(flags.from) : addDays(to, -7);
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await store.migrate();
        const bundle = await exportBundle(store, from, to, flags.description);
        const text = `${JSON.stringify(flags.factsOnly ? factsOnly(bundle) : bundle, null, 1)}\n`;
        if (flags.out) writeFileSync(flags.out, text);
        else process.stdout.write(text);
      } finally {
        await store.close();
      }
    });
}
