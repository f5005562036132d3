/**
 * @module pipeline/runtime
 * Builds the world a run needs from the configuration: the HTTP client (live, recording or
 * replaying) with per-host tokens and politeness rules. Nothing here runs at import time.
 */
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { MorningPostError } from '../core/errors.js';
import { createHttpClient } from '../lib/http/client.js';
import { type ConditionalCache, fileCache, memoryCache } from '../lib/http/conditional-cache.js';
import { loadHarEntries, recordingTransport, replayTransport } from '../lib/http/har.js';
import type { HostPolicy } from '../lib/http/host-limiter.js';
import type { HttpClient, Transport } from '../lib/http/types.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics/metrics.js';

export interface HttpRuntimeOptions {
  config: Config;
  clock: Clock;
  log: Logger;
  /** Save every exchange as HAR into this folder. */
  recordDir?: string;
  /** Answer every request from the HAR files in this folder; unknown requests fail. */
  replayDir?: string;
  /** Only for replays: added latency per request (benchmarks). */
  replayLatencyMs?: number;
  /** Overrides the wire entirely (tests). */
  transport?: Transport;
  /** Upstream requests, retries and rate-limit waits are counted here (inside `serve`). */
  metrics?: Metrics;
}

export function hostOf(url: string): string {
  return new URL(url).host;
}

export interface RuntimeHttp extends HttpClient {
  /** Waits for the recording (if any) to be written; call once the run is over. */
  finish(): Promise<void>;
}

export function createRuntimeHttp(options: HttpRuntimeOptions): RuntimeHttp {
  const { config } = options;
  if (options.recordDir && options.replayDir) {
    throw new Error('--record and --replay cannot be used together');
  }
  let transport: Transport = options.transport ?? ((request) => fetch(request));
  const cacheDir = config.http.cacheDir || join(config.dataDir, 'http-cache');
  let cache: ConditionalCache | undefined = cacheDir === 'off' ? undefined : fileCache(cacheDir);
  let finish = async () => {};
  if (options.replayDir) {
    const replayOptions = options.replayLatencyMs ? { latencyMs: options.replayLatencyMs } : {};
    transport = replayTransport(loadHarEntries(options.replayDir), replayOptions);
    cache = memoryCache(); // a replay must not depend on, or change, the live cache
  } else if (options.recordDir) {
    const recorder = recordingTransport(
      transport,
      options.recordDir,
      `collect-${options.clock.now().toISOString().replace(/[:.]/g, '-')}`,
    );
    transport = recorder;
    finish = recorder.flush;
    cache = memoryCache(); // record full answers, not 304s that only make sense with our cache
  }

  const tokens = new Map<string, string>();
  if (config.tokens.huggingface) tokens.set(hostOf(config.endpoints.huggingface), config.tokens.huggingface);
  if (config.tokens.github) tokens.set(hostOf(config.endpoints.githubApi), config.tokens.github);

  const hostPolicies = new Map<string, Partial<HostPolicy>>([
    // arXiv's terms: one request every three seconds, one connection at a time.
    [hostOf(config.endpoints.arxiv), { concurrency: 1, minIntervalMs: config.source.arxiv.minIntervalMs }],
  ]);

  const client = createHttpClient({
    transport,
    clock: options.clock,
    log: options.log,
    timeoutMs: config.http.timeoutMs,
    retries: config.http.retries,
    maxRetryWaitMs: config.http.maxRetryWaitMs,
    concurrencyPerHost: config.http.concurrencyPerHost,
    hostPolicies,
    tokens,
    ...(cache ? { cache } : {}),
    userAgentContact: config.http.userAgentContact,
    ...(options.metrics ? { observer: options.metrics.http } : {}),
  });
  return { ...client, finish };
}

/**
 * Counts the requests one source makes through a shared client, and remembers requests a replay
 * could not answer: a source may treat a failed request as a warning, but a replay with holes
 * must not pass for a faithful one.
 */
export function countingClient(
  http: HttpClient,
): HttpClient & { count: () => number; replayMisses: string[] } {
  let count = 0;
  const replayMisses: string[] = [];
  const watch = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      if (error instanceof MorningPostError && error.code === 'REPLAY_MISS') replayMisses.push(error.message);
      throw error;
    });
  return {
    get: (url, request) => {
      count += 1;
      return watch(http.get(url, request));
    },
    getJson: (url, request) => {
      count += 1;
      return watch(http.getJson(url, request));
    },
    stats: () => http.stats(),
    count: () => count,
    replayMisses,
  };
}
