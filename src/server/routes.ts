/**
 * @module server/routes
 * The route table consulted before the static files: exact method + path → handler. Later
 * endpoints (POST /subscribe, GET /confirm, POST /unsubscribe) are entries here. A path ending in
 * `/*` is a prefix route: it answers every path under it (the JSON API routes its own paths), and
 * an exact path always wins over a prefix; the longest prefix wins among prefixes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../lib/logger.js';
import type { RequestTarget } from './request-target.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The validated, decoded path and the raw query string. */
  target: RequestTarget;
  log: Logger;
}

export type RouteHandler = (context: RequestContext) => void | Promise<void>;

export interface Route {
  method: Method;
  /** Exact, decoded path such as `/subscribe`, or a prefix such as `/api/v1/*` (everything under `/api/v1/`). */
  path: string;
  handler: RouteHandler;
}

export type RouteMatch =
  | { kind: 'handler'; handler: RouteHandler }
  | { kind: 'method-not-allowed'; allow: string }
  | { kind: 'none' };

export class RouteTable {
  readonly #byPath = new Map<string, Map<string, RouteHandler>>();
  /** Prefix routes (`/api/v1/` for `/api/v1/*`), longest first. */
  readonly #prefixes: string[] = [];

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      const methods = this.#byPath.get(route.path) ?? new Map<string, RouteHandler>();
      if (methods.has(route.method)) throw new Error(`duplicate route ${route.method} ${route.path}`);
      methods.set(route.method, route.handler);
      this.#byPath.set(route.path, methods);
      if (route.path.endsWith('/*') && !this.#prefixes.includes(route.path)) this.#prefixes.push(route.path);
    }
    this.#prefixes.sort((a, b) => b.length - a.length);
  }

  match(method: string, pathname: string): RouteMatch {
    const prefix = this.#prefixes.find((path) => pathname.startsWith(path.slice(0, -1)));
    const methods = this.#byPath.get(pathname) ?? (prefix ? this.#byPath.get(prefix) : undefined);
    if (!methods) return { kind: 'none' };
    // HEAD is GET without the body; Node discards what a GET handler writes.
    const handler = methods.get(method) ?? (method === 'HEAD' ? methods.get('GET') : undefined);
    if (handler) return { kind: 'handler', handler };
    const allow = [...methods.keys()];
    if (methods.has('GET') && !methods.has('HEAD')) allow.push('HEAD');
    return { kind: 'method-not-allowed', allow: allow.join(', ') };
  }
}
