/**
 * @module lib/pino-logger
 * The process logger: the small `Logger` every stage receives, written through pino. Records are
 * JSON lines (`time`, `level`, `msg` and the fields) for log collectors, or one readable line on a
 * terminal. Secrets never reach the output: fields named like a secret are censored, and
 * credentials inside any URL in a field are masked (config/mask.ts), in one pass over the fields.
 *
 * Only log records go through here; a command's own output (tables, summaries) is written to stdout
 * by the command itself.
 */
import { pino } from 'pino';
import { maskDatabaseUrl, maskUrlCredentials } from '../config/mask.js';
import { formatLogRecord, type Logger, type LogLevel } from './logger.js';

export type LogFormat = 'json' | 'pretty';

export interface PinoLoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Receives each finished line, newline included (stderr, a buffer while a display holds it, a test). */
  write: (line: string) => void;
}

/**
 * Field names whose values are secrets wherever they appear (top level or one object down),
 * compared without case: `Authorization` and `authorization` alike.
 */
export const SECRET_KEYS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apiKey',
  'api_key',
  'accessToken',
  'refreshToken',
  'botToken',
  'metricsToken',
  'authorization',
  'cookie',
  'set-cookie',
] as const;

/** Fields that hold a URL with credentials in it: only the credentials are masked, the rest stays readable. */
const URL_KEYS = ['smtpUrl', 'databaseUrl', 'url'] as const;

const SECRET = new Set<string>(SECRET_KEYS.map((key) => key.toLowerCase()));
const URLS = new Set<string>(URL_KEYS.map((key) => key.toLowerCase()));
const CENSORED = '[redacted]';
const RESERVED = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** `auto` is pretty on a terminal and JSON anywhere else (a pipe, a file, a service manager's journal). */
export function resolveLogFormat(setting: 'auto' | LogFormat, isTerminal: boolean | undefined): LogFormat {
  if (setting !== 'auto') return setting;
  return isTerminal ? 'pretty' : 'json';
}

export function pinoLogger(options: PinoLoggerOptions): Logger {
  const destination = {
    write:
      options.format === 'pretty'
        ? (line: string) => options.write(prettyLine(line))
        : (line: string) => options.write(line),
  };
  const logger = pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Redaction happens in the same pass as the masking (maskFields), not through pino's
      // `redact` paths: those cost 15–20 µs a record with the wildcards for one object down,
      // which the access log would pay on every request; this pass costs well under 1 µs.
      formatters: { level: (label) => ({ level: label }), log: maskFields },
      // Errors are already plain objects by then (maskFields); pino's own serializer would empty them.
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
  const at =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (fields) logger[level](fields, message);
      else logger[level](message);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * One pass over a record's fields (and one object down): secret-named fields censored, URL
 * credentials masked in strings, errors turned into their type, message and stack, and a field
 * that would collide with the record's own keys renamed. The caller's object is never changed.
 */
function maskFields(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in fields) {
    const value = fields[key];
    const masked = maskEntry(key, value, 0);
    if (masked === value && !RESERVED.has(key)) continue;
    out ??= { ...fields };
    if (RESERVED.has(key)) {
      delete out[key];
      out[`field_${key}`] = masked;
    } else {
      out[key] = masked;
    }
  }
  return out ?? fields;
}

function maskEntry(key: string, value: unknown, depth: number): unknown {
  if (value === undefined || value === null) return value;
  const name = key.toLowerCase();
  if (SECRET.has(name)) return CENSORED;
  if (URLS.has(name) && typeof value === 'string') return maskDatabaseUrl(maskUrlCredentials(value));
  return maskValue(value, depth);
}

function maskValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return mayHoldCredentials(value) ? maskUrlCredentials(value) : value;
  if (value instanceof Error)
    return {
      type: value.name,
      message: maskUrlCredentials(value.message),
      ...codeOf(value),
      ...(value.stack ? { stack: maskUrlCredentials(value.stack) } : {}),
    };
  if (depth > 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => maskValue(item, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    const masked = maskEntry(key, inner, depth + 1);
    if (masked === inner) continue;
    out ??= { ...(value as Record<string, unknown>) };
    out[key] = masked;
  }
  return out ?? value;
}

/** A cheap test before the regular expressions: most fields hold no URL at all. */
const mayHoldCredentials = (text: string) =>
  text.includes('://') || text.includes('=') || text.includes('/bot');

const codeOf = (error: Error) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code } : {};
};

/** One JSON record as a terminal line: `12:03:04.123 info  message key=value …`. */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time, msg, pid: _pid, hostname: _hostname, ...fields } = record;
  const clock = typeof time === 'string' ? localTime(new Date(time)) : '';
  const line = formatLogRecord({
    level: (typeof level === 'string' ? level : 'info') as LogLevel,
    message: typeof msg === 'string' ? msg : '',
    fields: Object.keys(fields).length > 0 ? fields : undefined,
  });
  return `${clock ? `${clock} ` : ''}${line.replace(/\n/g, '\\n')}\n`;
}

function localTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}
