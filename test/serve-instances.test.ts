/**
 * Issue 12's "done when" for the web tier, with the real CLI: three `morning-post serve`
 * processes on one Postgres database, each with its own site folder (as separate hosts have).
 * A separate `morning-post edition --offline` run builds and publishes the day into the store;
 * within a minute every instance serves it (`/editions/D/`, the front page) and says so on
 * `/healthz`. Subscribe requests from one client, spread over the three, share one limit of 5:
 * the sixth is refused by whichever instance gets it, while another client is still served.
 */

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DAY } from '../scripts/sample-day/make.js';
import { cli, spawnCli } from '../src/testing/cli/run.js';
import { scratchDatabase } from '../src/testing/store/scratch-database.js';

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
if (!postgresUrl)
  process.stderr.write(
    'Serve instance tests skipped: set DATABASE_URL or TEST_DATABASE_URL to postgres://…\n',
  );

const PUBLIC = 'https://post.example.org';
/** Every upstream at a name that never resolves: nothing here may use the network. */
const NO_NETWORK = {
  HF_ENDPOINT: 'https://huggingface.invalid',
  GITHUB_SERVER_URL: 'https://github.invalid',
  GITHUB_API_URL: 'https://api.github.invalid',
  ARXIV_API_URL: 'http://arxiv.invalid/api/query',
  MORNING_POST_HTTP_RETRIES: '0',
  MORNING_POST_URL: PUBLIC,
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgresUrl)('three serve instances on one Postgres store', () => {
  let db: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;
  const instances: { child: ChildProcess; url: string; output: () => string }[] = [];

  beforeAll(async () => {
    db = await scratchDatabase(postgresUrl ?? '', 'serve');
    env = {
      ...NO_NETWORK,
      DATABASE_URL: db.url,
      MORNING_POST_SCHEDULE: 'off',
      MORNING_POST_EDITION_POLL_SECONDS: '1',
      MORNING_POST_ACCESS_LOG: 'off',
      MORNING_POST_API_RATE_LIMIT: '4',
    };
    // One at a time: the first migrates the new database.
    for (let i = 0; i < 3; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), `mp-serve-${i}-`));
      const { child, started, output } = spawnCli(
        ['serve', '--port', '0'],
        env,
        dataDir,
        /Serving \S+ at (http:\/\/127\.0\.0\.1:\d+)/,
      );
      const line = await started;
      instances.push({ child, url: /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? '', output });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      instances.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await db?.drop();
  }, 60_000);

  it('serves an edition published by a separate run on every instance within a minute', async () => {
    for (const { url } of instances) {
      expect((await fetch(`${url}/editions/${SAMPLE_DAY}/`)).status).toBe(404);
      expect(((await (await fetch(`${url}/healthz`)).json()) as { edition: unknown }).edition).toBeNull();
    }
    const built = await cli(['edition', '--offline'], env);
    // 3: the sample day, published with its "not live" banner.
    expect(built.code, built.stderr).toBe(3);
    expect(built.stdout).toContain(`Published edition No. 1 of ${SAMPLE_DAY}`);

    const started = Date.now();
    const waiting = new Set(instances.map(({ url }) => url));
    while (waiting.size > 0 && Date.now() - started < 60_000) {
      for (const url of waiting) {
        const page = await fetch(`${url}/editions/${SAMPLE_DAY}/`);
        await page.arrayBuffer();
        if (page.status === 200) waiting.delete(url);
      }
      await pause(250);
    }
    expect([...waiting], instances.map(({ output }) => output()).join('\n---\n')).toEqual([]);
    process.stderr.write(`all three served ${SAMPLE_DAY} ${Date.now() - started} ms after the run\n`);

    for (const { url } of instances) {
      const front = await (await fetch(`${url}/`)).text();
      expect(front).toContain('22 August 2026');
      expect(front).toContain(`/editions/${SAMPLE_DAY}/`);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        edition: { date: SAMPLE_DAY, number: 1, status: 'published', editions: 1 },
      });
    }
  }, 150_000);

  it('answers the JSON API from the store on every instance, with one API rate limit across the three', async () => {
    const api = (url: string, path: string, client: string) =>
      fetch(`${url}/api/v1${path}`, { headers: { 'X-Forwarded-For': client } });
    // Each instance reads the edition the separate run published (the store, not its folder).
    for (const [i, { url }] of instances.entries()) {
      const response = await api(url, `/editions/${SAMPLE_DAY}`, `203.0.113.7${i}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        number: 1,
        date: SAMPLE_DAY,
        links: { html: `${PUBLIC}/editions/${SAMPLE_DAY}/` },
      });
    }
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) {
      const response = await api(instances[n % 3]?.url ?? '', '/editions', '203.0.113.60');
      await response.arrayBuffer();
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('15');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('enforces one subscription limit across the three instances', async () => {
    const subscribe = (url: string, n: number, client: string) =>
      fetch(`${url}/subscribe`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: PUBLIC,
          // The peer is loopback, a trusted proxy by default: its word names the client.
          'X-Forwarded-For': client,
        },
        body: `email=reader${n}%40example.com`,
      });
    const statuses: number[] = [];
    for (let n = 0; n < 6; n++) {
      const response = await subscribe(instances[n % 3]?.url ?? '', n, '203.0.113.50');
      await response.arrayBuffer();
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // The limit is per client: another address is still served, by any instance.
    const other = await subscribe(instances[0]?.url ?? '', 9, '203.0.113.51');
    expect(other.status).toBe(200);
    // A client that puts a fake hop in front of its own address is still itself.
    const spoofed = await subscribe(instances[2]?.url ?? '', 10, '198.51.100.1, 203.0.113.50');
    expect(spoofed.status).toBe(429);
  }, 60_000);
});
