/**
 * The fact-check against the seed scenario's plan (bundle → in-memory SQLite → history → plan),
 * and against a bare plan where tolerance edges can be set up exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditionPlan, EditionPlanSchema, type Fact } from '../core/plan.js';
import { planFromBundle } from '../testing/plans/helpers.js';
import { SEED_DAY, seedScenario } from '../testing/plans/seed-scenario.js';
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
    expect(factCheck(text, plan, none)).toEqual({ ok: true, failures: [] });
  });

  describe('a section with facts is held to them and the items they name', () => {
    const lead = () => ({ facts: plan.lead?.facts ?? [] });

    it('passes the lead written from its own facts', () => {
      const text = [
        'Independent developers held 67% of trending models this Sunday, 23 August 2026 (8 of 12).',
        'hanyc4855/H25 leads at #1 with 412 likes and 3.1k downloads; H24 is #3 with 355 likes.',
        'Qwen2.5-0.5B-Medical, a 0.5B fine-tune, sits at #4; StyTJU/MultiObj-DETR has 41M parameters.',
      ].join('\n\n');
      expect(factCheck(text, plan, lead())).toEqual({ ok: true, failures: [] });
    });

    it("rejects another item's number, or one of another section", () => {
      // 1.2k is tiny-story-270M's downloads (the movers), not H25's likes (412).
      expect(factCheck('hanyc4855/H25 has 1.2k likes.', plan, lead()).failures).toEqual([
        `number "1.2k" (likes?) is not in this section's facts, nor a sum or difference of two of them`,
      ]);
      // 2,150 is the GitHub stars metric.
      expect(factCheck('H25 gained 2,150 likes.', plan, lead()).failures).toEqual([
        `number "2,150" (likes?) is not in this section's facts, nor a sum or difference of two of them`,
      ]);
      expect(factCheck('H25 has 3,100 likes.', plan, lead()).ok).toBe(false);
    });

    it('rejects a flipped sign', () => {
      expect(factCheck('H25 fell -12 places.', plan, lead()).failures).toEqual([
        `number "-12" (places?) is not in this section's facts (a "-" number must be a negative value)`,
      ]);
    });
  });

  it('names an invented number, with what it seemed to count and the nearest plan value', () => {
    const result = factCheck('H25 now has 4,200 likes.', plan, none);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      `number "4,200" (likes?) is not in the plan's facts, nor a sum or difference of two values of one section; the plan has 4,100`,
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
  const of = (field: string, ...values: number[]) => ({
    facts: values.map((v, i) => ({ ...fact(field, v), id: `f-${field}-${i}` })),
  });

  it('rounds to the precision shown: 1.2k covers 1,150 to 1,250 (halves round either way)', () => {
    expect(factCheck('1.2k likes', plan, of('likes', 1_249)).ok).toBe(true);
    expect(factCheck('1.2k likes', plan, of('likes', 1_150)).ok).toBe(true);
    expect(factCheck('1.2k likes', plan, of('likes', 1_250)).ok).toBe(true);
    expect(factCheck('1.2k likes', plan, of('likes', 1_251)).ok).toBe(false);
    expect(factCheck('1.2k likes', plan, of('likes', 1_149)).ok).toBe(false);
    expect(factCheck('1.2k likes', plan, of('likes', 1_300)).failures).toEqual([
      `number "1.2k" (likes?) is not in this section's facts, nor a sum or difference of two of them; the plan has 1,300`,
    ]);
    expect(factCheck('1,234 likes', plan, of('likes', 1_234)).ok).toBe(true);
    expect(factCheck('1,234 likes', plan, of('likes', 1_235)).ok).toBe(false);
    expect(factCheck('1.2k', plan, scope(1_249)).ok).toBe(true);
  });

  it('matches percentages to shares and to percent values only', () => {
    expect(factCheck('67%', plan, scope(0.6667)).ok).toBe(true);
    expect(factCheck('67%', plan, scope(0.665)).ok).toBe(true);
    expect(factCheck('67%', plan, scope(0.676)).ok).toBe(false);
    expect(factCheck('67%', plan, scope(0.664)).ok).toBe(false);
    expect(factCheck('67 percent', plan, of('sharePercent', 67)).ok).toBe(true);
    expect(factCheck('0.67 of models', plan, scope(0.6667)).ok).toBe(true);
  });

  it('never matches a percentage to a raw count', () => {
    expect(factCheck('67%', plan, of('likes', 67)).failures).toEqual([
      `number "67%" is not in this section's facts, nor a share or growth of two of them (a percentage must be a share or a percent value)`,
    ]);
    expect(factCheck('67 percent', plan, scope(67)).ok).toBe(false);
    expect(factCheck('23% of models', plan, scope(8)).ok).toBe(false);
  });

  it('reads parameter counts and scale words', () => {
    expect(factCheck('0.5B parameters', plan, of('parameters', 494_000_000)).ok).toBe(true);
    expect(factCheck('7b parameters', plan, of('parameters', 7_240_000_000)).ok).toBe(true);
    expect(factCheck('270M parameters', plan, of('parameters', 270_000_000)).ok).toBe(true);
    expect(factCheck('1.5 billion parameters', plan, of('parameters', 1_540_000_000)).ok).toBe(true);
    expect(factCheck('3.4M downloads', plan, of('downloads', 3_500_000)).ok).toBe(false);
  });

  it('lets the word after a number pick the field it counts', () => {
    const facts = [...of('likes', 412).facts, ...of('stars', 2_150).facts];
    expect(factCheck('412 likes and 2,150 stars', plan, { facts }).ok).toBe(true);
    expect(factCheck('2,150 likes', plan, { facts }).failures).toEqual([
      `number "2,150" (likes?) is not in this section's facts, nor a sum or difference of two of them`,
    ]);
  });

  it('keeps the sign: "+N" is a gain or change, "-N" a negative value; reads ordinals', () => {
    const facts = [...of('starsGained', 340).facts, ...of('rankChange', -12).facts, ...scope(14).facts];
    expect(factCheck('+340 stars, −12 places, -12, 12 places, 14th', plan, { facts }).ok).toBe(true);
    expect(factCheck('+341 stars', plan, of('starsGained', 340)).ok).toBe(false);
    expect(factCheck('-12 places', plan, of('rankChange', 12)).failures).toEqual([
      `number "-12" (places?) is not in this section's facts (a "-" number must be a negative value)`,
    ]);
    expect(factCheck('+12 places', plan, of('rankChange', -12)).ok).toBe(false);
    expect(factCheck('+14', plan, scope(14)).failures).toEqual([
      `number "+14" is not in this section's facts, nor a difference of two of them (a "+" number must be a gain or a change)`,
    ]);
  });

  it('allows 0–10 as structure, but not as percentages or scaled', () => {
    expect(factCheck('two opinions over 7 days; 3 models, #2 and 10 papers', plan, none).ok).toBe(true);
    expect(factCheck('5% of models', plan, none).ok).toBe(false);
    expect(factCheck('a 7B model', plan, none).ok).toBe(false);
    expect(factCheck('11 models', plan, none).ok).toBe(false);
  });

  it('rejects a percentage made of the day of the month (23 August)', () => {
    expect(factCheck('Individuals made 23% of trending models.', plan, scope(8, 12)).failures).toEqual([
      `number "23%" is not in this section's facts, nor a share or growth of two of them (a percentage must be a share or a percent value)`,
    ]);
  });

  it("allows the edition date's parts and the hours of a covered day", () => {
    expect(factCheck('Sunday 23 August 2026, the last 24 hours', plan, none).ok).toBe(true);
    expect(factCheck('since 2025', plan, none).ok).toBe(false);
  });
});

describe('derived figures, on a bare plan', () => {
  const plan = barePlan();
  const f = (subject: string, field: string, value: number): Fact => ({
    ...fact(field, value, subject),
    id: `f-${subject}-${field}`,
  });
  const scope = {
    facts: [
      f('K6', 'likes', 150),
      f('K7', 'likes', 240),
      f('K8', 'likes', 300),
      f('K8', 'downloads', 14_100),
      f('owner/repo', 'stars', 27_100),
      f('owner/repo', 'starsInPeriod', 20_900),
      f('K8', 'rank', 6),
      f('K8', 'rankThen', 20),
    ],
  };
  const check = (text: string) => factCheck(text, plan, scope);

  it('accepts a difference, "+N" too, and rejects wrong arithmetic, saying what was checked', () => {
    expect(check('K8 has 60 more likes than K7, +60 likes, and climbed 14 places.')).toEqual({
      ok: true,
      failures: [],
    });
    expect(check('K8 has 45 more likes than K7.').failures).toEqual([
      `number "45" (likes?) is not in this section's facts, nor a sum or difference of two of them`,
    ]);
    expect(check('+61 likes').failures).toEqual([
      `number "+61" (likes?) is not in this section's facts, nor a difference of two of them (a "+" number must be a gain or a change)`,
    ]);
    // "-N" is a negative value, never a difference.
    expect(check('K7 is at -60 likes.').ok).toBe(false);
  });

  it('lets a count word hold a difference or a sum to values of that field', () => {
    // 6,200 = 27,100 − 20,900 (stars), not a difference of likes.
    expect(check('6,200 more stars').ok).toBe(true);
    expect(check('6,200 more likes').ok).toBe(false);
    expect(check('6,200 more').ok).toBe(true);
  });

  it('accepts a sum', () => {
    expect(check('K7 and K8 have 540 likes between them.').ok).toBe(true);
    expect(check('K7 and K8 have 550 likes between them.').ok).toBe(false);
  });

  it('accepts a ratio written as one, within rounding, or within 5% after "about"', () => {
    expect(check('K8 has 1.25 times as many likes as K7 (1.25×, 1.25x).').ok).toBe(true);
    expect(check('K8 has 1.4 times as many likes as K7.').ok).toBe(false);
    expect(check('K8 draws 47 downloads per like, 47 for every like.').ok).toBe(true);
    expect(check('K8 draws about 49 downloads per like.').ok).toBe(true);
    expect(check('K8 draws 49 downloads per like.').failures).toEqual([
      `number "49" (downloads?) is not in this section's facts, nor a ratio, sum or difference of two of them`,
    ]);
    expect(check('K8 draws about 50 downloads per like.').ok).toBe(false);
    // A ratio is only read as one when written as one: "47 downloads" is not 47 per like.
    expect(check('K8 has 47 downloads.').ok).toBe(false);
  });

  it('accepts a share and a growth as percentages', () => {
    expect(check('77% of its 27.1k stars came this week.').ok).toBe(true);
    expect(check('70% of its 27.1k stars came this week.').failures).toEqual([
      `number "70%" is not in this section's facts, nor a share or growth of two of them (a percentage must be a share or a percent value)`,
    ]);
    expect(check('K8 has 25% more likes than K7; K7 has 20% fewer, -20%.').ok).toBe(true);
    expect(check('K7 is at -25% of K8.').ok).toBe(false);
    expect(check('K8 has 35% more likes than K7.').ok).toBe(false);
  });

  it('accepts the ratio words within 10%, and rejects them beyond', () => {
    expect(check('K8 has twice as many likes as K6, double the likes; K6 has half as many.').ok).toBe(true);
    expect(check('K8 has three times as many likes as K6.').failures).toEqual([
      `"three times" is not within 10% of a ratio of two values of this section's facts`,
    ]);
    const pair = (a: number, b: number) => ({ facts: [f('a', 'likes', a), f('b', 'likes', b)] });
    expect(factCheck('twice as many', plan, pair(100, 181)).ok).toBe(true);
    expect(factCheck('twice as many', plan, pair(100, 178)).ok).toBe(false);
    expect(factCheck('a third of its likes', plan, pair(100, 300)).ok).toBe(true);
    expect(factCheck('a quarter of its likes', plan, pair(100, 300)).ok).toBe(false);
    expect(factCheck('a quarter of its likes', plan, pair(100, 400)).ok).toBe(true);
    // "half" also reads a share fact: 0.5 of new models at the weekend.
    expect(factCheck('half of new models', plan, { facts: [fact('weekendShare', 0.5)] }).ok).toBe(true);
    expect(factCheck('half of new models', plan, { facts: [fact('weekendShare', 0.6)] }).ok).toBe(false);
  });

  it('reads the usual spellings of a parameter count', () => {
    const params = { facts: [f('K8', 'parameters', 1_540_000_000), f('K8', 'downloads', 270_000_000)] };
    const text =
      'K8 is a 1.5-billion-parameter model: 1.5 billion, 1.5bn, 1.5B-parameter; 270 million downloads.';
    expect(factCheck(text, plan, params)).toEqual({ ok: true, failures: [] });
    expect(factCheck('a 3-billion-parameter model', plan, params).failures).toEqual([
      `number "3-billion" (parameter?) is not in this section's facts, nor a sum or difference of two of them`,
    ]);
    expect(factCheck('27.1 thousand stars', plan, scope).ok).toBe(true);
  });

  it('widens "about", "nearly", "roughly" to 5% of the value, for facts too', () => {
    expect(check('about 14,000 downloads, nearly 280 likes').failures).toEqual([
      `number "280" (likes?) is not in this section's facts, nor a sum or difference of two of them; the plan has 300`,
    ]);
    expect(check('about 14,000 downloads, nearly 290 likes, roughly 28k stars').ok).toBe(true);
  });
});

describe('derived figures on the seed scenario', () => {
  let plan: EditionPlan;
  beforeAll(async () => {
    plan = await planFromBundle(seedScenario(), SEED_DAY);
  });
  const own = (story: 'lead' | 'opinion') => ({
    facts: (story === 'lead' ? plan.lead?.facts : plan.opinions[0]?.facts) ?? [],
  });

  it('accepts honest arithmetic on a section’s own facts and items', () => {
    const lead = [
      'hanyc4855/H25 has 57 more likes than H24 (+57), 767 between them, and 16% more.',
      'H24 draws about 13.5 downloads per like; H25 is a 1.5-billion-parameter model.',
      'H25 has four times as many likes as mira-k/whisper-small-gl.',
    ].join('\n\n');
    expect(factCheck(lead, plan, own('lead'))).toEqual({ ok: true, failures: [] });
    expect(factCheck('3% of its 41,000 stars came this week.', plan, own('opinion'))).toEqual({
      ok: true,
      failures: [],
    });
  });

  it('rejects wrong arithmetic and invented figures', () => {
    expect(factCheck('H25 has 45 more likes than H24.', plan, own('lead')).ok).toBe(false);
    expect(factCheck('13% of its 41,000 stars came this week.', plan, own('opinion')).ok).toBe(false);
    expect(factCheck('H25 has ten times as many likes as H24.', plan, own('lead')).ok).toBe(false);
  });

  it('derives for newsroom within each story, never across the plan', () => {
    expect(factCheck('H25 has 57 more likes than H24.', plan, none).ok).toBe(true);
    // 412 (H25, the lead) − 140 (tiny-story-270M, a tool and a mover): two sections apart.
    expect(factCheck('H25 has 272 more likes than tiny-story-270M.', plan, none).failures).toEqual([
      `number "272" (likes?) is not in the plan's facts, nor a sum or difference of two values of one section; the plan has 270`,
    ]);
  });
});
