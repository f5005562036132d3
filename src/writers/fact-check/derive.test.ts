import { describe, expect, it } from 'vitest';
import { type Derived, derive, MAX_GROUP, MAX_PAIRS, measureOf, type Operand } from './derive.js';

const COUNT = new Set(['like', 'star', 'download', 'upvote', 'param']);
const op = (subject: string, measure: string, value: number): Operand => ({ subject, measure, value });

/** Whether the set has `v` (within 1e-9). */
const has = (set: Derived['differences'], v: number) => set.hasWithin(v - 1e-9, v + 1e-9);

describe('measureOf', () => {
  it('reads what a value counts from its field, then its label, else the field', () => {
    expect(measureOf('starsInPeriod', 'stars gained (weekly)')).toBe('star');
    expect(measureOf('likesGained')).toBe('like');
    expect(measureOf('trendingScore')).toBe('score');
    expect(measureOf('rankThen', 'rank 7 days ago')).toBe('rank');
    expect(measureOf('value', 'Most upvotes on a daily paper')).toBe('upvote');
    expect(measureOf('individualCount', 'trending models by individual accounts')).toBe('model');
    expect(measureOf('days', 'New models released on Saturday or Sunday (UTC): days covered')).toBe('day');
    expect(measureOf('seriesGap')).toBe('seriesgap');
  });
});

describe('derive', () => {
  // H25 and H24 of the seed scenario, and a repository.
  const lead = [
    op('H25', 'like', 412),
    op('H25', 'download', 3_100),
    op('H24', 'like', 355),
    op('H24', 'download', 4_800),
    op('H25', 'rank', 1),
    op('H24', 'rank', 3),
  ];
  const repo = [op('ultralytics', 'star', 41_000), op('ultralytics', 'star', 1_250)];

  it('takes differences, sums, ratios, shares and growths of one measure', () => {
    const d = derive([lead, repo], COUNT);
    expect(has(d.differences, 57)).toBe(true);
    expect(has(d.sums, 767)).toBe(true);
    expect(has(d.byWord.get('like')?.differences as Derived['differences'], 57)).toBe(true);
    expect(has(d.byWord.get('download')?.differences as Derived['differences'], 57)).toBe(false);
    expect(has(d.ratios, 412 / 355)).toBe(true);
    expect(has(d.ratios, 355 / 412)).toBe(true);
    expect(has(d.percents, (1_250 / 41_000) * 100)).toBe(true);
    expect(has(d.percents, ((412 - 355) / 355) * 100)).toBe(true);
    expect(has(d.negativePercents, ((412 - 355) / 412) * 100)).toBe(true);
    expect(has(d.percents, ((355 - 412) / 412) * -100)).toBe(true);
  });

  it('takes only ratios across measures, and only of one subject', () => {
    const d = derive([lead], COUNT);
    expect(has(d.ratios, 4_800 / 355)).toBe(true);
    expect(has(d.ratios, 3_100 / 412)).toBe(true);
    expect(has(d.ratios, 4_800 / 412)).toBe(false);
    expect(has(d.differences, 4_800 - 355)).toBe(false);
    expect(has(d.percents, (412 / 3_100) * 100)).toBe(false);
  });

  it('takes only differences of ranks and days; shares pair with shares, in points too', () => {
    const d = derive(
      [
        [
          op('a', 'rank', 20),
          op('a', 'rank', 6),
          op('m', 'model', 0.6667),
          op('m', 'model', 0.5),
          op('m', 'model', 8),
        ],
      ],
      COUNT,
    );
    expect(has(d.differences, 14)).toBe(true);
    expect(has(d.sums, 26)).toBe(false);
    expect(has(d.ratios, 20 / 6)).toBe(false);
    expect(has(d.differences, (0.6667 - 0.5) * 100)).toBe(true);
    expect(has(d.percents, ((0.6667 - 0.5) / 0.5) * 100)).toBe(true);
    expect(has(d.differences, 8 - 0.5)).toBe(false);
    expect(has(d.sums, 1.1667)).toBe(false);
  });

  it('never pairs values of two scopes', () => {
    const d = derive([[op('H25', 'like', 412)], [op('H24', 'like', 355)]], COUNT);
    expect(has(d.differences, 57)).toBe(false);
    expect(d.pairs).toBe(0);
  });

  it(`is bounded: ${MAX_GROUP} values of a measure, ${MAX_PAIRS} pairs per scope`, () => {
    const many = Array.from({ length: 500 }, (_, i) => op(`m${i}`, 'like', 1_000 + i * 7));
    const d = derive([many], COUNT);
    expect(d.pairs).toBe((MAX_GROUP * (MAX_GROUP - 1)) / 2);
    // The first values pair; the 61st (1,420) does not take part.
    expect(has(d.differences, 7 * (MAX_GROUP - 1))).toBe(true);
    expect(has(d.differences, 7 * MAX_GROUP)).toBe(false);
    const measures = Array.from({ length: 3_000 }, (_, i) => op('one', `m${i % 100}`, i + 1));
    expect(derive([measures], COUNT).pairs).toBe(MAX_PAIRS);
    expect(derive([measures, measures], COUNT).pairs).toBe(2 * MAX_PAIRS);
  });
});
