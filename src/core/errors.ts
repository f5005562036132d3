/**
 * @module core/errors
 * Typed errors with a stable code, a message for humans and a hint saying what to do.
 * The CLI and the server map them to output in one place.
 */

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'HTTP_STATUS'
  | 'HTTP_TIMEOUT'
  | 'HTTP_NETWORK'
  | 'HTTP_RATE_LIMITED'
  | 'REPLAY_MISS'
  | 'REPLAY_INVALID'
  | 'UPSTREAM_INVALID'
  | 'UPSTREAM_CHANGED'
  | 'STORE_FAILED'
  | 'SOURCE_UNKNOWN'
  | 'NO_SOURCE_SUCCEEDED'
  | 'NO_DATA'
  | 'PUBLISH_FAILED';

export interface MorningPostErrorOptions {
  hint?: string;
  retryable?: boolean;
  cause?: unknown;
}

export class MorningPostError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  /** Whether trying the same thing again later could succeed. */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: MorningPostErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MorningPostError';
    this.code = code;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
  }
}

export function isMorningPostError(error: unknown): error is MorningPostError {
  return error instanceof MorningPostError;
}

/** One line for logs and summaries: the message, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof MorningPostError)
    return error.hint ? `${error.message} (${error.hint})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
