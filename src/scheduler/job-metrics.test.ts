import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { memoryLogger } from '../lib/logger.js';
import { createPrometheusMetrics } from '../lib/metrics/prometheus.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { parsePrometheusText, sampleValue } from '../testing/metrics/prometheus-text.js';
import { type DailyStep, type DailySteps, JOB_LOCK, runDailyJob, type StepResult } from './job.js';

const DAY = '2026-11-27';
let store: Store;
afterEach(async () => store?.close());

function steps(outcome: Partial<Record<DailyStep, () => StepResult>>): DailySteps {
  const step = (name: DailyStep) => async () => {
    const answer = outcome[name];
    return answer ? answer() : { detail: `${name} ok` };
  };
  return {
    edition: step('edition'),
    publish: step('publish'),
    'deliver-email': step('deliver-email'),
    'deliver-telegram': step('deliver-telegram'),
  };
}

describe('daily job metrics', () => {
  it('counts steps by outcome and runs by outcome: failed, then stopped, then locked, then done', async () => {
    store = await openStore({ databaseUrl: 'sqlite::memory:', dataDir: '' });
    await store.migrate();
    const metrics = createPrometheusMetrics({ processMetrics: false });
    const clock = fixedClock(`${DAY}T06:00:00Z`);
    const run = (daily: DailySteps) =>
      runDailyJob({
        day: DAY,
        locks: store.locks,
        runs: store.jobRuns,
        steps: daily,
        clock,
        log: memoryLogger(),
        metrics,
      });

    const broken = () => {
      throw new Error('SMTP down');
    };
    expect(await run(steps({ 'deliver-email': broken }))).toMatchObject({ status: 'failed' });
    expect(await run(steps({ 'deliver-email': () => ({ detail: 'not today', stop: true }) }))).toMatchObject({
      status: 'stopped',
    });
    await store.locks.acquire({
      name: JOB_LOCK,
      holder: 'another-server:1',
      now: clock.now().toISOString(),
      expiresAt: new Date(clock.now().getTime() + 60_000).toISOString(),
    });
    expect(await run(steps({}))).toMatchObject({ status: 'locked' });
    await store.locks.release({ name: JOB_LOCK, holder: 'another-server:1' });
    expect(await run(steps({}))).toMatchObject({ status: 'done' });

    const families = parsePrometheusText(await metrics.render());
    const value = (name: string, labels: Record<string, string>) => sampleValue(families, name, labels);
    expect(value('morning_post_job_steps_total', { step: 'edition', outcome: 'done' })).toBe(1);
    expect(value('morning_post_job_steps_total', { step: 'deliver-email', outcome: 'failed' })).toBe(1);
    expect(value('morning_post_job_steps_total', { step: 'deliver-email', outcome: 'stopped' })).toBe(1);
    expect(value('morning_post_job_steps_total', { step: 'deliver-email', outcome: 'done' })).toBe(1);
    for (const outcome of ['failed', 'stopped', 'locked', 'done'])
      expect(value('morning_post_job_runs_total', { outcome }), outcome).toBe(1);
    expect(sampleValue(families, 'morning_post_job_last_completed_timestamp_seconds')).toBe(
      clock.now().getTime() / 1000,
    );
  });
});
