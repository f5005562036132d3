/**
 * @module server/respond
 * Small response writers shared by the static files and the routes.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { CACHE_NONE } from './headers.js';

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: OutgoingHttpHeaders = {},
): void {
  send(res, status, Buffer.from(text), {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': CACHE_NONE,
    ...headers,
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  send(res, status, Buffer.from(`${JSON.stringify(value, null, 2)}\n`), {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': CACHE_NONE,
    ...headers,
  });
}

/** Node drops the body of a HEAD response itself; Content-Length still tells its size. */
export function send(res: ServerResponse, status: number, body: Buffer, headers: OutgoingHttpHeaders): void {
  res.writeHead(status, { ...headers, 'Content-Length': body.length });
  res.end(body);
}

export function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendText(res, 405, 'Method Not Allowed\n', { Allow: allow });
}
