/**
 * @module lib/http/errors
 * One upstream error type: the status, the URL and whether a retry can help.
 */
import { type ErrorCode, MorningPostError } from '../../core/errors.js';

export class HttpError extends MorningPostError {
  readonly url: string;
  readonly status: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: { url: string; status?: number; retryable: boolean; hint?: string; cause?: unknown },
  ) {
    super(code, message, { retryable: details.retryable, hint: details.hint, cause: details.cause });
    this.name = 'HttpError';
    this.url = details.url;
    this.status = details.status;
  }
}

const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number, headers: Headers): boolean {
  if (RETRYABLE_STATUSES.has(status)) return true;
  // GitHub answers an exhausted primary or a secondary rate limit with 403.
  return status === 403 && (headers.get('x-ratelimit-remaining') === '0' || headers.has('retry-after'));
}

/** Removes credentials from a URL before it appears in a message or a recording. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) {
      if (/token|key|secret|password|signature/i.test(key)) parsed.searchParams.set(key, 'REDACTED');
    }
    if (parsed.password) parsed.password = 'REDACTED';
    return parsed.toString();
  } catch {
    return url;
  }
}
