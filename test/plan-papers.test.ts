/** A paper "record" is measured against the window's earlier papers, not only today's list. */
import { describe, expect, it } from 'vitest';
import type { BundleSnapshot } from '../src/core/bundle.js';
import { planFromBundle, withSnapshots } from '../src/testing/plans/helpers.js';
import { SEED_DAY, seedScenario } from '../src/testing/plans/seed-scenario.js';

function papersOn(day: string, upvotes: number): BundleSnapshot {
  return {
    source: 'hf-papers',
    day,
    takenAt: `${day}T06:00:00.000Z`,
    status: 'ok',
    error: null,
    items: [
      {
        kind: 'paper',
        externalId: '2608.00001',
        title: 'An Earlier Paper',
        url: 'https://huggingface.co/papers/2608.00001',
        attributes: { arxivId: '2608.00001' },
        list: 'daily',
        rank: 1,
        metrics: { upvotes },
      },
    ],
  };
}

describe('paper-record candidate', () => {
  it('is a record when today beats every earlier paper of the window', async () => {
    const plan = await planFromBundle(withSnapshots(seedScenario(), papersOn('2026-08-20', 40)), SEED_DAY);
    const paper = plan.candidates.find((c) => c.kind === 'paper-record');
    expect(paper?.reason).toContain('(previous best 40)');
    expect(paper?.magnitude).toBeCloseTo(57 / 300, 3);
  });

  it('counts for less when an earlier paper had more upvotes', async () => {
    const plan = await planFromBundle(withSnapshots(seedScenario(), papersOn('2026-08-20', 120)), SEED_DAY);
    const paper = plan.candidates.find((c) => c.kind === 'paper-record');
    expect(paper?.reason).toBe("most upvoted paper today: 57 upvotes (the window's best is 120)");
    expect(paper?.magnitude).toBeCloseTo((57 / 300) * 0.6, 3);
  });
});
