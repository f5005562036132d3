/**
 * The package as users get it: `npm pack` (prepack builds dist/ afresh), the tarball installed
 * in an empty folder with `npm install` (from the npm registry: this test needs it and fails,
 * loudly, without it), then the installed `morning-post` prints its version and builds an
 * edition offline from the sample day it ships. Slow by nature (a build and an install with a
 * native module); each step's duration is printed.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSampleDay } from '../src/pipeline/sample.js';
import { REPO_ROOT } from '../src/testing/sources/fixtures.js';

const MINUTE = 60_000;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};
const work = mkdtempSync(join(tmpdir(), 'mp-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The environment without what an outer `npm test` adds (npm_* variables would point a nested
 * npm at this repository) and without settings or secrets of this machine.
 */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm_|INIT_CWD$|NODE_ENV$|VITEST|DATABASE_URL$|MORNING_POST_|TEST_DATABASE_URL$)/i.test(name))
      continue;
    if (/TOKEN|_KEY$|SECRET|PASSWORD|SMTP_URL/i.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(command: string, args: string[], cwd: string, timeout: number, env = cleanEnv()): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: error && code === 1 && !stderr ? String(error) : stderr, seconds });
    });
  });
}

function step(name: string, result: Ran): Ran {
  process.stderr.write(`package test: ${name} took ${result.seconds} s (exit ${result.code})\n`);
  return result;
}

/** The last lines of a failed step, so the failure says what npm said. */
const tail = (result: Ran) => `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-25).join('\n');

describe('the packed package', () => {
  const packDir = join(work, 'pack');
  const installDir = join(work, 'install');
  let tarball = '';

  it(
    'packs dist/ (built by prepack), the sample day and the docs, and nothing from the sources or tests',
    async () => {
      mkdirSync(packDir);
      const packed = step(
        'npm pack',
        await run('npm', ['pack', '--pack-destination', packDir], REPO_ROOT, 10 * MINUTE),
      );
      expect(packed.code, tail(packed)).toBe(0);
      const tarballs = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
      expect(tarballs).toEqual([`${pkg.name}-${pkg.version}.tgz`]);
      tarball = join(packDir, tarballs[0] ?? '');

      const listed = await run('tar', ['-tzf', tarball], work, MINUTE);
      expect(listed.code, tail(listed)).toBe(0);
      const files = listed.stdout.split('\n').filter(Boolean);
      for (const file of [
        `package/${pkg.bin['morning-post']}`,
        'package/dist/store/migrations/index.js',
        'package/samples/sample-day.json',
        'package/package.json',
        'package/README.md',
        'package/LICENSE',
        'package/CHANGELOG.md',
      ])
        expect(files, `${file} is in the tarball`).toContain(file);
      expect(files.filter((f) => !/^package\/(dist|samples)\//.test(f)).sort()).toEqual([
        'package/CHANGELOG.md',
        'package/LICENSE',
        'package/README.md',
        'package/package.json',
      ]);
      // Test helpers and tests stay out of the build; source maps stay out of the package.
      expect(files.filter((f) => /\/testing\/|\.test\.js$|\.case\.js$|\.map$/.test(f))).toEqual([]);
    },
    15 * MINUTE,
  );

  it(
    'installs from the tarball in an empty folder, prints its version and builds an offline edition from the sample day',
    async () => {
      expect(tarball, 'the pack step made a tarball').not.toBe('');
      mkdirSync(installDir);
      writeFileSync(
        join(installDir, 'package.json'),
        '{ "name": "morning-post-install-check", "private": true }\n',
      );
      const installed = step(
        'npm install <tarball>',
        await run('npm', ['install', '--no-audit', '--no-fund', tarball], installDir, 15 * MINUTE),
      );
      expect(installed.code, `npm install needs the npm registry; it said:\n${tail(installed)}`).toBe(0);

      const version = step(
        'npx morning-post --version',
        await run('npx', ['--no', '--', 'morning-post', '--version'], installDir, 2 * MINUTE),
      );
      expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });

      const dataDir = join(work, 'data');
      const siteDir = join(work, 'site');
      const edition = step(
        'npx morning-post edition --offline',
        await run(
          'npx',
          ['--no', '--', 'morning-post', 'edition', '--offline'],
          installDir,
          5 * MINUTE,
          cleanEnv({ MORNING_POST_DATA_DIR: dataDir, MORNING_POST_SITE_DIR: siteDir }),
        ),
      );
      // 3: built, but not from live data (the shipped sample day on an empty store).
      expect(edition.code, tail(edition)).toBe(3);
      const day =
        readSampleDay()
          .snapshots.map((s) => s.day)
          .sort()
          .at(-1) ?? '';
      expect(edition.stdout).toContain(`Published edition No. 1 of ${day}`);
      for (const page of [
        'index.html',
        `editions/${day}/index.html`,
        `editions/${day}/edition.json`,
        'feed.xml',
      ])
        expect(existsSync(join(siteDir, page)), `${page} is in the site folder`).toBe(true);
      const front = readFileSync(join(siteDir, `editions/${day}/index.html`), 'utf8');
      expect(front).toContain('The AI Morning Post');
      expect(existsSync(join(dataDir, 'morning-post.db'))).toBe(true);
    },
    25 * MINUTE,
  );
});
