/**
 * @module lib/http/rate-limit
 * How long upstream asks us to wait, from the three header styles we meet:
 * `Retry-After` (seconds or an HTTP date), GitHub's `x-ratelimit-remaining`/`x-ratelimit-reset`
 * (epoch seconds), and Hugging Face's IETF-draft `RateLimit: "api";r=0;t=55`.
 * @see https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * @see https://huggingface.co/docs/hub/rate-limits
 */

export interface RateLimitInfo {
  /** Milliseconds to wait before the next attempt, when upstream said. */
  waitMs: number | undefined;
  /** Which header gave the wait, for messages. */
  via: 'retry-after' | 'x-ratelimit-reset' | 'ratelimit' | undefined;
  remaining: number | undefined;
}

export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Parses `"api";r=0;t=55` (possibly several comma-separated policies) into the tightest limit. */
export function parseIetfRateLimit(
  value: string | null,
): { remaining: number; resetSeconds: number } | undefined {
  if (value === null) return undefined;
  let best: { remaining: number; resetSeconds: number } | undefined;
  for (const part of value.split(',')) {
    const remaining = /(?:^|;)\s*r=(\d+)/.exec(part)?.[1];
    const reset = /(?:^|;)\s*t=(\d+)/.exec(part)?.[1];
    if (remaining === undefined || reset === undefined) continue;
    const candidate = { remaining: Number(remaining), resetSeconds: Number(reset) };
    if (!best || candidate.remaining < best.remaining) best = candidate;
  }
  return best;
}

export function readRateLimit(headers: Headers, now: Date): RateLimitInfo {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return { waitMs: retryAfter, via: 'retry-after', remaining: undefined };

  const ietf = parseIetfRateLimit(headers.get('ratelimit'));
  if (ietf && ietf.remaining === 0) {
    // Hugging Face's own client sleeps t + 1 s; the window resets at t.
    return { waitMs: (ietf.resetSeconds + 1) * 1000, via: 'ratelimit', remaining: 0 };
  }

  const remainingHeader = headers.get('x-ratelimit-remaining');
  const remaining = remainingHeader === null ? ietf?.remaining : Number(remainingHeader);
  const reset = headers.get('x-ratelimit-reset');
  if (remaining === 0 && reset !== null && /^\d+$/.test(reset)) {
    const waitMs = Math.max(0, Number(reset) * 1000 - now.getTime()) + 1000;
    return { waitMs, via: 'x-ratelimit-reset', remaining };
  }
  return { waitMs: undefined, via: undefined, remaining };
}

/** Exponential backoff with full jitter: a random wait in [base, base·2^attempt], capped. */
export function backoffMs(attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(baseMs + random() * Math.max(0, ceiling - baseMs));
}
