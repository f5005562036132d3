/**
 * @module server/health
 * `GET /healthz` (liveness: the process answers and the site is built) and `GET /readyz`
 * (readiness: inside `serve`, the store answers; see readiness.ts): 200 when every check passes,
 * 503 otherwise; never cached.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import { sendJson } from './respond.js';
import type { Route } from './routes.js';

export interface HealthCheck {
  ok: boolean;
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks?: Record<string, HealthCheck>;
  [field: string]: unknown;
}

export type HealthProbe = () => Promise<HealthReport> | HealthReport;

/**
 * The default probe: the site has been rendered (its front page exists). With `edition`, the
 * report also says which edition this instance serves (from memory: `serve`'s site sync).
 */
export function siteHealth(siteDir: string, edition?: () => object | undefined): HealthProbe {
  return async () => {
    const ok = await stat(join(siteDir, 'index.html')).then(
      (stats) => stats.isFile(),
      () => false,
    );
    return {
      status: ok ? 'ok' : 'degraded',
      checks: { site: ok ? { ok } : { ok, detail: 'index.html is missing: the site has not been built' } },
      ...(edition ? { edition: edition() ?? null } : {}),
    };
  };
}

export function healthRoute(probe: HealthProbe, log: Logger, path = '/healthz'): Route {
  return {
    method: 'GET',
    path,
    handler: async ({ res }) => {
      let report: HealthReport;
      try {
        report = await probe();
      } catch (error) {
        // The reason goes to the log, not to whoever polls the endpoint.
        log.warn('health probe failed', { error: describeError(error) });
        report = { status: 'degraded', checks: { probe: { ok: false, detail: 'health probe failed' } } };
      }
      sendJson(res, report.status === 'ok' ? 200 : 503, report);
    },
  };
}
