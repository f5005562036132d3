/**
 * The emails checked by the Nu HTML Checker (vnu.jar), in one JVM start: the seed edition, a
 * sample-data copy, a stored-data generated edition, the hostile edition and the confirmation.
 * Email HTML needs the legacy layout attributes (bgcolor, align, width, cellpadding…) that the
 * checker reports as obsolete; those reports, and only those, are allowed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedEdition, hostileEdition, seedEdition } from '../../testing/editions.case.js';
import { LINKS } from './email.case.js';
import { renderConfirmationEmail, renderEditionEmail } from './index.js';

const VNU = join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
const run = promisify(execFile);

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
}

const OBSOLETE = /^The “[\w-]+” attribute on the “\w+” element is obsolete\./;

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('email HTML validity', () => {
  it('has no validator errors or warnings besides the obsolete layout attributes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'morning-post-email-'));
    const emails = {
      seed: renderEditionEmail(await seedEdition({ number: 4 }), LINKS),
      sample: renderEditionEmail(await seedEdition({ meta: { dataMode: 'sample' } }), LINKS),
      stored: renderEditionEmail(
        generatedEdition('2026-08-21', {
          meta: {
            dataMode: 'stored',
            dataDay: '2026-08-20',
            failedSources: [{ source: 'hf-models', error: 'HTTP 503' }],
          },
        }),
        LINKS,
      ),
      hostile: renderEditionEmail(await hostileEdition({ status: 'draft' }), LINKS),
      confirmation: renderConfirmationEmail({
        baseUrl: LINKS.baseUrl,
        confirmUrl: `${LINKS.baseUrl}confirm?token=abc`,
        email: '"><b>x</b>@example.org',
        expiresHours: 48,
      }),
    };
    const paths: string[] = [];
    for (const [name, email] of Object.entries(emails)) {
      const path = join(dir, `${name}.html`);
      await writeFile(path, email.html);
      paths.push(path);
    }
    // vnu exits non-zero when it reports errors; the JSON on stdout is what we judge by.
    const result = await run(
      'java',
      ['-jar', VNU, '--format', 'json', '--stdout', '--no-langdetect', ...paths],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const { messages } = JSON.parse(result.stdout) as { messages: VnuMessage[] };
    const obsolete = messages.filter((m) => OBSOLETE.test(m.message));
    // The filter must match something real, or it would hide nothing and prove nothing.
    expect(obsolete.length).toBeGreaterThan(0);
    const others = messages
      .filter((m) => !OBSOLETE.test(m.message))
      .map(
        (m) =>
          `${basename(m.url ?? '')}:${m.lastLine ?? '?'} ${m.type}${m.subType ? `/${m.subType}` : ''} ${m.message}`,
      );
    expect(others).toEqual([]);
  }, 120_000);
});
