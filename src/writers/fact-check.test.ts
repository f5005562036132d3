/**
 * The fact-check against the seed scenario's plan (bundle → in-memory SQLite → history → plan),
 * and against a bare plan where tolerance edges can be set up exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromBundle } from '../../test/fixtures/plan-helpers.js';
import { SEED_DAY, seedScenario } from '../../test/fixtures/seed-scenario.js';
import { type EditionPlan, EditionPlanSchema, type Fact } from '../core/plan.js';
import { benchmarkFactCheck, factCheck } from './fact-check.js';

const none = { facts: [] };

function fact(field: string, value: Fact['value'], subject = 'test/subject'): Fact {
  return {
    id: `f-${field}`,
    source: 'analysis',
    subject,
    field,
    value,
    observedAt: '2026-08-23T06:00:00.000Z',
  };
}

/** A plan with nothing in it but its date, so only scope facts and structure allow numbers. */
function barePlan(): EditionPlan {
  return EditionPlanSchema.parse({
    version: 1,
    date: '2026-08-23',
    weekday: 'Sunday',
    isWeekend: true,
    timeZone: 'UTC',
    coverage: { from: '2026-08-23', to: '2026-08-23', daysAvailable: 1, sources: [] },
    lead: null,
    metrics: { title: 'Metrics', metrics: [], facts: [] },
    deepDive: null,
    opinions: [],
    tools: [],
    trending: { models: [], datasets: [], spaces: [], repositories: [] },
    movers: { windowDays: 7, items: [] },
    reading: [],
    anomalies: [],
    candidates: [],
    notes: [],
  });
}

describe('factCheck on the seed scenario', () => {
  let plan: EditionPlan;

  beforeAll(async () => {
    plan = await planFromBundle(seedScenario(), SEED_DAY);
  });

  it('passes a text that uses only the plan, in several formats', () => {
    const text = [
      'Independent developers held 67% of trending models this Sunday (8 of 12, a 0.67 share), up from 50%.',
      'hanyc4855/H25 leads at #1 with 412 likes; H24 is #3 with 355 likes and 4.8k downloads.',
      "jhuang583's Qwen2.5-0.5B-Medical, a 0.5B fine-tune of Qwen/Qwen2.5-0.5B-Instruct, sits at #4.",
      'StyTJU/MultiObj-DETR, at #2, has 41M parameters and 5,400 downloads.',
      'ultralytics/ultralytics gained +1,250 stars this week, to 41,000 (41k); OpenBB-finance/OpenBB added 900.',
      'lucaverdi/tiny-story-270M climbed 14 places, from #20 to #6, with 1.2k downloads and 1,200 in all.',
      'Qwen3-32B has 9.8k likes and 1.9M downloads; Llama-3.3-70B-Instruct sits at #7.',
      'Transformers v4.41.0 (4.41) was published on 2026-08-20; the median model shrank from 4.3B to 1.5B parameters.',
      'Scaling Laws for Domain-Specific Language Models drew 57 upvotes (arXiv 2608.01234) on 23 August 2026.',
    ].join('\n\n');
    expect(factCheck(text, plan, { facts: plan.lead?.facts ?? [] })).toEqual({ ok: true, failures: [] });
  });

  it('names an invented number, with what it seemed to count and the nearest plan value', () => {
    const result = factCheck('H25 now has 4,200 likes.', plan, none);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      `number "4,200" (likes?) is not in the plan's facts; the plan has 4,100`,
    ]);
  });

  it('names models and repositories the plan does not have', () => {
    const result = factCheck('GPT-5 beats meta-llama/Llama-9, and H24 follows.', plan, none);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      'name "GPT-5" is not a model, author, repository or paper of the plan',
      'name "meta-llama/Llama-9" is not a model, author, repository or paper of the plan',
    ]);
  });

  it('does not flag the numbers inside allowed names', () => {
    const text = 'Qwen2.5-0.5B-Medical, Qwen/Qwen3-32B, DeepSeek-V3.2, tiny-story-270M and hanyc4855/H24.';
    expect(factCheck(text, plan, none)).toEqual({ ok: true, failures: [] });
  });

  it('allows names as parts of longer plan names, but not fragments of them', () => {
    expect(factCheck('Qwen2.5 and Llama-3.3 and H25', plan, none).ok).toBe(true);
    expect(factCheck('H2 models', plan, none).failures).toEqual([
      'name "H2" is not a model, author, repository or paper of the plan',
    ]);
    expect(factCheck('Qwen2 models', plan, none).ok).toBe(false);
  });

  it('checks handles, dates and links', () => {
    expect(factCheck('@hanyc4855 on 2026-08-23', plan, none).ok).toBe(true);
    expect(factCheck('https://huggingface.co/hanyc4855/H24 and https://github.com', plan, none).ok).toBe(
      true,
    );
    expect(factCheck('@nobody42 on 2025-01-01 via https://example.com/x', plan, none).failures).toEqual([
      'handle "@nobody42" is not an author of the plan',
      'date "2025-01-01" is not a date of the plan',
      'link "https://example.com/x" does not lead to an item of the plan',
    ]);
  });

  it('reports each failure once', () => {
    expect(factCheck('GPT-5, GPT-5 and GPT-5 at 777 and 777', plan, none).failures).toHaveLength(2);
  });

  it('is ok on empty text and on text without claims', () => {
    expect(factCheck('', plan, none)).toEqual({ ok: true, failures: [] });
    expect(factCheck('Independent developers led the weekend.', plan, none)).toEqual({
      ok: true,
      failures: [],
    });
  });

  it('reads unicode, emoji and markup without crashing', () => {
    const text =
      '**H24** 🚀 and [H25](https://huggingface.co/hanyc4855/H25) — naïve ünïcode 👍🏽 <b>412</b> likes, `355`; ' +
      '_1.2k_ downloads\u00a0🤗 ＃ 𝟙𝟚 \u200b\u0000 ¹²';
    expect(factCheck(text, plan, none)).toEqual({ ok: true, failures: [] });
    expect(factCheck('🚀 <i>GPT-5</i> ✨ 9,999', plan, none).failures).toHaveLength(2);
  });

  it('uses the scope facts given for the section', () => {
    const derived = [fact('daysSinceRelease', 8_765)];
    expect(factCheck('released 8,765 days ago', plan, none).ok).toBe(false);
    expect(factCheck('released 8,765 days ago', plan, { facts: derived }).ok).toBe(true);
  });

  it('measures its speed per 1,000 words', () => {
    const paragraph =
      'H25 leads at #1 with 412 likes; ultralytics/ultralytics gained +1,250 stars, 67% of models. ';
    const ms = benchmarkFactCheck(plan, paragraph.repeat(100), 5);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(50);
  });
});

