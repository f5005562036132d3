/**
 * @module cli/context
 * What every command starts from: the validated configuration, a logger and the clock.
 */

import { type LoadedConfig, loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { systemClock } from '../core/clock.js';
import { type LineBatch, lineBatch } from '../lib/line-batch.js';
import type { LogLevel } from '../lib/logger.js';
import { pinoLogger, resolveLogFormat } from '../lib/pino-logger.js';
import { createWriter, writerSettings } from '../writers/llm/index.js';
import type { Writer } from '../writers/writer.js';

export interface GlobalOptions {
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
}

export function commandContext(options: GlobalOptions) {
  const loaded: LoadedConfig = loadConfig(options.config ? { file: options.config } : {});
  // --verbose and --quiet win over LOG_LEVEL; records go to stderr, a command's own output to stdout.
  const level: LogLevel = options.verbose ? 'debug' : options.quiet ? 'error' : loaded.config.log.level;
  const held: string[] = [];
  let holding = false;
  let batch: LineBatch | undefined;
  const log = pinoLogger({
    level,
    format: resolveLogFormat(loaded.config.log.format, process.stderr.isTTY),
    write: (line) => {
      if (holding) held.push(line);
      else if (batch) batch.push(line);
      else process.stderr.write(line);
    },
  });
  return {
    ...loaded,
    clock: systemClock,
    log,
    /** While a live display owns the terminal, log lines wait, then print below it. */
    holdLogs(hold: boolean) {
      holding = hold;
      if (!hold) for (const line of held.splice(0)) process.stderr.write(line);
    },
    /**
     * A server logs a line per request: from here on, lines are written once per event-loop turn
     * (lineBatch) instead of one write each. Off again flushes first.
     */
    batchLogs(on: boolean) {
      if (on) batch ??= lineBatch((chunk) => process.stderr.write(chunk));
      else {
        batch?.close();
        batch = undefined;
      }
    },
  };
}

/** The writer a command uses: `--writer` when given, else MORNING_POST_WRITER (the environment is only read). */
export function writerFor(config: Config, spec: string | undefined): Writer {
  return createWriter(writerSettings(config, spec));
}
