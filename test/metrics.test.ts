/**
 * `/metrics` as `morning-post serve` fills it: a collection replayed from a recording, one through
 * an upstream that rate-limits once and fails another source, and the daily job run in process
 * (the fake source collected into SQLite, the edition built by newsroom, email through a real SMTP
 * server with one address refused for good, a post through the fake Bot API). The page is then
 * read by a strict Prometheus text parser and every family is checked for its labels and values.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/schema.js';
import { fixedClock } from '../src/core/clock.js';
import { memoryLogger } from '../src/lib/logger.js';
import { createPrometheusMetrics } from '../src/lib/metrics/prometheus.js';
import { dayCollector } from '../src/pipeline/collect.js';
import { runDailyJob } from '../src/scheduler/job.js';
import { dailySteps } from '../src/scheduler/steps.js';
import { openStore } from '../src/store/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/email/smtp-server.js';
import {
  type MetricFamily,
  parsePrometheusText,
  sampleValue,
} from '../src/testing/metrics/prometheus-text.js';
import { raw, serve } from '../src/testing/server/site.js';
import { fakeUpstream } from '../src/testing/sources/upstream.js';
import { type FakeTelegramApi, startFakeTelegramApi } from '../src/testing/telegram/bot-api.js';
import { newsroomWriter } from '../src/writers/newsroom/index.js';

const DAY = '2026-11-27';
const REPLAY_DAY = '2026-11-20';
const FAULT_DAY = '2026-11-21';

describe('/metrics after a collection, an edition and a delivery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-metrics-'));
  const log = memoryLogger();
  const metrics = createPrometheusMetrics();
  let smtp: TestSmtpServer;
  let telegram: FakeTelegramApi;
  let store: Store;
  let families: Map<string, MetricFamily>;
  const value = (name: string, labels: Record<string, string> = {}) => sampleValue(families, name, labels);

  const config = (extra: Record<string, unknown> = {}) =>
    ConfigSchema.parse({
      dataDir: join(dir, 'data'),
      site: { dir: join(dir, 'site'), url: 'https://post.example.org', telegramChannel: '@morningpost' },
      email: { smtpUrl: smtp.url, from: 'The AI Morning Post <post@example.org>' },
      telegram: { botToken: telegram.token, apiUrl: telegram.url },
      http: { cacheDir: 'off', retries: 1 },
      ...extra,
    });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    telegram = await startFakeTelegramApi();
    store = await openStore({ databaseUrl: undefined, dataDir: join(dir, 'data') });
    await store.migrate();
    smtp.onRcpt = (address) =>
      address === 'gone@example.org' ? { code: 550, message: 'No such user' } : undefined;
    for (const email of ['a@example.org', 'b@example.org', 'gone@example.org'])
      await store.subscribers.addConfirmed({
        email,
        consentSource: 'test',
        consentAt: `${DAY}T00:00:00Z`,
        at: `${DAY}T00:00:00Z`,
      });

    // 1. Every live source recorded from the fake upstream, then collected again from the recording.
    const recordings = join(dir, 'recordings');
    const scratch = createSqliteStore({ file: ':memory:' });
    await scratch.migrate();
    const recordClock = fixedClock(`${REPLAY_DAY}T06:00:00Z`);
    await dayCollector({
      store: scratch,
      runtime: {
        config: config(),
        clock: recordClock,
        log,
        transport: fakeUpstream(),
        recordDir: recordings,
      },
    })(REPLAY_DAY);
    await scratch.close();
    expect(readdirSync(recordings).some((name) => name.endsWith('.har'))).toBe(true);
    const replayStore = createSqliteStore({ file: ':memory:' });
    await replayStore.migrate();
    const replayed = await dayCollector({
      store: replayStore,
      runtime: { config: config(), clock: recordClock, log, replayDir: recordings, metrics },
    })(REPLAY_DAY);
    await replayStore.close();
    expect(replayed.rows.every((row) => row.status === 'ok')).toBe(true);

    // 2. Papers rate-limited once (Retry-After: 2), GitHub releases failing for good.
    const faultStore = createSqliteStore({ file: ':memory:' });
    await faultStore.migrate();
    await dayCollector({
      store: faultStore,
      runtime: {
        config: config({ sources: ['hf-papers', 'github-releases', 'arxiv'] }),
        clock: fixedClock(`${FAULT_DAY}T06:00:00Z`),
        log,
        transport: fakeUpstream({
          'hf-papers': { kind: 'status', status: 429, headers: { 'retry-after': '2' }, times: 1 },
          'github-releases': { kind: 'status', status: 500 },
        }),
        metrics,
      },
    })(FAULT_DAY);
    await faultStore.close();

    // 3. The daily job in process, as `serve` runs it.
    const clock = fixedClock(`${DAY}T06:00:00Z`);
    const outcome = await runDailyJob({
      day: DAY,
      locks: store.locks,
      runs: store.jobRuns,
      steps: dailySteps({
        store,
        config: config({ sources: ['fake'] }),
        clock,
        log,
        writer: newsroomWriter,
        metrics,
      }),
      clock,
      log,
      metrics,
    });
    expect(outcome, JSON.stringify(log.records.filter((r) => r.level === 'error'))).toMatchObject({
      status: 'done',
    });

    // 4. The page, read over HTTP from the server that answers the site.
    const server = await serve({
      siteDir: join(dir, 'site'),
      publicUrl: 'https://post.example.org',
      log,
      metrics,
      exposition: metrics,
    });
    try {
      expect((await raw(server.base, '/')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await raw(server.base, '/metrics');
      expect(response.status).toBe(200);
      families = parsePrometheusText(response.body.toString());
    } finally {
      await server.close();
    }
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await smtp?.close();
    await telegram?.close();
  });

  it('says how each source did, with its items and duration', () => {
    for (const source of ['fake', 'hf-models', 'hf-datasets', 'github-trending', 'arxiv']) {
      expect(value('morning_post_source_last_run_ok', { source }), source).toBe(1);
      expect(value('morning_post_source_items_collected_total', { source }), source).toBeGreaterThan(0);
      expect(value('morning_post_source_last_duration_seconds', { source }), source).toBeGreaterThanOrEqual(
        0,
      );
    }
    expect(value('morning_post_source_last_run_ok', { source: 'github-releases' })).toBe(0);
    expect(value('morning_post_source_runs_total', { source: 'github-releases', status: 'ok' })).toBe(1);
    const failedRuns = ['partial', 'failed'].map(
      (status) => value('morning_post_source_runs_total', { source: 'github-releases', status }) ?? 0,
    );
    expect(failedRuns.reduce((a, b) => a + b)).toBe(1);
    expect(value('morning_post_source_last_run_timestamp_seconds', { source: 'fake' })).toBe(
      Date.parse(`${DAY}T06:00:00Z`) / 1000,
    );
  });

  it('counts upstream requests by host and status class, retries, and rate-limit waits', () => {
    expect(
      value('morning_post_upstream_requests_total', { host: 'huggingface.co', status_class: '2xx' }),
    ).toBeGreaterThan(3);
    // The 429 before its retry, and any 404 a source shrugs off (a day without papers).
    expect(
      value('morning_post_upstream_requests_total', { host: 'huggingface.co', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('morning_post_upstream_requests_total', { host: 'api.github.com', status_class: '5xx' }),
    ).toBeGreaterThan(0);
    expect(value('morning_post_upstream_retries_total', { host: 'huggingface.co', reason: '429' })).toBe(1);
    expect(
      value('morning_post_upstream_retries_total', { host: 'api.github.com', reason: '500' }),
    ).toBeGreaterThan(0);
    expect(
      value('morning_post_upstream_rate_limit_waits_total', { host: 'huggingface.co', via: 'retry-after' }),
    ).toBe(1);
    expect(
      value('morning_post_upstream_rate_limit_wait_seconds_total', {
        host: 'huggingface.co',
        via: 'retry-after',
      }),
    ).toBe(2);
    const upstreamHosts = new Set(
      families.get('morning_post_upstream_requests_total')?.samples.map((sample) => sample.labels.host),
    );
    expect([...upstreamHosts].sort()).toEqual([
      'api.github.com',
      'export.arxiv.org',
      'github.com',
      'huggingface.co',
    ]);
  });

  it('records the edition build and the writer of each section', () => {
    expect(value('morning_post_edition_builds_total', { data_mode: 'live' })).toBe(1);
    expect(value('morning_post_edition_last_build_duration_seconds')).toBeGreaterThan(0);
    const writers = families.get('morning_post_edition_section_writer')?.samples ?? [];
    expect(writers.map((sample) => sample.labels.section).sort()).toEqual(
      [
        'deepDive',
        'lead',
        'metrics',
        'movers',
        'opinion1',
        'opinion2',
        'reading',
        'tools',
        'trending',
      ].sort(),
    );
    expect(new Set(writers.map((sample) => sample.labels.writer))).toEqual(new Set(['newsroom']));
    expect(value('morning_post_edition_sections_written_total', { writer: 'newsroom' })).toBe(writers.length);
  });

  it('counts deliveries by channel and outcome', () => {
    expect(value('morning_post_deliveries_total', { channel: 'email', outcome: 'sent' })).toBe(2);
    expect(value('morning_post_deliveries_total', { channel: 'email', outcome: 'bounced' })).toBe(1);
    expect(value('morning_post_deliveries_total', { channel: 'telegram', outcome: 'sent' })).toBe(1);
    expect(families.has('morning_post_deliveries_in_doubt_total')).toBe(true);
  });

  it("times the daily job's steps and counts its runs", () => {
    for (const step of ['edition', 'publish', 'deliver-email', 'deliver-telegram']) {
      expect(value('morning_post_job_steps_total', { step, outcome: 'done' }), step).toBe(1);
      expect(value('morning_post_job_step_last_duration_seconds', { step }), step).toBeGreaterThanOrEqual(0);
    }
    expect(value('morning_post_job_runs_total', { outcome: 'done' })).toBe(1);
    expect(value('morning_post_job_last_completed_timestamp_seconds')).toBe(
      Date.parse(`${DAY}T06:00:00Z`) / 1000,
    );
  });

  it('counts the requests the server answered, and carries the process metrics', () => {
    expect(
      value('morning_post_http_request_duration_seconds_count', { route: 'static', status: '200' }),
    ).toBe(1);
    expect(value('process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });
});