describe('factCheck tolerance, on a bare plan', () => {
  const plan = barePlan();
  const scope = (...values: number[]) => ({ facts: values.map((v, i) => fact(`n${i}`, v)) });

  it('rounds to the precision shown: 1.2k covers 1,150 to 1,250 (halves round either way)', () => {
    expect(factCheck('1.2k likes', plan, scope(1_249)).ok).toBe(true);
    expect(factCheck('1.2k likes', plan, scope(1_150)).ok).toBe(true);
    expect(factCheck('1.2k likes', plan, scope(1_250)).ok).toBe(true);
    expect(factCheck('1.2k likes', plan, scope(1_251)).ok).toBe(false);
    expect(factCheck('1.2k likes', plan, scope(1_149)).ok).toBe(false);
    expect(factCheck('1.2k likes', plan, scope(1_300)).failures).toEqual([
      `number "1.2k" (likes?) is not in the plan's facts`,
    ]);
    expect(factCheck('1,234 likes', plan, scope(1_234)).ok).toBe(true);
    expect(factCheck('1,234 likes', plan, scope(1_235)).ok).toBe(false);
  });

  it('matches percentages to shares and to percentages', () => {
    expect(factCheck('67%', plan, scope(0.6667)).ok).toBe(true);
    expect(factCheck('67%', plan, scope(0.665)).ok).toBe(true);
    expect(factCheck('67%', plan, scope(0.676)).ok).toBe(false);
    expect(factCheck('67%', plan, scope(0.664)).ok).toBe(false);
    expect(factCheck('67 percent', plan, scope(67)).ok).toBe(true);
    expect(factCheck('0.67 of models', plan, scope(0.6667)).ok).toBe(true);
  });

  it('reads parameter counts and scale words', () => {
    expect(factCheck('0.5B parameters', plan, scope(494_000_000)).ok).toBe(true);
    expect(factCheck('7b parameters', plan, scope(7_240_000_000)).ok).toBe(true);
    expect(factCheck('270M parameters', plan, scope(270_000_000)).ok).toBe(true);
    expect(factCheck('1.5 billion parameters', plan, scope(1_540_000_000)).ok).toBe(true);
    expect(factCheck('3.4M downloads', plan, scope(3_500_000)).ok).toBe(false);
  });

  it('ignores the sign and reads ordinals', () => {
    expect(factCheck('+340 stars, −12 places, 14th', plan, scope(340, -12, 14)).ok).toBe(true);
    expect(factCheck('+341 stars', plan, scope(340)).ok).toBe(false);
  });

  it('allows 0–10 as structure, but not as percentages or scaled', () => {
    expect(factCheck('two opinions over 7 days; 3 models, #2 and 10 papers', plan, none).ok).toBe(true);
    expect(factCheck('5% of models', plan, none).ok).toBe(false);
    expect(factCheck('a 7B model', plan, none).ok).toBe(false);
    expect(factCheck('11 models', plan, none).ok).toBe(false);
  });

  it("allows the edition date's parts and the hours of a covered day", () => {
    expect(factCheck('Sunday 23 August 2026, the last 24 hours', plan, none).ok).toBe(true);
    expect(factCheck('since 2025', plan, none).ok).toBe(false);
  });
});
