/**
 * @module lib/logger
 * A small levelled logger. Stages receive it through their context; nothing logs through globals.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LogRecord {
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown> | undefined;
}

export function createLogger(write: (record: LogRecord) => void, minimum: LogLevel = 'info'): Logger {
  const at = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] >= ORDER[minimum]) write({ level, message, fields });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = createLogger(() => {});

/** Collects records in memory; tests read them. */
export function memoryLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  return Object.assign(
    createLogger((record) => records.push(record), 'debug'),
    { records },
  );
}

export function formatLogRecord(record: LogRecord): string {
  const fields = record.fields
    ? ` ${Object.entries(record.fields)
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(' ')}`
    : '';
  return `${record.level.padEnd(5)} ${record.message}${fields}`;
}
