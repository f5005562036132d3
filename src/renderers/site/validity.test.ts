/**
 * Every page the site builds, checked by the Nu HTML Checker (vnu.jar, the W3C validator's
 * engine) together with the stylesheet, in one JVM start: the seed edition live, a sample-data
 * copy, a stored-data generated edition, and the hostile edition as a draft.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedEdition, hostileEdition, seedEdition } from '../../testing/editions.case.js';
import { buildSitePages } from './build.js';

const VNU = join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
const run = promisify(execFile);

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('HTML validity', () => {
  it('has no validator errors on any page or the stylesheet', async () => {
    dir = await mkdtemp(join(tmpdir(), 'morning-post-site-'));
    const seed = await seedEdition({ number: 4 });
    const sample = await seedEdition({ number: 3, meta: { dataMode: 'sample' } });
    sample.date = '2026-08-22';
    const stored = generatedEdition('2026-08-21', {
      number: 2,
      meta: {
        dataMode: 'stored',
        dataDay: '2026-08-20',
        failedSources: [{ source: 'hf-models', error: 'HTTP 503' }],
      },
    });
    const hostile = await hostileEdition({ number: 1, status: 'draft' });
    hostile.date = '2026-08-01';
    const files = await buildSitePages([seed, sample, stored, hostile], {
      baseUrl: 'http://localhost:8080',
      telegramChannel: '@morningpost',
    });
    const paths: string[] = [];
    for (const file of files) {
      const path = join(dir, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.body);
      paths.push(path);
    }
    expect(paths.filter((p) => p.endsWith('.html'))).toHaveLength(8);

    // vnu exits non-zero when it reports errors; the JSON on stdout is what we judge by.
    const result = await run(
      'java',
      ['-jar', VNU, '--format', 'json', '--stdout', '--also-check-css', '--no-langdetect', ...paths],
      { maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? '',
      stderr: error.stderr,
    }));
    const { messages } = JSON.parse(result.stdout) as { messages: VnuMessage[] };
    const errors = messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal')
      .map(
        (m) => `${relative(dir ?? '', m.url?.replace('file:', '') ?? '')}:${m.lastLine ?? '?'} ${m.message}`,
      );
    expect(errors).toEqual([]);
  }, 120_000);
});
