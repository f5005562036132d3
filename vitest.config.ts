import { defineConfig } from 'vitest/config';

/**
 * Tests that start many processes and measure a whole system under faults run after the rest, one
 * file at a time: beside the full suite on a two-core machine, the queue test's three workers got
 * a fraction of a core each and ran past its timeout (120 s alone, over 900 s in the crowd).
 */
const ALONE = ['test/queue-workers.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ALONE },
      },
      {
        extends: true,
        test: { name: 'alone', include: ALONE, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
