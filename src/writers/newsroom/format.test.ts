import { describe, expect, it } from 'vitest';
import {
  article,
  compact,
  count,
  dayMonth,
  exact,
  listText,
  localDay,
  longDate,
  ordinal,
  parameters,
  percent,
  quantity,
  relativeDay,
  signed,
  titleCase,
  windowPhrase,
  wordCount,
} from './format.js';

describe('numbers', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [999, '999'],
    [1000, '1k'],
    [1200, '1.2k'],
    [1250, '1.3k'],
    [2150, '2.2k'],
    [41_000, '41k'],
    [310_000, '310k'],
    [999_960, '1M'],
    [3_400_000, '3.4M'],
    [1_900_000, '1.9M'],
    [12_345_678, '12.3M'],
    [2_500_000_000, '2.5B'],
    [-1200, '-1.2k'],
    [Number.NaN, '0'],
    [Number.POSITIVE_INFINITY, '0'],
  ])('compact(%d) = %s', (n, text) => expect(compact(n)).toBe(text));

  it.each([
    [494_000_000, '0.5B'],
    [270_000_000, '270M'],
    [41_000_000, '41M'],
    [1_540_000_000, '1.5B'],
    [3_800_000_000, '3.8B'],
    [70_600_000_000, '71B'],
    [8_000_000_000, '8B'],
    [0, '0'],
  ])('parameters(%d) = %s', (n, text) => expect(parameters(n)).toBe(text));

  it.each([
    [340, '+340'],
    [1250, '+1.3k'],
    [0, '0'],
    [-12, '-12'],
  ])('signed(%d) = %s', (n, text) => expect(signed(n)).toBe(text));

  it.each([
    [0.6667, '67%'],
    [0.5, '50%'],
    [1, '100%'],
    [0, '0%'],
    [0.001, 'under 1%'],
  ])('percent(%d) = %s', (n, text) => expect(percent(n)).toBe(text));

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [101, '101st'],
    [112, '112th'],
  ])('ordinal(%d) = %s', (n, text) => expect(ordinal(n)).toBe(text));

  it('prints exact values with separators', () => {
    expect(exact(1234567)).toBe('1,234,567');
    expect(exact(12)).toBe('12');
  });
});

describe('agreement', () => {
  it.each([
    [0, 'like', '0 likes'],
    [1, 'like', '1 like'],
    [2, 'like', '2 likes'],
    [1200, 'download', '1.2k downloads'],
    [1, 'repository', '1 repository'],
    [3, 'repository', '3 repositories'],
    [1, 'place', '1 place'],
  ])('count(%d, %s) = %s', (n, noun, text) => expect(count(n, noun)).toBe(text));

  it.each([
    [1, 'model', 'a model'],
    [2, 'model', 'two models'],
    [0, 'model', 'no models'],
    [12, 'model', '12 models'],
    [1, 'upvote', 'an upvote'],
  ])('quantity(%d, %s) = %s', (n, noun, text) => expect(quantity(n, noun)).toBe(text));

  it.each([
    ['model', 'a'],
    ['upvote', 'an'],
    ['apple', 'an'],
    ['unique', 'a'],
    ['user', 'a'],
    ['hour', 'an'],
    ['8B-parameter', 'an'],
    ['11B-parameter', 'an'],
    ['18M-parameter', 'an'],
    ['0.5B-parameter', 'a'],
    ['41M-parameter', 'a'],
    ['110M-parameter', 'a'],
    ['LLM', 'an'],
    ['SQL', 'an'],
    ['GPU', 'a'],
    ['one-off', 'a'],
    ['European', 'a'],
  ])('article(%s) = %s', (word, a) => expect(article(word)).toBe(a));

  it('lists with "and"', () => {
    expect(listText([])).toBe('');
    expect(listText(['A'])).toBe('A');
    expect(listText(['A', 'B'])).toBe('A and B');
    expect(listText(['A', 'B', 'C'])).toBe('A, B and C');
    expect(listText(['A', '', 'C'], 'or')).toBe('A or C');
  });

  it('title-cases headlines but keeps names as written', () => {
    expect(titleCase('a wave of medical models')).toBe('A Wave of Medical Models');
    expect(titleCase('hanyc4855’s H25 and H24 take two places')).toBe(
      'hanyc4855’s H25 and H24 Take Two Places',
    );
  });

  it('counts words', () => {
    expect(wordCount('Opinion: the  list — 67% of it.')).toBe(6);
  });
});

describe('dates relative to the edition', () => {
  const edition = '2026-08-23'; // a Sunday
  it.each([
    ['2026-08-23', 'this Sunday'],
    ['2026-08-22', 'yesterday'],
    ['2026-08-20', 'on Thursday'],
    ['2026-08-17', 'on Monday'],
    ['2026-08-16', 'last Sunday'],
    ['2026-08-24', 'tomorrow'],
    ['2026-08-02', 'on 2 August'],
    ['2025-12-31', 'on 31 December 2025'],
    ['not a date', 'on not a date'],
  ])('relativeDay(%s) = %s', (day, text) => expect(relativeDay(day, edition)).toBe(text));

  it('formats long dates and day-months', () => {
    expect(longDate('2026-08-23')).toBe('Sunday, 23 August 2026');
    expect(dayMonth('2026-08-16', '2026-08-23')).toBe('16 August');
  });

  it('reads a timestamp in the edition’s time zone', () => {
    expect(localDay('2026-08-20T23:30:00Z', 'UTC')).toBe('2026-08-20');
    expect(localDay('2026-08-20T23:30:00Z', 'Europe/Berlin')).toBe('2026-08-21');
    expect(localDay('2026-08-20T23:30:00Z', 'Not/AZone')).toBe('2026-08-20');
    expect(localDay('garbage', 'UTC')).toBeNull();
  });

  it('never pretends a week', () => {
    expect(windowPhrase(7)).toBe('over the past week');
    expect(windowPhrase(3)).toBe('over 3 days');
    expect(windowPhrase(1)).toBe('since yesterday');
    expect(windowPhrase(0)).toBe('over 0 days');
  });
});
