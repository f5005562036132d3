/**
 * `morning-post edition` and `morning-post start` end to end, in child processes: the offline path
 * on a fresh install (no network, empty store → the sample day, a banner, exit 3), a re-run that
 * keeps the published edition, an identical offline rebuild, and the server answering.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_DAY } from '../scripts/sample-day/make.js';
import { cli, spawnCli } from '../src/testing/cli/run.js';

/** Every upstream at a name that never resolves (RFC 2606 `.invalid`): what a machine without network sees. */
const NO_NETWORK = {
  HF_ENDPOINT: 'https://huggingface.invalid',
  GITHUB_SERVER_URL: 'https://github.invalid',
  GITHUB_API_URL: 'https://api.github.invalid',
  ARXIV_API_URL: 'http://arxiv.invalid/api/query',
  MORNING_POST_HTTP_RETRIES: '0',
  MORNING_POST_URL: 'https://post.example.org',
};

describe('morning-post edition without network on a fresh install', () => {
  let dataDir = '';
  const page = (path: string) => readFileSync(join(dataDir, 'site', path), 'utf8');

  it('says which sources failed, builds the sample day with a banner, and exits 3', async () => {
    const result = await cli(['edition'], NO_NETWORK);
    dataDir = result.dataDir;
    expect(result.code, result.stderr).toBe(3);
    // One line per source as it finishes, naming the host that did not resolve, then one summary.
    for (const source of ['hf-models', 'hf-papers', 'github-trending', 'arxiv']) {
      const lines = result.stderr.split('\n').filter((line) => line.startsWith(`collect ${source}:`));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /: failed, 0 items .*\.invalid is unreachable: its name did not resolve \((ENOTFOUND|EAI_AGAIN)/,
      );
    }
    expect(result.stderr).not.toMatch(/http retry|started/);
    expect(result.stdout).toMatch(
      /^Collected 0 of 8 sources; 8 failed \(hf-models, .*\)\. Check the network/m,
    );
    expect(result.stdout.match(/Check the network/g)).toHaveLength(1);
    expect(result.stdout).toContain('NOT LIVE');
    expect(result.stdout).toContain(`Published edition No. 1 of ${SAMPLE_DAY}`);

    const $ = load(page('index.html'));
    const banner = $('body').text();
    expect(banner).toMatch(/sample data/i);
    expect(banner).toMatch(/22 August 2026/);
    expect($('h1')).toHaveLength(1);
    expect($('link[rel="canonical"]').attr('href')).toBe(`https://post.example.org/editions/${SAMPLE_DAY}/`);
    expect(page('feed.xml')).toContain(`https://post.example.org/editions/${SAMPLE_DAY}/`);
    expect(page(`editions/${SAMPLE_DAY}/edition.md`)).toContain('sample');
  });

  it('keeps the published edition on a second run, still saying it is not live', async () => {
    const result = await cli(['edition'], NO_NETWORK, dataDir);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`Kept edition No. 1 of ${SAMPLE_DAY}`);
    expect(result.stdout).toContain('--force');
  });

  it('rebuilds a past day offline, byte for byte, when nothing changed', async () => {
    const before = page(`editions/${SAMPLE_DAY}/index.html`);
    const result = await cli(['edition', '--offline', '--date', SAMPLE_DAY, '--force'], NO_NETWORK, dataDir);
    expect(result.stdout).toContain(`Published edition No. 1 of ${SAMPLE_DAY}`);
    expect(page(`editions/${SAMPLE_DAY}/index.html`)).toBe(before);
  });

  it('refuses a past day without --offline (exit 2) and names the way to do it', async () => {
    const result = await cli(['edition', '--date', '2020-01-01'], NO_NETWORK, dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--offline --date 2020-01-01');
  });
});

async function until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (const started = Date.now(); !done(); ) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the daily job');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('morning-post start', () => {
  const children: { kill(): boolean }[] = [];
  afterAll(() => {
    for (const child of children) child.kill();
  });

  it('builds the edition without network, then serves it and /healthz', async () => {
    // Default retries: a name that does not resolve is tried once however many retries are set.
    const { MORNING_POST_HTTP_RETRIES: _retries, ...defaults } = NO_NETWORK;
    const env = { ...defaults, PORT: '0' };
    const dataDir = mkdtempSync(join(tmpdir(), 'mp-start-'));
    const server = spawnCli(['start', '--host', '127.0.0.1'], env, dataDir, /http:\/\/127\.0\.0\.1:\d+/);
    children.push(server.child);
    const url = await server.started;
    const home = await fetch(url);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await home.text()).toMatch(/sample data/i);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(server.output()).toContain('NOT LIVE');

    // A newcomer reads the whole first run: at most 15 lines before "Serving…".
    const lines = server.output().split('\n');
    const serving = lines.findIndex((line) => line.startsWith('Serving '));
    expect(serving, server.output()).toBeGreaterThan(0);
    expect(serving, lines.slice(0, serving).join('\n')).toBeLessThanOrEqual(15);
    // The catch-up job that starts with the server builds from that collection, not a second one.
    await until(() => /daily job stopped/.test(server.output()));
    expect(server.output()).toContain('daily job uses the collection just made');
    expect(server.output().match(/collect hf-models:/g)).toHaveLength(1);
    expect(server.output()).not.toMatch(/source failed/);
  });
});
