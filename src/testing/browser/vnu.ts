/**
 * @module testing/browser/vnu
 * The Nu HTML Checker (vnu.jar from npm `vnu-jar`, run with the machine's Java) over a set of
 * documents in one JVM start: the files are written to a scratch folder, checked, and removed.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../sources/fixtures.js';

const VNU = join(REPO_ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
const run = promisify(execFile);

export interface VnuMessage {
  /** The document's path as given to `validate`. */
  file: string;
  type: string;
  subType?: string;
  lastLine?: number;
  message: string;
}

/** Checks documents (path → text; `.css` files too with `css`) and returns every message vnu gives. */
export async function validate(
  documents: Record<string, string>,
  options: { css?: boolean } = {},
): Promise<VnuMessage[]> {
  const dir = await mkdtemp(join(tmpdir(), 'morning-post-vnu-'));
  try {
    const paths: string[] = [];
    for (const [name, body] of Object.entries(documents)) {
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
      paths.push(path);
    }
    const flags = [
      '--format',
      'json',
      '--stdout',
      '--no-langdetect',
      ...(options.css ? ['--also-check-css'] : []),
    ];
    // vnu exits non-zero when it reports errors; the JSON on stdout is what we judge by.
    const result = await run('java', ['-jar', VNU, ...flags, ...paths], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const { messages } = JSON.parse(result.stdout) as {
      messages: (Omit<VnuMessage, 'file'> & { url?: string })[];
    };
    return messages.map(({ url, ...message }) => ({
      ...message,
      file: relative(dir, url?.replace(/^file:/, '') ?? ''),
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const isVnuError = (m: VnuMessage): boolean =>
  m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal';

export const describeVnu = (m: VnuMessage): string =>
  `${m.file}:${m.lastLine ?? '?'} ${m.type}${m.subType ? `/${m.subType}` : ''} ${m.message}`;
