/**
 * @module cli/values
 * Parsing of command-line values, with errors that say what was expected.
 */
import { readFileSync } from 'node:fs';
import { type ErrorCode, MorningPostError } from '../core/errors.js';

export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function parseDay(raw: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(`${raw}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `--date must be a calendar day as YYYY-MM-DD, got "${raw}".`,
    );
  }
  return raw;
}

export function parseMilliseconds(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 600_000) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `Expected a whole number of milliseconds (0–600000), got "${raw}".`,
    );
  }
  return value;
}

export function parsePort(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new MorningPostError('CONFIG_INVALID', `--port must be a port number (0–65535), got "${raw}".`);
  return value;
}

/** A JSON file named on the command line; a missing or broken file is an error naming it. */
export function readJsonFile(
  path: string,
  failure: { code: ErrorCode; what: string; hint?: string },
): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MorningPostError(
      failure.code,
      `Cannot read ${failure.what} ${path} as JSON: ${(error as Error).message}`,
      {
        ...(failure.hint ? { hint: failure.hint } : {}),
      },
    );
  }
}
