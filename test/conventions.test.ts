import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/testing/sources/fixtures.js';

// The test-helper convention of docs/architecture.md ("Test helpers"), held by the tree itself.

function filesUnder(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(REPO_ROOT, join(entry.parentPath, entry.name)));
}

const isTest = (file: string) => file.endsWith('.test.ts') || file.endsWith('.case.ts');
const importsOf = (file: string) =>
  [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');

describe('test helper convention', () => {
  const src = filesUnder('src');

  it('keeps *.case.ts for conformance suites: each defines tests', () => {
    const cases = src.filter((file) => file.endsWith('.case.ts'));
    expect(cases.length).toBeGreaterThan(0);
    for (const file of cases) {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      expect(
        /\bit\(|\btest\(|\bdescribe\(/.test(text),
        `${file} is a .case.ts without tests: move it to src/testing/<area>/`,
      ).toBe(true);
    }
  });

  it('keeps fixture builders under src/testing/<area>/, not loose or beside the code', () => {
    const loose = src.filter((file) => /^src\/testing\/[^/]+\.ts$/.test(file));
    expect(loose).toEqual([]);
    const strays = src.filter(
      (file) => !file.startsWith('src/testing/') && /(^|\/)testing(\/|\.ts$)/.test(file),
    );
    expect(strays).toEqual([]);
  });

  it('keeps no fixture builders under test/: tests only', () => {
    const helpers = filesUnder('test').filter((file) => !file.endsWith('.test.ts'));
    expect(helpers).toEqual([]);
  });

  it('never imports a test helper from code that ships', () => {
    const shipped = src.filter((file) => !isTest(file) && !file.startsWith('src/testing/'));
    const offenders = shipped.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /(^|\/)testing\/|\.case\.js$/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('leaves src/testing and the suites out of the build', () => {
    const build = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.build.json'), 'utf8')) as {
      exclude: string[];
    };
    expect(build.exclude).toEqual(
      expect.arrayContaining(['src/testing', 'src/**/*.case.ts', 'src/**/*.test.ts']),
    );
  });
});
