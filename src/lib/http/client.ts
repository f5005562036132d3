/**
 * @module lib/http/client
 * The HTTP client every source goes through: identifying User-Agent, per-host tokens, timeouts,
 * retries with backoff that honour upstream's rate-limit headers, per-host concurrency and
 * spacing, and conditional requests. Record/replay plug in as transports.
 */
import { type Clock, systemClock } from '../../core/clock.js';
import { MorningPostError } from '../../core/errors.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { ConditionalCache } from './conditional-cache.js';
import { HttpError, isRetryableStatus, redactUrl } from './errors.js';
import { HostLimiter, type HostPolicy } from './host-limiter.js';
import { backoffMs, readRateLimit } from './rate-limit.js';
import type {
  HttpClient,
  HttpObserver,
  HttpResponse,
  HttpStats,
  RequestOptions,
  Transport,
} from './types.js';

export const USER_AGENT_PRODUCT = 'morning-post/0.1';

export interface HttpClientOptions {
  transport?: Transport;
  clock?: Clock;
  log?: Logger;
  timeoutMs?: number;
  retries?: number;
  maxRetryWaitMs?: number;
  concurrencyPerHost?: number;
  /** Per-host overrides, e.g. arXiv's one request every 3 s on a single connection. */
  hostPolicies?: ReadonlyMap<string, Partial<HostPolicy>>;
  /** Host → bearer token. Tokens go only to the host they belong to and never into logs. */
  tokens?: ReadonlyMap<string, string>;
  cache?: ConditionalCache;
  userAgentContact?: string;
  random?: () => number;
  /** A larger answer is refused (a misconfigured mirror must not exhaust memory). */
  maxBodyBytes?: number;
  /** Told about each attempt, retry and wait (metrics); the client works the same without it. */
  observer?: HttpObserver;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const transport = options.transport ?? ((request: Request) => fetch(request));
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const retries = options.retries ?? 3;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 90_000;
  const random = options.random ?? Math.random;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const observer = options.observer;
  const limiter = new HostLimiter(
    clock,
    { concurrency: options.concurrencyPerHost ?? 4, minIntervalMs: 0 },
    options.hostPolicies,
    observer?.spacing ? (host, waitMs) => observer.spacing?.({ host, waitMs }) : undefined,
  );
  const userAgent = `${USER_AGENT_PRODUCT} (+${options.userAgentContact ?? 'https://github.com/morning-post/morning-post'})`;
  const stats: HttpStats = { requests: 0, retries: 0, notModified: 0, totalLatencyMs: 0 };
  // A host whose name did not resolve is down for this client's run: asking again (and retrying
  // each request three times) only repeats the failure and buries the one useful line in noise.
  const downHosts = new Map<string, string>();

  async function attempt(
    url: string,
    request: RequestOptions,
    cached: { etag?: string; lastModified?: string } | undefined,
  ) {
    const headers = new Headers({ 'user-agent': userAgent, accept: '*/*', ...request.headers });
    const host = new URL(url).host;
    const token = options.tokens?.get(host);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (cached?.etag) headers.set('if-none-match', cached.etag);
    if (cached?.lastModified) headers.set('if-modified-since', cached.lastModified);

    return limiter.run(host, async () => {
      // The timeout starts when the request does, not while it waits for a free slot. A plain
      // timer, not AbortSignal.timeout: signals combined with AbortSignal.any may be collected
      // before they fire on Node 20, leaving a hung request hung.
      const timeout = new AbortController();
      const timer = setTimeout(
        () => timeout.abort(new DOMException('timed out', 'TimeoutError')),
        request.timeoutMs ?? timeoutMs,
      );
      const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
      const started = performance.now();
      stats.requests += 1;
      try {
        // Raced against the signal too: a transport that ignores abort must not hang the run.
        const outcome = await untilAborted(signal, async () => {
          const response = await transport(
            new Request(url, { method: 'GET', headers, signal, redirect: 'follow' }),
          );
          const body = await readBody(response, url, maxBodyBytes);
          return { response, body };
        });
        observer?.attempt?.({
          host,
          status: outcome.response.status,
          durationMs: performance.now() - started,
        });
        return outcome;
      } catch (error) {
        const failure = wireError(error, url, timeout.signal.aborted, request.signal?.aborted ?? false);
        observer?.attempt?.({ host, error: failure.code, durationMs: performance.now() - started });
        throw failure;
      } finally {
        clearTimeout(timer);
        stats.totalLatencyMs += performance.now() - started;
      }
    });
  }

