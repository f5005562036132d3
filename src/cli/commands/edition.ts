/**
 * @module cli/commands/edition
 * `morning-post edition`: collect → plan → write → save → publish the site, for one day.
 */
import type { Command } from 'commander';
import { commandContext, type GlobalOptions } from '../context.js';
import { buildEditionAndSite, type EditionFlags } from '../edition-run.js';

export function addEditionOptions(command: Command): Command {
  return command
    .option('--date <YYYY-MM-DD>', 'the edition day (default: today, UTC); a past day needs --offline')
    .option('--offline', 'do not collect: build from the snapshots stored for the day (or the newest stored)')
    .option('--replay <dir>', 'collect from HAR recordings in this folder instead of the network')
    .option('--record <dir>', 'save every HTTP exchange of the collection as HAR into this folder')
    .option('--writer <spec>', 'newsroom | openai:MODEL | anthropic:MODEL | openai-compatible:MODEL')
    .option('--force', 'rebuild the day even when its edition is already published')
    .option('--draft', 'save the edition as a draft (not in feeds, not delivered)')
    .option('--site <dir>', 'the site folder (default: MORNING_POST_SITE_DIR or ./site)');
}

export function registerEdition(program: Command): void {
  addEditionOptions(
    program
      .command('edition')
      .description("build the day's edition and publish the site (exit 3: built, but not from live data)"),
  ).action(async (flags: EditionFlags, command: Command) => {
    const context = commandContext(command.optsWithGlobals<GlobalOptions>());
    process.exitCode = (await buildEditionAndSite(flags, context)).exitCode;
  });
}
