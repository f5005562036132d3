/**
 * @module lib/http/types
 * The one HTTP client every source uses. Non-2xx answers become an HttpError that says whether a
 * retry could help; 304s are answered from the conditional-request cache transparently.
 */

export interface RequestOptions {
  /** Extra request headers (Accept, …). Authorization is added by the client per host. */
  headers?: Record<string, string>;
  /** Send If-None-Match / If-Modified-Since from the cache and reuse the cached body on 304. */
  conditional?: boolean;
  /** Overrides the client's default timeout for this request. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  /** The final URL requested. */
  url: string;
  status: number;
  headers: Headers;
  body: string;
  /** True when upstream answered 304 and the body came from the cache. */
  fromCache: boolean;
}

export interface HttpStats {
  requests: number;
  retries: number;
  notModified: number;
  /** Sum of each request's own duration; compare with wall time to see concurrency at work. */
  totalLatencyMs: number;
}

export interface HttpClient {
  get(url: string, options?: RequestOptions): Promise<HttpResponse>;
  /** GET and parse JSON; a body that is not JSON is an UPSTREAM_INVALID error naming the URL. */
  getJson(url: string, options?: RequestOptions): Promise<{ response: HttpResponse; data: unknown }>;
  stats(): HttpStats;
}

/** The wire: fetch, a recorder around fetch, or a replayer. */
export type Transport = (request: Request) => Promise<Response>;

/**
 * Told about every attempt and every wait, so metrics can watch the HTTP layer without it
 * depending on a metrics library. Hooks must be cheap and must not throw.
 */
export interface HttpObserver {
  /** One attempt ended: upstream's status, or none with the error code (timeout, network, …). */
  attempt?(event: { host: string; status?: number; error?: string; durationMs: number }): void;
  /** A retry is about to wait; `via` names the rate-limit header that set the wait, when one did. */
  retry?(event: { host: string; reason: string; waitMs: number; via?: string }): void;
  /** A request waited for its turn under the host's spacing rule (arXiv: one request every 3 s). */
  spacing?(event: { host: string; waitMs: number }): void;
}
