import { afterAll, describe, expect, it } from 'vitest';
import { type LogRecord, memoryLogger } from '../lib/logger.js';
import { createPrometheusMetrics } from '../lib/metrics/prometheus.js';
import { parsePrometheusText, sampleValue } from '../testing/metrics/prometheus-text.js';
import { EDITION_HTML, makeSite, raw, serve } from '../testing/server/site.js';

const site = makeSite();
afterAll(() => site.remove());

const requests = (records: LogRecord[]) => records.filter((record) => record.message === 'request');
/** The record is written when the response closes, a moment after the client has it all. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the access log', () => {
  it('records each request once: id, method, path, status, bytes and milliseconds', async () => {
    const log = memoryLogger();
    const server = await serve({ siteDir: site.siteDir, publicUrl: 'https://post.example', log });
    try {
      await raw(server.base, '/');
      await raw(server.base, '/nowhere');
      await raw(server.base, '/', { method: 'HEAD' });
      await settle();
    } finally {
      await server.close();
    }
    const [page, missing, head] = requests(log.records);
    expect(page).toMatchObject({
      level: 'info',
      fields: { method: 'GET', path: '/', status: 200, bytes: expect.any(Number), ms: expect.any(Number) },
    });
    // Headers and body as written: the page is larger than its HEAD, which is headers alone.
    expect(Number(page?.fields?.bytes)).toBeGreaterThan(Buffer.byteLength(EDITION_HTML) / 10);
    expect(Number(head?.fields?.bytes)).toBeGreaterThan(100);
    expect(Number(head?.fields?.bytes)).toBeLessThan(Number(page?.fields?.bytes));
    expect(missing?.fields).toMatchObject({ path: '/nowhere', status: 404 });
    expect(head?.fields).toMatchObject({ method: 'HEAD', status: 200 });
    const ids = requests(log.records).map((record) => record.fields?.id);
    expect(new Set(ids).size).toBe(3);
  });

  it("masks secrets in the query and keeps a proxy's request id", async () => {
    const log = memoryLogger();
    const server = await serve({ siteDir: site.siteDir, publicUrl: 'https://post.example', log });
    try {
      await raw(server.base, '/robots.txt?token=tok_live_secret&api_key=k123&ref=mail', {
        headers: { 'x-request-id': 'edge-42.a' },
      });
      await raw(server.base, '/robots.txt', { headers: { 'x-request-id': 'no spaces or "quotes" please' } });
      await settle();
    } finally {
      await server.close();
    }
    const [masked, odd] = requests(log.records);
    expect(masked?.fields).toMatchObject({ id: 'edge-42.a', path: '/robots.txt?token=…&api_key=…&ref=mail' });
    expect(JSON.stringify(log.records)).not.toMatch(/tok_live_secret|k123/);
    expect(odd?.fields?.id).not.toContain('quotes');
  });

  it('is silent when turned off, while the request metrics still count', async () => {
    const log = memoryLogger();
    const metrics = createPrometheusMetrics({ processMetrics: false });
    const server = await serve({
      siteDir: site.siteDir,
      publicUrl: 'https://post.example',
      log,
      accessLog: false,
      metrics,
    });
    try {
      await raw(server.base, '/');
      await raw(server.base, '/healthz');
      await raw(server.base, '/healthz', { method: 'POST' });
      await raw(server.base, '/%00');
      await settle();
    } finally {
      await server.close();
    }
    expect(requests(log.records)).toEqual([]);
    const families = parsePrometheusText(await metrics.render());
    const count = (labels: Record<string, string>) =>
      sampleValue(families, 'morning_post_http_request_duration_seconds_count', labels);
    expect(count({ route: 'static', status: '200' })).toBe(1);
    expect(count({ route: '/healthz', status: '200' })).toBe(1);
    // Refused before any route answers: counted under static, by status.
    expect(count({ route: 'static', status: '405' })).toBe(1);
    expect(count({ route: 'static', status: '400' })).toBe(1);
  });
});
