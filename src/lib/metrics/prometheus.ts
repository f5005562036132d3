/**
 * @module lib/metrics/prometheus
 * Every metric family the Post exposes, in one place, on a registry of its own (never prom-client's
 * global one, so two servers, or two tests, in one process do not share counts). `GET /metrics`
 * renders it in the Prometheus text format. docs/operations.md, "Logs and metrics", lists them.
 *
 * A daily job runs once a day, so its durations are gauges of the last run rather than histograms;
 * the server's requests, which are many, get a histogram whose `_count` is the request counter.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.js';

export const METRIC_PREFIX = 'morning_post_';

export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
  /** The Content-Type of `render()`'s text. */
  readonly contentType: string;
  render(): Promise<string>;
}

export interface PrometheusOptions {
  /** Process metrics (CPU, memory, event loop lag, GC, handles); on by default. */
  processMetrics?: boolean;
}

const SERVER_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];
const UPSTREAM_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 60];

export function createPrometheusMetrics(options: PrometheusOptions = {}): PrometheusMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const name = (suffix: string) => `${METRIC_PREFIX}${suffix}`;

  // Collection, per source.
  const sourceLastRunOk = new Gauge({
    name: name('source_last_run_ok'),
    help: "1 when the source's last collection ended ok (or it was already collected ok today), 0 when partial or failed",
    labelNames: ['source'],
    registers,
  });
  const sourceLastRun = new Gauge({
    name: name('source_last_run_timestamp_seconds'),
    help: "When the source's last collection ended, in Unix seconds",
    labelNames: ['source'],
    registers,
  });
  const sourceRuns = new Counter({
    name: name('source_runs_total'),
    help: 'Collections by source and status (ok, partial, failed, skipped)',
    labelNames: ['source', 'status'],
    registers,
  });
  const sourceItems = new Counter({
    name: name('source_items_collected_total'),
    help: 'Items collected and stored, by source',
    labelNames: ['source'],
    registers,
  });
  const sourceDuration = new Gauge({
    name: name('source_last_duration_seconds'),
    help: "How long the source's last collection took",
    labelNames: ['source'],
    registers,
  });

  // Upstream HTTP, through the one client.
  const upstreamRequests = new Counter({
    name: name('upstream_requests_total'),
    help: 'Upstream HTTP attempts by host and status class (2xx, 3xx, 4xx, 5xx; timeout or error when no answer came)',
    labelNames: ['host', 'status_class'],
    registers,
  });
  const upstreamDuration = new Histogram({
    name: name('upstream_request_duration_seconds'),
    help: 'Upstream HTTP attempts by host: time from sending to the whole body',
    labelNames: ['host'],
    buckets: UPSTREAM_BUCKETS,
    registers,
  });
  const upstreamRetries = new Counter({
    name: name('upstream_retries_total'),
    help: 'Upstream retries by host and reason (the status, or timeout / network)',
    labelNames: ['host', 'reason'],
    registers,
  });
  const rateLimitWaits = new Counter({
    name: name('upstream_rate_limit_waits_total'),
    help: 'Waits before a request: asked by upstream (via retry-after, x-ratelimit-reset, ratelimit) or our spacing rule (via spacing)',
    labelNames: ['host', 'via'],
    registers,
  });
  const rateLimitSeconds = new Counter({
    name: name('upstream_rate_limit_wait_seconds_total'),
    help: 'Seconds spent in those waits',
    labelNames: ['host', 'via'],
    registers,
  });

  // Editions.
  const editionBuilds = new Counter({
    name: name('edition_builds_total'),
    help: 'Editions built, by data mode (live, stored, sample)',
    labelNames: ['data_mode'],
    registers,
  });
  const editionDuration = new Gauge({
    name: name('edition_last_build_duration_seconds'),
    help: 'How long the last edition took to plan, write and save (collection not included)',
    registers,
  });
  const editionBuilt = new Gauge({
    name: name('edition_last_build_timestamp_seconds'),
    help: 'When the last edition was built, in Unix seconds',
    registers,
  });
  const sectionWriter = new Gauge({
    name: name('edition_section_writer'),
    help: 'The writer of each section of the last edition built (value 1)',
    labelNames: ['section', 'writer'],
    registers,
  });
  const sectionsWritten = new Counter({
    name: name('edition_sections_written_total'),
    help: 'Sections written, by writer (newsroom when an LLM section fell back)',
    labelNames: ['writer'],
    registers,
  });

  // Delivery.
  const deliveries = new Counter({
    name: name('deliveries_total'),
    help: 'Deliveries by channel and outcome (sent, failed, bounced, skipped)',
    labelNames: ['channel', 'outcome'],
    registers,
  });
  const inDoubt = new Counter({
    name: name('deliveries_in_doubt_total'),
    help: 'Deliveries found half-done (sending) after a crash, and sent again with the same Message-ID',
    labelNames: ['channel'],
    registers,
  });
  const deliveryRetries = new Counter({
    name: name('delivery_retries_total'),
    help: 'Delivery attempts retried after a transient failure',
    labelNames: ['channel'],
    registers,
  });

  // The daily job.
  const stepDuration = new Gauge({
    name: name('job_step_last_duration_seconds'),
    help: "How long the daily job's step took the last time it ran",
    labelNames: ['step'],
    registers,
  });
  const steps = new Counter({
    name: name('job_steps_total'),
    help: 'Daily job steps run, by step and outcome (done, stopped, failed)',
    labelNames: ['step', 'outcome'],
    registers,
  });
  const jobRuns = new Counter({
    name: name('job_runs_total'),
    help: 'Daily job runs by outcome (done; locked: another process had it; stopped; failed; lost: its lock was taken)',
    labelNames: ['outcome'],
    registers,
  });
  const jobCompleted = new Gauge({
    name: name('job_last_completed_timestamp_seconds'),
    help: 'When a daily job last ran to the end, in Unix seconds',
    registers,
  });

  // The server.
  const requests = new Histogram({
    name: name('http_request_duration_seconds'),
    help: 'Requests the server answered, by route (a route path, static, or invalid) and status; _count counts them',
    labelNames: ['route', 'status'],
    buckets: SERVER_BUCKETS,
    registers,
  });
  // The request path is hot: a child per route and status, found without building a label key.
  const requestChildren = new Map<string, Map<number, Histogram.Internal<'route' | 'status'>>>();

  const seconds = (ms: number) => ms / 1000;
  const unix = (at: Date) => at.getTime() / 1000;

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    http: {
      attempt({ host, status, error, durationMs }) {
        const statusClass =
          status !== undefined
            ? `${Math.floor(status / 100)}xx`
            : error === 'HTTP_TIMEOUT'
              ? 'timeout'
              : 'error';
        upstreamRequests.inc({ host, status_class: statusClass });
        upstreamDuration.observe({ host }, seconds(durationMs));
      },
      retry({ host, reason, waitMs, via }) {
        upstreamRetries.inc({ host, reason });
        if (via) {
          rateLimitWaits.inc({ host, via });
          rateLimitSeconds.inc({ host, via }, seconds(waitMs));
        }
      },
      spacing({ host, waitMs }) {
        rateLimitWaits.inc({ host, via: 'spacing' });
        rateLimitSeconds.inc({ host, via: 'spacing' }, seconds(waitMs));
      },
    },
    sourceRun({ source, status, items, durationMs, at }) {
      sourceRuns.inc({ source, status });
      sourceLastRunOk.set({ source }, status === 'ok' || status === 'skipped' ? 1 : 0);
      sourceLastRun.set({ source }, unix(at));
      if (status === 'skipped') return;
      sourceItems.inc({ source }, items);
      sourceDuration.set({ source }, seconds(durationMs));
    },
    editionBuilt({ dataMode, durationMs, writers, at }) {
      editionBuilds.inc({ data_mode: dataMode });
      editionDuration.set(seconds(durationMs));
      editionBuilt.set(unix(at));
      // Only the last edition's writers: yesterday's pairs would otherwise stay at 1.
      sectionWriter.reset();
      for (const [section, writer] of Object.entries(writers)) {
        sectionWriter.set({ section, writer }, 1);
        sectionsWritten.inc({ writer });
      }
    },
    delivery(channel, outcome, count = 1) {
      if (count > 0) deliveries.inc({ channel, outcome }, count);
    },
    deliveryInDoubt(channel, count) {
      if (count > 0) inDoubt.inc({ channel }, count);
    },
    deliveryRetry(channel) {
      deliveryRetries.inc({ channel });
    },
    jobStep({ step, outcome, durationMs }) {
      steps.inc({ step, outcome });
      stepDuration.set({ step }, seconds(durationMs));
    },
    jobRun({ outcome, at }) {
      jobRuns.inc({ outcome });
      if (outcome === 'done') jobCompleted.set(unix(at));
    },
    request(route, status, durationMs) {
      let byStatus = requestChildren.get(route);
      if (!byStatus) {
        byStatus = new Map();
        requestChildren.set(route, byStatus);
      }
      let child = byStatus.get(status);
      if (!child) {
        child = requests.labels({ route, status: String(status) });
        byStatus.set(status, child);
      }
      child.observe(seconds(durationMs));
    },
  };
}
