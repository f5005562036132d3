/**
 * The sample day the project ships (samples/sample-day.json) is what scripts/sample-day.ts makes
 * from the real recordings, holds facts only, and plans into a full edition.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSampleDay, SAMPLE_DAY } from '../scripts/sample-day/make.js';
import { SnapshotBundleSchema } from '../src/core/bundle.js';
import { hasSharedFixtures, REPO_ROOT, SHARED_MISSING_REASON } from '../src/testing/sources/fixtures.js';

const shipped = () =>
  SnapshotBundleSchema.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'samples/sample-day.json'), 'utf8')));

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

describe('the shipped sample day', () => {
  it('is a valid bundle of one day with facts only: no descriptions or abstracts', () => {
    const bundle = shipped();
    expect(new Set(bundle.snapshots.map((s) => s.day))).toEqual(new Set([SAMPLE_DAY]));
    expect(bundle.snapshots.map((s) => s.source).sort()).toEqual([
      'arxiv',
      'github-trending',
      'hf-models',
      'hf-papers',
    ]);
    const items = bundle.snapshots.flatMap((s) => s.items);
    expect(items.length).toBeGreaterThan(40);
    for (const item of items) {
      expect(item.attributes).not.toHaveProperty('summary');
      expect(item.attributes).not.toHaveProperty('description');
    }
  });

  it.skipIf(!hasSharedFixtures)(
    'is exactly what the sample-day script makes from the real recordings',
    async () => {
      expect(JSON.parse(JSON.stringify(await makeSampleDay()))).toStrictEqual(
        JSON.parse(readFileSync(join(REPO_ROOT, 'samples/sample-day.json'), 'utf8')),
      );
    },
  );
});