  async function get(url: string, request: RequestOptions = {}): Promise<HttpResponse> {
    const host = hostOf(url);
    const down = downHosts.get(host);
    if (down) throw hostDownError(url, host, down);
    const cached = request.conditional && options.cache ? await options.cache.get(url) : undefined;
    for (let attemptNo = 0; ; attemptNo += 1) {
      let outcome: Awaited<ReturnType<typeof attempt>>;
      try {
        outcome = await attempt(url, request, cached);
      } catch (error) {
        const lookup = dnsFailure(error);
        if (lookup && !downHosts.has(host)) {
          downHosts.set(host, lookup);
          log.debug('http host down for this run', { host, reason: lookup });
        }
        if (lookup) throw hostDownError(url, host, lookup);
        if (!(error instanceof HttpError) || !error.retryable || attemptNo >= retries) throw error;
        const wait = backoffMs(attemptNo, random);
        log.debug('http retry', { url: redactUrl(url), reason: error.code, waitMs: wait });
        stats.retries += 1;
        observer?.retry?.({ host, reason: retryReason(error.code), waitMs: wait });
        await clock.sleep(wait, request.signal);
        continue;
      }
      const { response, body } = outcome;
      if (response.status === 304 && cached) {
        stats.notModified += 1;
        return { url, status: 200, headers: new Headers(cached.headers), body: cached.body, fromCache: true };
      }
      if (response.ok) {
        if (request.conditional && options.cache) {
          // The cache only saves requests later; failing to write it must not fail this one.
          await remember(options.cache, url, response, body).catch((error: unknown) =>
            log.warn('http cache write failed', { url: redactUrl(url), reason: String(error) }),
          );
        }
        return { url, status: response.status, headers: response.headers, body, fromCache: false };
      }
      const failure = statusError(url, response, body, clock.now(), maxRetryWaitMs);
      if (!failure.retryable || attemptNo >= retries) throw failure.error;
      const wait = failure.waitMs ?? backoffMs(attemptNo, random);
      log.debug('http retry', { url: redactUrl(url), status: response.status, waitMs: wait });
      stats.retries += 1;
      observer?.retry?.({
        host,
        reason: String(response.status),
        waitMs: wait,
        ...(failure.waitMs !== undefined && failure.via ? { via: failure.via } : {}),
      });
      await clock.sleep(wait, request.signal);
    }
  }

  return {
    get,
    async getJson(url, request) {
      const response = await get(url, {
        ...request,
        headers: { accept: 'application/json', ...request?.headers },
      });
      try {
        return { response, data: JSON.parse(response.body) as unknown };
      } catch (error) {
        throw new HttpError(
          'UPSTREAM_INVALID',
          `Invalid JSON from ${redactUrl(url)}: ${(error as Error).message}`,
          {
            url: redactUrl(url),
            status: response.status,
            retryable: false,
            hint: 'The response was cut short or is not JSON; see --record to capture it.',
          },
        );
      }
    },
    stats: () => ({ ...stats }),
  };
}

async function remember(
  cache: ConditionalCache,
  url: string,
  response: Response,
  body: string,
): Promise<void> {
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = response.headers.get('last-modified') ?? undefined;
  if (!etag && !lastModified) return;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!/^(set-cookie|content-encoding|content-length|transfer-encoding)$/i.test(name))
      headers[name] = value;
  });
  await cache.set({ url, etag, lastModified, body, headers, storedAt: new Date().toISOString() });
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

/** The resolver's code when a request failed because the host name did not resolve. */
function dnsFailure(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause && depth < 4; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && DNS_CODES.has(code)) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function hostDownError(url: string, host: string, code: string): HttpError {
  return new HttpError('HTTP_NETWORK', `${host} is unreachable: its name did not resolve (${code})`, {
    url: redactUrl(url),
    retryable: false,
    hint: 'Check the network, or run from a recording with --replay DIR.',
  });
}

