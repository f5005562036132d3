#!/usr/bin/env node
/**
 * @module cli/main
 * The `morning-post` command: a thin shell; each command lives in its own file.
 */
import { Command } from 'commander';
import { registerBundle } from './commands/bundle.js';
import { registerCollect } from './commands/collect.js';
import { registerConfig } from './commands/config.js';
import { registerDeliver } from './commands/deliver.js';
import { registerEdition } from './commands/edition.js';
import { registerEditions } from './commands/editions.js';
import { registerPlan } from './commands/plan.js';
import { registerServe } from './commands/serve.js';
import { registerSources } from './commands/sources.js';
import { registerSubscribers } from './commands/subscribers.js';
import { registerWrite } from './commands/write.js';
import { reportError } from './errors.js';

export function buildProgram(): Command {
  const program = new Command('morning-post')
    .description('The AI Morning Post: a daily newspaper about the AI ecosystem, written from live data.')
    .option('--config <file>', 'JSON config file (default: ./morning-post.config.json when present)')
    .option('-v, --verbose', 'log debug details')
    .option('-q, --quiet', 'log errors only')
    .showHelpAfterError();
  registerCollect(program);
  registerPlan(program);
  registerBundle(program);
  registerWrite(program);
  registerEdition(program);
  registerEditions(program);
  registerServe(program);
  registerDeliver(program);
  registerSources(program);
  registerSubscribers(program);
  registerConfig(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportError(error);
  });
