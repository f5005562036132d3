/**
 * @module server/app
 * The in-process request handler: security headers, the route table (health first, then the
 * routes a caller adds), and the static site as the fallback. Tests call it without a port of
 * its own; `startServer` puts it on one.
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { describeError } from '../core/errors.js';
import { type Logger, silentLogger } from '../lib/logger.js';
import { FileStore } from './file-store.js';
import { REPRESENTATION_HEADERS, securityHeaders } from './headers.js';
import { type HealthProbe, healthRoute, siteHealth } from './health.js';
import { parseRequestTarget } from './request-target.js';
import { methodNotAllowed, sendText } from './respond.js';
import { type Route, RouteTable } from './routes.js';
import { serveStatic } from './static-site.js';

export interface SiteServerOptions {
  /** The folder the site renderer writes. */
  siteDir: string;
  /** The public address (SiteSettings.url); https turns on Strict-Transport-Security. */
  publicUrl: string;
  log?: Logger;
  /** Defaults to checking that `siteDir/index.html` exists. */
  health?: HealthProbe;
  /** Answered before the static files, e.g. POST /subscribe. */
  routes?: readonly Route[];
  /** Memory for cached files and their compressed variants; 64 MiB by default. */
  cacheBytes?: number;
}

export type SiteHandler = (req: IncomingMessage, res: ServerResponse) => void;

const STATIC_METHODS = 'GET, HEAD';
const LOGGED_TARGET_LENGTH = 200;

export function createSiteHandler(options: SiteServerOptions): SiteHandler {
  const log = options.log ?? silentLogger;
  const security = securityHeaders(options.publicUrl);
  const files = new FileStore({ siteDir: options.siteDir, cacheBytes: options.cacheBytes });
  const table = new RouteTable([
    healthRoute(options.health ?? siteHealth(options.siteDir), log),
    ...(options.routes ?? []),
  ]);

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseRequestTarget(req.url);
    if (!target.ok) {
      sendText(res, target.status, `${STATUS_CODES[target.status]}: ${target.reason}\n`);
      return;
    }
    const method = req.method ?? 'GET';
    const match = table.match(method, target.pathname);
    if (match.kind === 'handler') return match.handler({ req, res, target, log });
    if (match.kind === 'method-not-allowed') return methodNotAllowed(res, match.allow);
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, STATIC_METHODS);
    return serveStatic(files, req, res, target);
  }

  return (req, res) => {
    const started = performance.now();
    for (const [name, value] of security) res.setHeader(name, value);
    res.once('close', () => {
      log.debug('request', {
        method: req.method,
        // Confirm and unsubscribe links carry working tokens: a log is no place for them.
        target: (req.url ?? '').replace(/([?&]token=)[^&]*/gi, '$1…').slice(0, LOGGED_TARGET_LENGTH),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });
    dispatch(req, res).catch((error: unknown) => fail(res, error, log));
  };
}

function fail(res: ServerResponse, error: unknown, log: Logger): void {
  log.error('request failed', { error: describeError(error) });
  if (res.headersSent) {
    // Part of a body is already out; cutting the connection is the only honest signal left.
    res.destroy();
    return;
  }
  for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
  sendText(res, 500, 'Internal Server Error\n');
}
