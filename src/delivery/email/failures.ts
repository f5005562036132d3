/**
 * @module delivery/email/failures
 * What an SMTP failure means for the delivery log: retry the message, give it up (and count a
 * bounce), wait for the server, or stop the whole run because every message would fail the same way.
 */

/**
 * - `permanent`: the server refused this recipient or message for good (5xx on RCPT/DATA): a bounce.
 * - `invalid`: refused before reaching the server (a malformed address): failed, not a bounce.
 * - `transient`: try the same message again later (4xx other than 421, 503).
 * - `connection`: the server went away or closed the session (421, resets, timeouts): retry, and
 *   when retries run out the server is down, not the message bad, so the run stops.
 * - `fatal`: the setup is wrong (authentication, TLS, the sender refused): every message would fail.
 */
export type FailureKind = 'permanent' | 'invalid' | 'transient' | 'connection' | 'fatal';

export interface SmtpFailure {
  kind: FailureKind;
  /** One line for the log and the delivery row, with the password removed. */
  description: string;
}

interface SmtpErrorShape {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
}

const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EDNS',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const FATAL_CODES = new Set(['EAUTH', 'ENOAUTH', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'EPROXY']);

function kindOf(code: string, responseCode: number | undefined, command: string): FailureKind {
  if (FATAL_CODES.has(code)) return 'fatal';
  if (responseCode !== undefined) {
    if (responseCode === 421) return 'connection';
    if (responseCode >= 500 && responseCode !== 503) {
      // A refused sender is our configuration, not the subscriber's mailbox: no bounce for anyone.
      return /^MAIL\b/i.test(command) || /^(AUTH|EHLO|HELO|STARTTLS)\b/i.test(command)
        ? 'fatal'
        : 'permanent';
    }
    return 'transient';
  }
  if (CONNECTION_CODES.has(code)) return 'connection';
  if (code === 'EENVELOPE') return 'invalid';
  return 'transient';
}

export function classifySmtpError(error: unknown, redact: (text: string) => string): SmtpFailure {
  const shape: SmtpErrorShape =
    typeof error === 'object' && error !== null ? error : { message: String(error) };
  const code = typeof shape.code === 'string' ? shape.code : '';
  const responseCode = typeof shape.responseCode === 'number' ? shape.responseCode : undefined;
  const command = typeof shape.command === 'string' ? shape.command : '';
  const detail =
    typeof shape.response === 'string' && shape.response
      ? shape.response
      : typeof shape.message === 'string'
        ? shape.message
        : String(error);
  const head = [command, responseCode ?? code].filter(Boolean).join(' ');
  const line = `${head ? `${head}: ` : ''}${detail}`.replace(/\s+/g, ' ').trim();
  return { kind: kindOf(code, responseCode, command), description: redact(line).slice(0, 500) };
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries from
 * several pool connections spread out instead of hitting the server together.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(1_000 * 2 ** Math.max(0, attempt - 1), 60_000);
  return Math.round(base / 2 + (base / 2) * random());
}
