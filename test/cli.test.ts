import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../src/testing/cli/run.js';
import { SEED_DAY, seedScenario } from '../src/testing/plans/seed-scenario.js';

describe('morning-post CLI', () => {
  it('collects the fake source into a fresh SQLite store and prints a JSON summary', async () => {
    const { code, stdout } = await cli(['collect', '--sources', 'fake', '--date', '2026-08-22', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.day).toBe('2026-08-22');
    expect(summary.rows).toEqual([
      expect.objectContaining({ source: 'fake', status: 'ok', items: 5, newItems: 5 }),
    ]);
  });

  it('prints plain progress lines and a summary table when not on a terminal', async () => {
    const { code, stdout, stderr } = await cli(['collect', '--sources', 'fake']);
    expect(code).toBe(0);
    // One line per source, once it is done.
    expect(stderr).toMatch(/^collect fake: ok, 5 items \(5 new\), \d+\.\ds$/m);
    expect(stderr).not.toContain('started');
    expect(stdout).toMatch(/source\s+status\s+items\s+new\s+dropped\s+requests\s+time/);
    expect(stdout).toMatch(/fake\s+ok\s+5\s+5\s+0\s+0/);
  });

  it('exits 2 naming the known sources for an unknown one', async () => {
    const { code, stderr } = await cli(['collect', '--sources', 'fake,hf-modles']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: Unknown source: hf-modles');
    expect(stderr).toMatch(/hint: Known sources: .*hf-models/);
  });

  it("refuses to file today's live data under another day", async () => {
    const { code, stderr } = await cli(['collect', '--sources', 'hf-models', '--date', '2020-01-01']);
    expect(code).toBe(2);
    expect(stderr).toContain('--date 2020-01-01 is not today');
  });

  it('rejects a date that is not a calendar day', async () => {
    const { code, stderr } = await cli(['collect', '--sources', 'fake', '--date', '2026-02-30']);
    expect(code).toBe(2);
    expect(stderr).toContain('--date must be a calendar day');
  });

  it('fails with exit 1 when a replay cannot answer, naming the request', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mp-replay-'));
    const { code, stderr } = await cli(['collect', '--sources', 'fake', '--replay', empty]);
    expect(code).toBe(1);
    expect(stderr).toContain('No .har files in the replay folder');
  });

  it('prints its version, and exits 2 for an unknown command or option (0 for help)', async () => {
    const version = await cli(['--version']);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect((await cli(['plan', '--bogus'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
  }, 90_000); // five CLI runs, one after another

  it('serve: a bad port stops before anything is published; a port in use is one clear line, exit 2', async () => {
    const bad = await cli(['serve', '--port', 'abc', '--no-schedule']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be a port number');
    expect(existsSync(join(bad.dataDir, 'site'))).toBe(false);

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const busy = await cli(['serve', '--port', String(port), '--no-schedule']);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`error: Cannot listen on 127.0.0.1:${port}: the port is already in use.`);
      expect(busy.stderr).toContain('hint: ');
      // No stack trace: not a single "    at " frame.
      expect(busy.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('prints the configuration with secrets masked', async () => {
    const { code, stdout } = await cli(['config'], {
      GITHUB_TOKEN: 'ghp_supersecretvalue123',
      DATABASE_URL: 'postgres://u:pw123@db:5432/x',
      MORNING_POST_WRITER: 'openai:gpt-4o-mini',
      OPENAI_API_KEY: 'sk-verysecretopenaikey',
    });
    expect(code).toBe(0);
    expect(stdout).not.toContain('supersecretvalue123');
    expect(stdout).not.toContain('pw123');
    expect(stdout).not.toContain('verysecretopenaikey');
    expect(stdout).toContain('tokens.github (env GITHUB_TOKEN)');
    // The writer is part of the one configuration: where it was set, and what it will use.
    expect(stdout).toContain('writer.use (env MORNING_POST_WRITER)');
    expect(stdout).toContain('writer.openai.apiKey (env OPENAI_API_KEY)');
    expect(stdout).toMatch(/^# writer: openai:gpt-4o-mini \(key sk-v…\*\*\*\*\)$/m);
  });

  it('explains an invalid configuration', async () => {
    const { code, stderr } = await cli(['config'], { HF_ENDPOINT: 'huggingface.co' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/endpoints\.huggingface: .*\(from env HF_ENDPOINT\)/);
  });
});

describe('morning-post plan, import and export', () => {
  it('imports a bundle, plans its day with --explain and --save, and exports it again', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mp-cli-plan-'));
    const bundleFile = join(home, 'seed.json');
    writeFileSync(bundleFile, JSON.stringify(seedScenario()));
    const env = { MORNING_POST_DATA_DIR: join(home, 'data') };
    const imported = await cli(['import', bundleFile], env);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toMatch(/imported 14 snapshots, \d+ items/);

    const explained = await cli(['plan', '--date', SEED_DAY, '--explain', '--save'], env);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('Lead: Independent developers lead the weekend [weekend-surge');
    expect(explained.stdout).toMatch(
      /weekend-surge\s+Independent developers lead the weekend\s+0\.\d{3}\s+1\.00/,
    );
    expect(explained.stderr).toContain('as edition No. 1 (draft)');

    const json = await cli(['plan', '--date', SEED_DAY, '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      date: SEED_DAY,
      weekday: 'Sunday',
      lead: { kind: 'weekend-surge' },
    });

    const exported = await cli(['export', '--from', '2026-08-16', '--to', SEED_DAY], env);
    const bundle = JSON.parse(exported.stdout);
    expect(bundle.format).toBe('morning-post/snapshots@1');
    expect(bundle.snapshots).toHaveLength(14);
  }, 90_000); // four CLI runs, one after another

  it('rejects a file that is not a bundle, saying what is wrong', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mp-cli-bad-'));
    writeFileSync(join(home, 'bad.json'), JSON.stringify({ format: 'something-else', snapshots: [] }));
    const result = await cli(['import', join(home, 'bad.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a morning-post/snapshots@1 bundle');
  });
});
