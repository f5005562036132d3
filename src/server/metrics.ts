/**
 * @module server/metrics
 * `GET /metrics`: the process's metrics in the Prometheus text format, never cached. With a token
 * set (MORNING_POST_METRICS_TOKEN), only `Authorization: Bearer <token>` is answered; a wrong or
 * missing one gets 401 and nothing else.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { describeError } from '../core/errors.js';
import { CACHE_NONE } from './headers.js';
import { send, sendText } from './respond.js';
import type { Route } from './routes.js';

export interface MetricsExposition {
  contentType: string;
  render(): Promise<string>;
  /** When set, scrapers must send it as a bearer token. */
  bearerToken?: string | undefined;
}

export function metricsRoute(exposition: MetricsExposition): Route {
  const expected = exposition.bearerToken ? digest(exposition.bearerToken) : undefined;
  return {
    method: 'GET',
    path: '/metrics',
    handler: async ({ req, res, log }) => {
      if (expected) {
        const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
        // Digests of equal length, so the comparison takes the same time whatever was sent.
        if (!given || !timingSafeEqual(digest(given), expected)) {
          sendText(res, 401, 'Unauthorized\n', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
          return;
        }
      }
      let text: string;
      try {
        text = await exposition.render();
      } catch (error) {
        log.error('metrics failed to render', { error: describeError(error) });
        sendText(res, 500, 'Internal Server Error\n');
        return;
      }
      send(res, 200, Buffer.from(text), {
        'Content-Type': exposition.contentType,
        'Cache-Control': CACHE_NONE,
      });
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();
