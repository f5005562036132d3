/**
 * @module cli/commands/config
 * `morning-post config`: the effective configuration, secrets masked, with where each value came from.
 */
import type { Command } from 'commander';
import { CONFIG_ENV_VARS } from '../../config/load.js';
import { maskConfig, maskSecret } from '../../config/mask.js';
import type { Config } from '../../config/schema.js';
import { describeError } from '../../core/errors.js';
import { writerName, writerSettings } from '../../writers/llm/index.js';
import { commandContext, type GlobalOptions } from '../context.js';

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration (secrets masked)')
    .option('--json', 'print only the configuration as JSON')
    .action((flags: { json?: boolean }, command: Command) => {
      const { config, origins, file } = commandContext(command.optsWithGlobals<GlobalOptions>());
      const masked = maskConfig(config);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(masked, null, 2)}\n`);
        return;
      }
      process.stdout.write(`# config file: ${file ?? '(none)'}\n`);
      process.stdout.write(
        `# store: ${config.databaseUrl ? masked.databaseUrl : `sqlite ${config.dataDir}/morning-post.db`}\n`,
      );
      const set = Object.entries(origins);
      process.stdout.write(
        set.length
          ? `# set: ${set.map(([path, origin]) => `${path} (${origin})`).join(', ')}\n`
          : '# set: nothing; all defaults\n',
      );
      process.stdout.write(`${JSON.stringify(masked, null, 2)}\n`);
      process.stdout.write(`# writer: ${describeWriter(config)}\n`);
      process.stdout.write(`# environment variables: ${CONFIG_ENV_VARS.map((v) => v.name).join(', ')}\n`);
    });
}

/** The writer `writer.use` selects, with its key masked, or why it cannot be used. */
function describeWriter(config: Config): string {
  try {
    const settings = writerSettings(config);
    if (settings.provider === 'newsroom') return 'newsroom (built in)';
    const key = settings.apiKey ? maskSecret(settings.apiKey) : 'no key';
    const budget = settings.maxTokens ? `, budget ${settings.maxTokens} tokens` : '';
    return `${writerName(settings)} (key ${key}${settings.baseUrl ? `, ${settings.baseUrl}` : ''}${budget})`;
  } catch (error) {
    return `unusable: ${describeError(error)}`;
  }
}