/** A retry's reason for metrics: a few words, never a URL. */
function retryReason(code: string): string {
  if (code === 'HTTP_TIMEOUT') return 'timeout';
  if (code === 'HTTP_NETWORK') return 'network';
  return code.toLowerCase();
}

function wireError(error: unknown, url: string, timedOut: boolean, cancelled: boolean): MorningPostError {
  if (error instanceof MorningPostError) return error; // e.g. a replay miss: never retried
  const safe = redactUrl(url);
  if (cancelled)
    return new HttpError('HTTP_NETWORK', `Request cancelled: ${safe}`, {
      url: safe,
      retryable: false,
      cause: error,
    });
  if (timedOut)
    return new HttpError('HTTP_TIMEOUT', `Timed out: ${safe}`, { url: safe, retryable: true, cause: error });
  const reason =
    error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return new HttpError('HTTP_NETWORK', `Network error for ${safe}: ${reason}`, {
    url: safe,
    retryable: true,
    cause: error,
    hint: 'Check the network, or run from a recording with --replay DIR.',
  });
}

function statusError(url: string, response: Response, body: string, now: Date, maxWaitMs: number) {
  const safe = redactUrl(url);
  const limit = readRateLimit(response.headers, now);
  const retryable = isRetryableStatus(response.status, response.headers);
  const detail = upstreamMessage(body);
  const base = `HTTP ${response.status} from ${safe}${detail ? `: ${detail}` : ''}`;
  const rateLimited =
    response.status === 429 ||
    (response.status === 403 && (limit.remaining === 0 || limit.via === 'retry-after'));
  if (retryable && limit.waitMs !== undefined && limit.waitMs > maxWaitMs) {
    const resumeAt = new Date(now.getTime() + limit.waitMs).toISOString();
    const what = rateLimited ? 'rate limited' : 'asked to wait';
    const error = new HttpError(
      rateLimited ? 'HTTP_RATE_LIMITED' : 'HTTP_STATUS',
      `${base} (${what} until ${resumeAt}, via ${limit.via})`,
      {
        url: safe,
        status: response.status,
        retryable: false,
        hint: rateLimited
          ? 'Set HF_TOKEN or GITHUB_TOKEN to raise the limit, or run again later.'
          : 'Upstream is down for a while; run again later.',
      },
    );
    return { error, retryable: false, waitMs: undefined };
  }
  const code = rateLimited ? 'HTTP_RATE_LIMITED' : 'HTTP_STATUS';
  const error = new HttpError(code, base, { url: safe, status: response.status, retryable });
  return { error, retryable, waitMs: limit.waitMs, via: limit.via };
}

/**
 * The short error text upstream put in its body: `{"error": …}` (Hugging Face), `{"message": …}`
 * (GitHub) or an Atom error feed's `<summary>` (arXiv answers bad queries with one), if any.
 */
function upstreamMessage(body: string): string | undefined {
  if (body.trimStart().startsWith('<')) {
    const summary = /<summary[^>]*>([^<]{1,500})<\/summary>/.exec(body)?.[1];
    return summary?.replace(/\s+/g, ' ').trim().slice(0, 200) || undefined;
  }
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const text =
      typeof parsed.error === 'string'
        ? parsed.error
        : typeof parsed.message === 'string'
          ? parsed.message
          : undefined;
    return text?.slice(0, 200);
  } catch {
    return undefined;
  }
}

/** Reads the body, refusing one larger than the limit (by Content-Length, then while streaming). */
async function readBody(response: Response, url: string, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  const tooLarge = () =>
    new HttpError(
      'UPSTREAM_INVALID',
      `Response from ${redactUrl(url)} is larger than ${limit} bytes; refused`,
      {
        url: redactUrl(url),
        status: response.status,
        retryable: false,
        hint: 'Check the configured endpoint (HF_ENDPOINT, GITHUB_API_URL, ARXIV_API_URL).',
      },
    );
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(parts));
}

function untilAborted<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work().then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
