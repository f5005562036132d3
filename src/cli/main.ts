#!/usr/bin/env node
/**
 * @module cli/main
 * The `morning-post` command: a thin shell; each command lives in its own file.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerBundle } from './commands/bundle.js';
import { registerCollect } from './commands/collect.js';
import { registerConfig } from './commands/config.js';
import { registerDb } from './commands/db.js';
import { registerDeliver } from './commands/deliver.js';
import { registerEdition } from './commands/edition.js';
import { registerEditions } from './commands/editions.js';
import { registerPlan } from './commands/plan.js';
import { registerServe } from './commands/serve.js';
import { registerSources } from './commands/sources.js';
import { registerSubscribers } from './commands/subscribers.js';
import { registerWorker } from './commands/worker.js';
import { registerWrite } from './commands/write.js';
import { reportError } from './errors.js';

/** The package's version, read from its package.json (two folders up from src/cli and dist/cli). */
export function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}

export function buildProgram(): Command {
  const program = new Command('morning-post')
    .description('The AI Morning Post: a daily newspaper about the AI ecosystem, written from live data.')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .option('--config <file>', 'JSON config file (default: ./morning-post.config.json when present)')
    .option('-v, --verbose', 'log debug details')
    .option('-q, --quiet', 'log errors only')
    .showHelpAfterError()
    // Usage errors (an unknown command or option, a missing argument) exit 2, as the docs say;
    // help and --version exit 0. Inherited by every command registered below.
    .exitOverride();
  registerCollect(program);
  registerPlan(program);
  registerBundle(program);
  registerWrite(program);
  registerEdition(program);
  registerEditions(program);
  registerServe(program);
  registerDeliver(program);
  registerWorker(program);
  registerSources(program);
  registerSubscribers(program);
  registerDb(program);
  registerConfig(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // Commander has already printed its message; only the exit code is ours to set.
    if (error instanceof CommanderError) process.exitCode = usageExitCode(error);
    else process.exitCode = reportError(error);
  });

function usageExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
  if (error.code === 'commander.help') return 0;
  return 2;
}
