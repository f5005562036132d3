/**
 * The seed edition's Sunday, stored and planned end to end: the planner must find the stories
 * the seed edition told, and name the items behind them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditionPlan, EditionPlanSchema } from '../src/core/plan.js';
import { importBundle } from '../src/pipeline/bundle.js';
import { loadHistory, loadPreviousEditions } from '../src/pipeline/history.js';
import { buildPlan } from '../src/planner/index.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { SEED_DAY, seedScenario } from '../src/testing/plans/seed-scenario.js';

describe('planning the seed scenario', () => {
  let store: KyselyStore;
  let plan: EditionPlan;

  beforeAll(async () => {
    store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    await importBundle(store, seedScenario());
    plan = buildPlan(await loadHistory(store, SEED_DAY), await loadPreviousEditions(store, SEED_DAY), {
      timeZone: 'UTC',
    });
  });
  afterAll(async () => store.close());

  it('is a valid Sunday plan', () => {
    expect(EditionPlanSchema.parse(plan)).toEqual(plan);
    expect(plan).toMatchObject({ date: SEED_DAY, weekday: 'Sunday', isWeekend: true });
    expect(plan.metrics.title).toBe('Weekend Development Metrics');
    // Two repositories were summed, so the label does not claim ten.
    expect(plan.metrics.metrics.find((m) => m.id === 'github-stars-gained')).toMatchObject({
      label: 'Stars gained by the top 2 repositories',
      value: 2150,
    });
  });

  it('leads with the weekend surge of independents, naming H24, H25, the detector and the medical model', () => {
    expect(plan.lead?.kind).toBe('weekend-surge');
    const named = plan.lead?.items.map((item) => item.externalId) ?? [];
    expect(named).toEqual(
      expect.arrayContaining([
        'hanyc4855/H24',
        'hanyc4855/H25',
        'StyTJU/MultiObj-DETR',
        'jhuang583/Qwen2.5-0.5B-Medical',
      ]),
    );
    const share = plan.lead?.facts.find((fact) => fact.field === 'individualShare');
    expect(share?.value).toBeCloseTo(8 / 12, 3);
  });

  it('dives into small domain-specific models, with the medical Qwen fine-tune among them', () => {
    expect(plan.deepDive?.subject.key).not.toBe(plan.lead?.subject.key);
    expect(plan.deepDive?.subject.label.toLowerCase()).toMatch(/small|tiny/);
    const medical = plan.deepDive?.items.find((item) => item.externalId === 'jhuang583/Qwen2.5-0.5B-Medical');
    expect(medical?.facts).toMatchObject({
      domain: 'medical',
      family: 'qwen',
      sizeClass: 'tiny',
      relation: 'finetune',
    });
    expect(plan.deepDive?.facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: 'jhuang583/Qwen2.5-0.5B-Medical',
          field: 'parameters',
          value: 494_000_000,
        }),
      ]),
    );
  });

  it('has two opinion topics, four tools of four kinds, and every list filled', () => {
    expect(plan.opinions).toHaveLength(2);
    expect(plan.opinions.map((o) => o.subject.key)).not.toContain(plan.lead?.subject.key);
    expect(plan.tools.map((tool) => tool.slot)).toEqual(['model', 'library', 'app', 'repository']);
    expect(plan.tools.find((t) => t.slot === 'library')?.item.externalId).toBe(
      'huggingface/transformers@v4.41.0',
    );
    expect(plan.trending.models.map((m) => m.externalId).slice(0, 4)).toEqual([
      'hanyc4855/H25',
      'StyTJU/MultiObj-DETR',
      'hanyc4855/H24',
      'jhuang583/Qwen2.5-0.5B-Medical',
    ]);
    expect(plan.trending.repositories.map((r) => r.externalId)).toEqual([
      'ultralytics/ultralytics',
      'OpenBB-finance/OpenBB',
    ]);
    expect(plan.reading.map((r) => r.item.title)[0]).toBe('Scaling Laws for Domain-Specific Language Models');
  });

  it('lists climbers over the week with sparklines', () => {
    expect(plan.movers.windowDays).toBe(7);
    const detector = plan.movers.items.find((m) => m.item.externalId === 'StyTJU/MultiObj-DETR');
    expect(detector?.mover.sparkline).toHaveLength(8);
    expect(detector?.mover).toMatchObject({ isNew: true, rankNow: 2 });
    expect(plan.movers.items.every((m) => (m.mover.rankChange ?? 0) > 0 || m.mover.isNew)).toBe(true);
  });

  it('traces every fact to a source, a subject, a field and a snapshot time', () => {
    const stories = [plan.lead, plan.deepDive, ...plan.opinions].filter((s) => s !== null);
    const facts = [
      ...stories.flatMap((s) => s.facts),
      ...plan.tools.flatMap((t) => t.facts),
      ...plan.metrics.facts,
    ];
    expect(facts.length).toBeGreaterThan(20);
    for (const fact of facts) {
      expect(fact.subject, fact.id).not.toBe('');
      expect(fact.field, fact.id).not.toBe('');
      expect(Date.parse(fact.observedAt), fact.id).not.toBeNaN();
    }
  });

  it('is byte-for-byte deterministic', async () => {
    const again = buildPlan(await loadHistory(store, SEED_DAY), [], { timeZone: 'UTC' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(plan));
  });
});
