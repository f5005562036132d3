/**
 * @module cli/context
 * What every command starts from: the validated configuration, a logger and the clock.
 */

import { type LoadedConfig, loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { systemClock } from '../core/clock.js';
import { createLogger, formatLogRecord, type LogLevel, type LogRecord } from '../lib/logger.js';
import { createWriter, loadWriterSettings } from '../writers/llm/index.js';
import type { Writer } from '../writers/writer.js';

export interface GlobalOptions {
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
}

export function commandContext(options: GlobalOptions) {
  const loaded: LoadedConfig = loadConfig(options.config ? { file: options.config } : {});
  const level: LogLevel = options.verbose ? 'debug' : options.quiet ? 'error' : 'info';
  const held: LogRecord[] = [];
  let holding = false;
  const log = createLogger((record) => {
    if (holding) held.push(record);
    else process.stderr.write(`${formatLogRecord(record)}\n`);
  }, level);
  return {
    ...loaded,
    clock: systemClock,
    log,
    /** While a live display owns the terminal, log lines wait, then print below it. */
    holdLogs(hold: boolean) {
      holding = hold;
      if (!hold) for (const record of held.splice(0)) process.stderr.write(`${formatLogRecord(record)}\n`);
    },
  };
}

/** The writer a command uses: `--writer` when given, else MORNING_POST_WRITER (the environment is only read). */
export function writerFor(config: Config, spec: string | undefined): Writer {
  return createWriter(
    loadWriterSettings(process.env, { dataDir: config.dataDir, ...(spec ? { spec } : {}) }),
  );
}
