/**
 * @module server/search
 * `GET /search?q=…&type=…&cursor=…` (and HEAD): the search page, rendered per request from
 * store.search, in the site's layout and without script.
 *
 * - An empty `q` answers the form alone (200); a query with no letter or digit says so (200).
 * - An unknown `type` or a malformed `cursor` answers 400 with the form and a plain message.
 * - Each client (its address, as the subscription limits read it) gets `rateLimit` searches, from
 *   buckets in the store shared by every instance when `serve` passes a StoreRateLimiter; over it,
 *   429 with Retry-After.
 * - A store that fails answers 503 (Retry-After: 30), never a stack trace.
 * - Answers are `noindex` (header and meta) and cacheable for a minute (`public, max-age=60`):
 *   a hit list changes once a day, and a cache in front absorbs a burst of the same query.
 */
import type { ServerResponse } from 'node:http';
import { describeError } from '../core/errors.js';
import { DEFAULT_TRUST_PROXY, type ProxyTrust, proxyTrust } from '../lib/proxy-trust.js';
import type { SiteContext } from '../renderers/site/context.js';
import { searchPages } from '../renderers/site/search-page.js';
import { DEFAULT_SEARCH_LIMIT, parseSearchCursor } from '../store/search.js';
import { SEARCH_TYPES, type SearchStore, type SearchType } from '../store/store.js';
import { CACHE_NONE } from './headers.js';
import { send } from './respond.js';
import type { RequestContext, Route } from './routes.js';
import { clientAddress, type RateLimiting, rateKey } from './subscriptions/rate-limit.js';

export const SEARCH_CACHE = 'public, max-age=60';
/** Searches per client: a burst of 30, then one every two seconds. */
export const DEFAULT_SEARCH_RATE = { capacity: 30, windowMs: 60_000 };

export interface SearchRouteOptions {
  search: SearchStore;
  /** The site's address and channel, as every page gets them. */
  site: SiteContext;
  /** Shared buckets (StoreRateLimiter with scope `search`); no limit when absent. */
  limiter?: RateLimiting;
  /** Whose X-Forwarded-For names the client; loopback by default. */
  trustProxy?: ProxyTrust;
  /** Hits per page; 20 by default. */
  pageSize?: number;
}

export function searchRoutes(options: SearchRouteOptions): Route[] {
  const pages = searchPages(options.site);
  const trustProxy = options.trustProxy ?? proxyTrust(DEFAULT_TRUST_PROXY);
  const limit = options.pageSize ?? DEFAULT_SEARCH_LIMIT;

  const answer = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
    send(res, status, Buffer.from(body), {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': status === 200 ? SEARCH_CACHE : CACHE_NONE,
      'X-Robots-Tag': 'noindex',
      ...headers,
    });

  async function getSearch({ req, res, target, log }: RequestContext): Promise<void> {
    const params = new URLSearchParams(target.search);
    const q = params.get('q') ?? '';
    const typeParam = params.get('type') ?? '';
    const cursorParam = params.get('cursor') ?? undefined;
    const type = (SEARCH_TYPES as readonly string[]).includes(typeParam)
      ? (typeParam as SearchType)
      : undefined;
    if (typeParam !== '' && !type) {
      return answer(
        res,
        400,
        pages.render({ q, problem: 'There is no such kind of result to show. Choose one from the list.' }),
      );
    }
    const offset = parseSearchCursor(cursorParam);
    if (cursorParam !== undefined && cursorParam !== '' && offset === undefined) {
      return answer(
        res,
        400,
        pages.render({
          q,
          ...(type ? { type } : {}),
          problem: 'That page of results does not exist. Search again from the first page.',
        }),
      );
    }
    if (q.trim() === '') return answer(res, 200, pages.render({ q: '', ...(type ? { type } : {}) }));

    if (options.limiter) {
      let decision: Awaited<ReturnType<RateLimiting['take']>>;
      try {
        decision = await options.limiter.take(rateKey(clientAddress(req, trustProxy)));
      } catch (error) {
        // A limit that cannot be read must not take search down with it.
        log.warn('search rate limit unavailable; answering anyway', { error: describeError(error) });
        decision = { ok: true };
      }
      if (!decision.ok) {
        return answer(
          res,
          429,
          pages.render({
            q,
            ...(type ? { type } : {}),
            problem: 'Too many searches from your address. Please wait a moment and try again.',
          }),
          { 'Retry-After': String(decision.retryAfterSeconds) },
        );
      }
    }
    try {
      const results = await options.search.query({
        q,
        ...(type ? { types: [type] } : {}),
        limit,
        ...(offset ? { cursor: String(offset) } : {}),
      });
      answer(res, 200, pages.render({ q, ...(type ? { type } : {}), results, offset: offset ?? 0, limit }));
    } catch (error) {
      log.error('search failed', { error: describeError(error) });
      answer(
        res,
        503,
        pages.render({
          q,
          ...(type ? { type } : {}),
          problem: 'Search is not available right now. Please try again in a minute.',
        }),
        { 'Retry-After': '30' },
      );
    }
  }

  return [{ method: 'GET', path: '/search', handler: getSearch }];
}
