import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../../testing/metrics/prometheus-text.js';
import { noopMetrics } from './metrics.js';
import { createPrometheusMetrics } from './prometheus.js';

const AT = new Date('2026-08-23T06:00:00Z');

describe('the Prometheus metrics', () => {
  it('renders every family in strict text format, process metrics included', async () => {
    const metrics = createPrometheusMetrics();
    metrics.sourceRun({ source: 'hf-models', status: 'ok', items: 100, durationMs: 1500, at: AT });
    metrics.http.attempt({ host: 'huggingface.co', status: 200, durationMs: 120 });
    metrics.request('static', 200, 1.5);
    const families = parsePrometheusText(await metrics.render());
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'morning_post_source_last_run_ok',
      'morning_post_source_runs_total',
      'morning_post_source_items_collected_total',
      'morning_post_source_last_duration_seconds',
      'morning_post_upstream_requests_total',
      'morning_post_upstream_retries_total',
      'morning_post_upstream_rate_limit_waits_total',
      'morning_post_edition_builds_total',
      'morning_post_edition_section_writer',
      'morning_post_deliveries_total',
      'morning_post_deliveries_in_doubt_total',
      'morning_post_job_steps_total',
      'morning_post_job_step_last_duration_seconds',
      'morning_post_http_request_duration_seconds',
    ])
      expect(families.has(name), name).toBe(true);
  });

  it('counts what the stages report, with their labels', async () => {
    const metrics = createPrometheusMetrics({ processMetrics: false });
    metrics.sourceRun({ source: 'hf-models', status: 'ok', items: 100, durationMs: 1500, at: AT });
    metrics.sourceRun({ source: 'arxiv', status: 'failed', items: 0, durationMs: 200, at: AT });
    metrics.http.attempt({ host: 'export.arxiv.org', error: 'HTTP_TIMEOUT', durationMs: 20_000 });
    metrics.http.attempt({ host: 'export.arxiv.org', status: 503, durationMs: 100 });
    metrics.http.retry({ host: 'export.arxiv.org', reason: '503', waitMs: 4000, via: 'retry-after' });
    metrics.http.retry({ host: 'export.arxiv.org', reason: 'timeout', waitMs: 700 });
    metrics.http.spacing({ host: 'export.arxiv.org', waitMs: 3000 });
    metrics.delivery('email', 'sent', 3);
    metrics.delivery('email', 'bounced');
    metrics.request('/healthz', 200, 2);
    metrics.request('/healthz', 200, 4);
    metrics.request('static', 404, 1);
    const families = parsePrometheusText(await metrics.render());
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(families, name, labels);

    expect(families.has('process_cpu_seconds_total')).toBe(false);
    expect(value('morning_post_source_last_run_ok', { source: 'hf-models' })).toBe(1);
    expect(value('morning_post_source_last_run_ok', { source: 'arxiv' })).toBe(0);
    expect(value('morning_post_source_runs_total', { source: 'arxiv', status: 'failed' })).toBe(1);
    expect(value('morning_post_source_items_collected_total', { source: 'hf-models' })).toBe(100);
    expect(value('morning_post_source_last_duration_seconds', { source: 'hf-models' })).toBe(1.5);
    expect(value('morning_post_source_last_run_timestamp_seconds', { source: 'arxiv' })).toBe(
      AT.getTime() / 1000,
    );
    expect(value('morning_post_upstream_requests_total', { status_class: 'timeout' })).toBe(1);
    expect(value('morning_post_upstream_requests_total', { status_class: '5xx' })).toBe(1);
    expect(value('morning_post_upstream_retries_total', { reason: '503' })).toBe(1);
    expect(value('morning_post_upstream_rate_limit_waits_total', { via: 'retry-after' })).toBe(1);
    expect(value('morning_post_upstream_rate_limit_wait_seconds_total', { via: 'spacing' })).toBe(3);
    expect(value('morning_post_deliveries_total', { channel: 'email', outcome: 'sent' })).toBe(3);
    expect(value('morning_post_deliveries_total', { channel: 'email', outcome: 'bounced' })).toBe(1);
    expect(
      value('morning_post_http_request_duration_seconds_count', { route: '/healthz', status: '200' }),
    ).toBe(2);
    expect(
      value('morning_post_http_request_duration_seconds_sum', { route: '/healthz', status: '200' }),
    ).toBe(0.006);
    expect(
      value('morning_post_http_request_duration_seconds_count', { route: 'static', status: '404' }),
    ).toBe(1);
  });

  it("keeps only the last edition's writer per section", async () => {
    const metrics = createPrometheusMetrics({ processMetrics: false });
    metrics.editionBuilt({
      dataMode: 'live',
      durationMs: 800,
      writers: { lead: 'openai:gpt-x', tools: 'newsroom' },
      at: AT,
    });
    metrics.editionBuilt({
      dataMode: 'stored',
      durationMs: 600,
      writers: { lead: 'newsroom', tools: 'newsroom' },
      at: AT,
    });
    const families = parsePrometheusText(await metrics.render());
    expect(families.get('morning_post_edition_section_writer')?.samples.map((s) => s.labels)).toEqual([
      { section: 'lead', writer: 'newsroom' },
      { section: 'tools', writer: 'newsroom' },
    ]);
    expect(sampleValue(families, 'morning_post_edition_sections_written_total', { writer: 'newsroom' })).toBe(
      3,
    );
    expect(sampleValue(families, 'morning_post_edition_builds_total', { data_mode: 'stored' })).toBe(1);
    expect(sampleValue(families, 'morning_post_edition_last_build_duration_seconds')).toBe(0.6);
  });

  it('gives each instance its own registry', async () => {
    const one = createPrometheusMetrics({ processMetrics: false });
    const two = createPrometheusMetrics({ processMetrics: false });
    one.jobRun({ outcome: 'done', at: AT });
    const families = parsePrometheusText(await two.render());
    expect(sampleValue(families, 'morning_post_job_runs_total', { outcome: 'done' })).toBeUndefined();
    expect(
      sampleValue(
        parsePrometheusText(await one.render()),
        'morning_post_job_last_completed_timestamp_seconds',
      ),
    ).toBe(AT.getTime() / 1000);
  });

  it('has a no-op twin that accepts every event', () => {
    expect(() => {
      noopMetrics.sourceRun({ source: 'x', status: 'ok', items: 1, durationMs: 1, at: AT });
      noopMetrics.http.attempt({ host: 'h', status: 200, durationMs: 1 });
      noopMetrics.request('static', 200, 1);
    }).not.toThrow();
  });
});
