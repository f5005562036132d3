import { beforeAll, describe, expect, it } from 'vitest';
import type { EditionPlan, Story } from '../core/plan.js';
import { buildSeedPlan } from '../writers/writer.case.js';
import { type ArgumentInput, argue } from './arguments.js';

let plan: EditionPlan;
let story: Story;

beforeAll(async () => {
  plan = await buildSeedPlan();
  story = plan.opinions[1] as Story;
});

function input(overrides: Partial<ArgumentInput> = {}): ArgumentInput {
  return {
    story,
    signals: plan.signals,
    anomalies: [],
    metrics: plan.metrics.metrics,
    metricFacts: plan.metrics.facts,
    daysAvailable: 8,
    date: plan.date,
    ...overrides,
  };
}

describe('opinion arguments', () => {
  it('every opinion of the seed plan argues from at least three facts of its own story', () => {
    expect(plan.opinions).toHaveLength(2);
    for (const opinion of plan.opinions) {
      const ids = new Set(opinion.facts.map((f) => f.id));
      expect(opinion.argument?.evidence.length ?? 0).toBeGreaterThanOrEqual(3);
      for (const id of opinion.argument?.evidence ?? []) expect(ids.has(id), id).toBe(true);
      expect(opinion.argument?.thesis).not.toBe('');
      expect(opinion.argument?.watch).not.toBe('');
    }
  });

  it('never takes its thesis from a signal the lead carries', () => {
    const lead = new Set(plan.lead?.signals ?? []);
    for (const opinion of plan.opinions)
      if (opinion.argument?.signal) expect(lead.has(opinion.argument.signal)).toBe(false);
  });

  it('counterpoints, first that applies: an anomaly flag, then few downloads, then short history', () => {
    const top = story.items[0];
    if (!top) throw new Error('the seed opinion names items');
    const flagged = argue(
      input({ anomalies: [{ itemId: top.itemId, metric: 'likes', gained: 900, reason: 'likes jumped' }] }),
    );
    expect(flagged.argument?.counterpoint.kind).toBe('anomaly');

    const fresh: Story = {
      ...story,
      items: [{ ...top, metrics: { ...top.metrics, downloads: 120, likes: 400 } }, ...story.items.slice(1)],
    };
    const few = argue(input({ story: fresh }));
    expect(few.argument?.counterpoint.kind).toBe('few-downloads');
    // The downloads it cites are facts of the story now, so every writer may print them.
    for (const id of few.argument?.counterpoint.facts ?? [])
      expect(few.facts.some((f) => f.id === id)).toBe(true);

    const plenty: Story = {
      ...story,
      kind: 'theme',
      items: story.items.map((i) => ({ ...i, metrics: { ...i.metrics, downloads: 1e6, likes: 10 } })),
    };
    expect(argue(input({ story: plenty, daysAvailable: 3 })).argument?.counterpoint.kind).toBe(
      'short-history',
    );
    expect(argue(input({ story: plenty, daysAvailable: 30 })).argument?.counterpoint.kind).toBe('one-day');
  });
});
