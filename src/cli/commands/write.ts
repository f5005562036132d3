/**
 * @module cli/commands/write
 * `morning-post write --plan plan.json`: the words of an edition from a plan, alone.
 */
import type { Command } from 'commander';
import { MorningPostError } from '../../core/errors.js';
import { EditionPlanSchema } from '../../core/plan.js';
import { summariseIssues } from '../../sources/validate.js';
import { commandContext, type GlobalOptions, writerFor } from '../context.js';
import { formatText } from '../text-format.js';
import { readJsonFile } from '../values.js';

interface WriteFlags {
  plan: string;
  writer?: string;
  json?: boolean;
}

export function registerWrite(program: Command): void {
  program
    .command('write')
    .description('write the edition for a plan (from `morning-post plan --json`)')
    .requiredOption('--plan <file>', 'the plan as JSON')
    .option(
      '--writer <spec>',
      'newsroom | openai:MODEL | anthropic:MODEL | openai-compatible:MODEL (default: MORNING_POST_WRITER, else newsroom)',
    )
    .option('--json', 'print the EditionText as JSON')
    .action(async (flags: WriteFlags, command: Command) => {
      const { config } = commandContext({ ...command.optsWithGlobals<GlobalOptions>(), quiet: true });
      const plan = readPlan(flags.plan);
      const writer = writerFor(config, flags.writer);
      const text = await writer.write(plan);
      process.stdout.write(flags.json ? `${JSON.stringify(text, null, 2)}\n` : `${formatText(text)}\n`);
    });
}

function readPlan(path: string) {
  const value = readJsonFile(path, {
    code: 'CONFIG_INVALID',
    what: 'the plan',
    hint: 'Make one with `morning-post plan --json > plan.json`.',
  });
  const parsed = EditionPlanSchema.safeParse(value);
  if (!parsed.success) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `${path} is not an edition plan: ${summariseIssues(parsed.error)}`,
      {
        hint: 'Make one with `morning-post plan --json > plan.json`.',
      },
    );
  }
  return parsed.data;
}
