/**
 * @module api/routes
 * The read-only JSON API under /api/v1/: one prefix route in the server's table, which routes
 * its own paths (the templates of the OpenAPI document), checks the rate limit, validates every
 * query parameter, reads the store and answers through api/http. Only GET, HEAD and OPTIONS are
 * answered; any other method is a 405 problem.
 */
import type { IncomingMessage } from 'node:http';
import type { ProxyTrust } from '../lib/proxy-trust.js';
import { DEFAULT_TRUST_PROXY, proxyTrust } from '../lib/proxy-trust.js';
import type { Method, RequestContext, Route } from '../server/routes.js';
import {
  clientAddress,
  type RateLimit,
  type RateLimiting,
  rateKey,
} from '../server/subscriptions/rate-limit.js';
import type { Store } from '../store/store.js';
import { API_CACHE, API_METHODS, sendData, sendOptions, sendProblem } from './http.js';
import { buildOpenApiDocument } from './openapi.js';
import { matchRoute } from './paths.js';
import { apiUrls } from './present.js';
import { ApiReads } from './reads.js';

export interface ApiOptions {
  store: Store;
  /** The public address (site.url): every link in an answer is absolute under it. */
  publicUrl: string;
  /** Requests per client; none when absent. `serve` passes a StoreRateLimiter (scope `api`). */
  limiter?: RateLimiting;
  /** The limit the limiter enforces, for the RateLimit headers. */
  rateLimit?: RateLimit;
  trustProxy?: ProxyTrust;
}

/** 120 requests a minute per client address by default (server.apiRateLimit). */
export const DEFAULT_API_LIMIT: RateLimit = { capacity: 120, windowMs: 60_000 };

const OTHER_METHODS: Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function apiRoutes(options: ApiOptions): Route[] {
  const urls = apiUrls(options.publicUrl);
  const reads = new ApiReads(options.store, urls);
  const document = buildOpenApiDocument(urls);
  const trust = options.trustProxy ?? proxyTrust(DEFAULT_TRUST_PROXY);

  const handler = async ({ req, res, target }: RequestContext): Promise<void> => {
    const instance = target.pathname;
    if (req.method === 'OPTIONS') return sendOptions(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendProblem(res, 405, {
        detail: `The API is read-only: ${req.method} is not allowed; use GET or HEAD.`,
        instance,
        headers: { Allow: API_METHODS },
      });
    }
    const limited = await rateLimit(req, options, trust);
    if (!limited.ok) {
      return sendProblem(res, 429, {
        detail: `Too many requests from this address; try again in ${limited.retryAfter} s.`,
        instance,
        headers: limited.headers,
      });
    }
    const match = matchRoute(target.segments);
    if (!match) {
      return sendProblem(res, 404, {
        detail: `No API route at ${instance}; the routes are listed in ${urls.api('/openapi.json')}.`,
        instance,
        headers: limited.headers,
      });
    }
    if (match.route.id === 'openapi') {
      return sendData(req, res, document, API_CACHE.document, limited.headers);
    }
    const answer = await reads.answer(match.route, match.params, target.search);
    if (answer.status !== 200) {
      return sendProblem(res, answer.status, { ...answer.problem, instance, headers: limited.headers });
    }
    return sendData(req, res, answer.body, answer.cacheControl, limited.headers);
  };

  return (['GET', 'OPTIONS', ...OTHER_METHODS] as Method[]).map((method) => ({
    method,
    path: '/api/v1/*',
    handler,
  }));
}

type Limited =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; retryAfter: number; headers: Record<string, string> };

async function rateLimit(req: IncomingMessage, options: ApiOptions, trust: ProxyTrust): Promise<Limited> {
  if (!options.limiter) return { ok: true, headers: {} };
  const limit = options.rateLimit ?? DEFAULT_API_LIMIT;
  const windowSeconds = Math.round(limit.windowMs / 1000);
  const policy = {
    'RateLimit-Limit': String(limit.capacity),
    'RateLimit-Policy': `${limit.capacity};w=${windowSeconds}`,
  };
  const decision = await options.limiter.take(rateKey(clientAddress(req, trust)));
  if (!decision.ok) {
    const seconds = String(decision.retryAfterSeconds);
    return {
      ok: false,
      retryAfter: decision.retryAfterSeconds,
      headers: { ...policy, 'RateLimit-Remaining': '0', 'RateLimit-Reset': seconds, 'Retry-After': seconds },
    };
  }
  const remaining = decision.remaining ?? limit.capacity - 1;
  // Seconds until the bucket is full again: one token per window/capacity.
  const reset = Math.ceil(((limit.capacity - remaining) * limit.windowMs) / limit.capacity / 1000);
  return {
    ok: true,
    headers: { ...policy, 'RateLimit-Remaining': String(remaining), 'RateLimit-Reset': String(reset) },
  };
}
