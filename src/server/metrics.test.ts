import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../lib/metrics/prometheus.js';
import { parsePrometheusText, sampleValue } from '../testing/metrics/prometheus-text.js';
import { makeSite, raw, type Served, serve } from '../testing/server/site.js';

const TOKEN = 'scrape-token-0123456789';
const site = makeSite();
const metrics = createPrometheusMetrics();
let open: Served;
let guarded: Served;

beforeAll(async () => {
  const common = { siteDir: site.siteDir, publicUrl: 'https://post.example', metrics };
  open = await serve({ ...common, exposition: metrics });
  guarded = await serve({
    ...common,
    exposition: { ...metrics, render: () => metrics.render(), bearerToken: TOKEN },
  });
});
afterAll(async () => {
  await open.close();
  await guarded.close();
  site.remove();
});

describe('GET /metrics', () => {
  it('answers the Prometheus text format, strictly parseable, with the requests served so far', async () => {
    await raw(open.base, '/');
    await raw(open.base, '/healthz');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const response = await raw(open.base, '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(metrics.contentType);
    expect(response.headers['cache-control']).toBe('no-store');
    const families = parsePrometheusText(response.body.toString());
    expect(families.get('morning_post_http_request_duration_seconds')?.type).toBe('histogram');
    expect(families.has('process_resident_memory_bytes')).toBe(true);
    const count = (route: string) =>
      sampleValue(families, 'morning_post_http_request_duration_seconds_count', { route, status: '200' });
    expect(count('static')).toBeGreaterThanOrEqual(1);
    expect(count('/healthz')).toBeGreaterThanOrEqual(1);
  });

  it('asks for the bearer token when one is set, and refuses a wrong one', async () => {
    const missing = await raw(guarded.base, '/metrics');
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(missing.body.toString()).not.toContain('morning_post');
    const wrong = await raw(guarded.base, '/metrics', { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const right = await raw(guarded.base, '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(() => parsePrometheusText(right.body.toString())).not.toThrow();
  });

  it('is not there when no exposition is given', async () => {
    const plain = await serve({ siteDir: site.siteDir, publicUrl: 'https://post.example' });
    try {
      expect((await raw(plain.base, '/metrics')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
