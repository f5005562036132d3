/**
 * @module server/access-log
 * One observation per request, when it closes: a `request` record at info level (method, path
 * with secrets in its query masked, status, bytes written to the connection for it, headers
 * included, milliseconds, request id) and one metric
 * observation by route and status. The static path is hot, so this is all it adds: no header is
 * set and nothing is computed unless one of the two is on. The route is the route table's path
 * for a routed request, `static` for everything else (files, 404s, refused targets).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics/metrics.js';
import type { Route } from './routes.js';

export interface RequestMeterOptions {
  log: Logger;
  /** Off: no access log records (metrics still count). */
  accessLog: boolean;
  metrics?: Metrics | undefined;
}

const LOGGED_PATH_LENGTH = 200;
/** Confirm and unsubscribe links carry working tokens: a log is no place for them. */
const SECRET_QUERY = /([?&][\w.-]*(?:token|key|secret|password|signature)[\w.-]*=)[^&#]*/gi;
/** A request id a proxy in front may have set, if it looks like one. */
const INBOUND_ID = /^[\w.:-]{1,64}$/;

export class RequestMeter {
  readonly #log: Logger;
  readonly #accessLog: boolean;
  readonly #metrics: Metrics | undefined;
  readonly #routeOf = new WeakMap<ServerResponse, string>();
  readonly #idPrefix = `${randomBytes(3).toString('hex')}-`;
  #sequence = 0;

  constructor(options: RequestMeterOptions) {
    this.#log = options.log;
    this.#accessLog = options.accessLog;
    this.#metrics = options.metrics;
  }

  /** Whether `observe` does anything at all. */
  get active(): boolean {
    return this.#accessLog || this.#metrics !== undefined;
  }

  /** The same routes, each recording its path as the request's route when it answers. */
  label(routes: readonly Route[]): Route[] {
    return routes.map((route) => ({
      ...route,
      handler: (context) => {
        this.#routeOf.set(context.res, route.path);
        return route.handler(context);
      },
    }));
  }

  /** Call once as a request arrives. */
  observe(req: IncomingMessage, res: ServerResponse): void {
    if (!this.active) return;
    const started = performance.now();
    // The socket's count, not Content-Length: static answers write their headers raw, and a
    // streamed or aborted answer has no length to read back.
    const socket = req.socket;
    const before = this.#accessLog ? socket.bytesWritten : 0;
    res.once('close', () => {
      const ms = performance.now() - started;
      const status = res.statusCode;
      this.#metrics?.request(this.#routeOf.get(res) ?? 'static', status, ms);
      if (!this.#accessLog) return;
      const inbound = req.headers['x-request-id'];
      const url = req.url ?? '';
      const bytes = socket.bytesWritten - before;
      this.#log.info('request', {
        id: typeof inbound === 'string' && INBOUND_ID.test(inbound) ? inbound : this.#nextId(),
        method: req.method,
        path: (url.includes('?') ? url.replace(SECRET_QUERY, '$1…') : url).slice(0, LOGGED_PATH_LENGTH),
        status,
        ...(Number.isFinite(bytes) ? { bytes } : {}),
        ms: Math.round(ms * 10) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });
  }

  #nextId(): string {
    this.#sequence += 1;
    return `${this.#idPrefix}${this.#sequence.toString(36)}`;
  }
}
