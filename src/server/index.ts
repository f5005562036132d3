/**
 * @module server
 * `startServer` puts the site handler on a port; `createSiteHandler` is the same app in process.
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MorningPostError } from '../core/errors.js';
import { createSiteHandler, type SiteServerOptions } from './app.js';

export type { SiteHandler, SiteServerOptions } from './app.js';
export { createSiteHandler } from './app.js';
export type { HealthCheck, HealthProbe, HealthReport } from './health.js';
export { siteHealth } from './health.js';
export { methodNotAllowed, sendJson, sendText } from './respond.js';
export type { Method, RequestContext, Route, RouteHandler } from './routes.js';

export interface StartServerOptions extends SiteServerOptions {
  port: number;
  /** Defaults to 127.0.0.1: exposing the server is a choice (e.g. `0.0.0.0` behind a proxy). */
  host?: string;
  /** How long `close()` lets requests in flight finish before cutting them; 5 s by default. */
  closeGraceMs?: number;
}

export interface RunningServer {
  /** `http://host:port` as actually bound (the real port when 0 was asked for). */
  url: string;
  /** Stops accepting, closes idle keep-alive connections, waits for requests in flight. */
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 },
    createSiteHandler(options),
  );
  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => reject(listenError(error, options));
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      resolve();
    });
  });
  server.on('error', (error) => options.log?.error('server error', { error: error.message }));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 5_000);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** A listen failure as one clear line with what to do, not a stack trace. */
function listenError(error: NodeJS.ErrnoException, options: StartServerOptions): Error {
  const where = `${options.host ?? '127.0.0.1'}:${options.port}`;
  if (error.code === 'EADDRINUSE')
    return new MorningPostError('CONFIG_INVALID', `Cannot listen on ${where}: the port is already in use.`, {
      hint: 'Stop the other server, or choose another port with --port N (or PORT).',
    });
  if (error.code === 'EACCES')
    return new MorningPostError('CONFIG_INVALID', `Cannot listen on ${where}: permission denied.`, {
      hint: 'Ports below 1024 need privileges; choose a port above 1024 with --port N (or PORT).',
    });
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return new MorningPostError('CONFIG_INVALID', `Cannot listen on ${where}: no such address here.`, {
      hint: 'Use an address of this machine with --host (127.0.0.1, 0.0.0.0 for all).',
    });
  return error;
}
