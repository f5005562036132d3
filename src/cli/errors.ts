/**
 * @module cli/errors
 * The one place where errors become output and exit codes.
 */
import { isMorningPostError } from '../core/errors.js';

/** 2 for configuration and usage errors, 1 for everything else. */
export function reportError(error: unknown, stream: NodeJS.WritableStream = process.stderr): number {
  if (isMorningPostError(error)) {
    stream.write(`error: ${error.message}\n`);
    if (error.hint) stream.write(`hint: ${error.hint}\n`);
    return error.code === 'CONFIG_INVALID' || error.code === 'SOURCE_UNKNOWN' ? 2 : 1;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stream.write(`error: ${message}\n`);
  return 1;
}
