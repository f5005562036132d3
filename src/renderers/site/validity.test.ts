/**
 * Every page the site builds, checked by the Nu HTML Checker (vnu.jar, the W3C validator's
 * engine) together with the stylesheet, in one JVM start: the seed edition live, a sample-data
 * copy, a stored-data generated edition, and the hostile edition as a draft.
 */
import { describe, expect, it } from 'vitest';
import { describeVnu, isVnuError, validate } from '../../testing/browser/vnu.js';
import { generatedEdition, hostileEdition, seedEdition } from '../../testing/editions/editions.js';
import { buildSitePages } from './build.js';

describe('HTML validity', () => {
  it('has no validator errors on any page or the stylesheet', async () => {
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
    const documents = Object.fromEntries(files.map((file) => [file.path, file.body]));
    expect(Object.keys(documents).filter((p) => p.endsWith('.html'))).toHaveLength(8);
    const errors = (await validate(documents, { css: true })).filter(isVnuError).map(describeVnu);
    expect(errors).toEqual([]);
  }, 120_000);
});
