/**
 * @module server/app
 * The in-process request handler: security headers, the route table (health first, then the
 * routes a caller adds), and the static site as the fallback. Tests call it without a port of
 * its own; `startServer` puts it on one.
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { describeError } from '../core/errors.js';
import { type Logger, silentLogger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics/metrics.js';
import { RequestMeter } from './access-log.js';
import { FileStore } from './file-store.js';
import { REPRESENTATION_HEADERS, securityHeaders } from './headers.js';
import { type HealthProbe, healthRoute, siteHealth } from './health.js';
import { type MetricsExposition, metricsRoute } from './metrics.js';
import { parseRequestTarget } from './request-target.js';
import { methodNotAllowed, sendText } from './respond.js';
import { type Route, RouteTable } from './routes.js';
import { StaticSite } from './static-site.js';

export interface SiteServerOptions {
  /** The folder the site renderer writes. */
  siteDir: string;
  /** The public address (SiteSettings.url); https turns on Strict-Transport-Security. */
  publicUrl: string;
  log?: Logger;
  /** Defaults to checking that `siteDir/index.html` exists. */
  health?: HealthProbe;
  /** `GET /readyz`; the health probe when absent. `serve` checks the store (readiness.ts). */
  readiness?: HealthProbe;
  /** One `request` record per request at info level; on by default (server.accessLog). */
  accessLog?: boolean;
  /** Counts requests by route and status. */
  metrics?: Metrics;
  /** Answers `GET /metrics` when given. */
  exposition?: MetricsExposition;
  /** Answered before the static files, e.g. POST /subscribe. */
  routes?: readonly Route[];
  /** Memory for cached files and their compressed variants; 64 MiB by default. */
  cacheBytes?: number;
}

export type SiteHandler = (req: IncomingMessage, res: ServerResponse) => void;

const STATIC_METHODS = 'GET, HEAD';

export function createSiteHandler(options: SiteServerOptions): SiteHandler {
  const log = options.log ?? silentLogger;
  const security = securityHeaders(options.publicUrl);
  const site = new StaticSite(
    new FileStore({ siteDir: options.siteDir, cacheBytes: options.cacheBytes }),
    security,
  );
  const secure = (res: ServerResponse) => {
    for (const [name, value] of security) res.setHeader(name, value);
  };
  const meter = new RequestMeter({ log, accessLog: options.accessLog ?? true, metrics: options.metrics });
  const health = options.health ?? siteHealth(options.siteDir);
  const table = new RouteTable(
    meter.label([
      healthRoute(health, log),
      healthRoute(options.readiness ?? health, log, '/readyz'),
      ...(options.exposition ? [metricsRoute(options.exposition)] : []),
      ...(options.routes ?? []),
    ]),
  );

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseRequestTarget(req.url);
    if (!target.ok) {
      secure(res);
      sendText(res, target.status, `${STATUS_CODES[target.status]}: ${target.reason}\n`);
      return;
    }
    const method = req.method ?? 'GET';
    const match = table.match(method, target.pathname);
    // Static answers carry the security headers in the header lists prepared once per file.
    if (match.kind === 'none' && (method === 'GET' || method === 'HEAD')) return site.serve(req, res, target);
    secure(res);
    if (match.kind === 'handler') return match.handler({ req, res, target, log });
    if (match.kind === 'method-not-allowed') return methodNotAllowed(res, match.allow);
    return methodNotAllowed(res, STATIC_METHODS);
  }

  return (req, res) => {
    meter.observe(req, res);
    dispatch(req, res).catch((error: unknown) => fail(res, error, log, secure));
  };
}

function fail(res: ServerResponse, error: unknown, log: Logger, secure: (res: ServerResponse) => void): void {
  log.error('request failed', { error: describeError(error) });
  if (res.headersSent) {
    // Part of a body is already out; cutting the connection is the only honest signal left.
    res.destroy();
    return;
  }
  for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
  secure(res);
  sendText(res, 500, 'Internal Server Error\n');
}
