import { describe, expect, it } from 'vitest';
import { formatValue, matchesSet, NumberSet, numbersIn, scaleOf, shownNumber, signOf } from './numbers.js';

describe('NumberSet', () => {
  it('keeps absolute, finite, distinct values and finds them by interval', () => {
    const set = new NumberSet([5, -3, 5, Number.NaN, Number.POSITIVE_INFINITY, 1_250]);
    expect(set.size).toBe(3);
    expect(set.hasWithin(2.5, 3.5)).toBe(true);
    expect(set.hasWithin(1_150, 1_249)).toBe(false);
    expect(set.hasWithin(1_150, 1_250)).toBe(true);
    expect(set.nearest(1_000)).toBe(1_250);
    expect(set.nearest(4)).toBe(3);
    expect(new NumberSet([]).nearest(1)).toBeUndefined();
  });
});

describe('matchesSet', () => {
  it('matches every value that rounds to the shown number (percent values are a set of their own)', () => {
    const k = shownNumber('1.2k', '1', '2', scaleOf('k') ?? 1, false);
    expect(matchesSet(k, new NumberSet([1_150]))).toBe(true);
    expect(matchesSet(k, new NumberSet([1_249.99]))).toBe(true);
    expect(matchesSet(k, new NumberSet([1_250]))).toBe(true);
    expect(matchesSet(k, new NumberSet([1_250.01]))).toBe(false);
    expect(matchesSet(k, new NumberSet([1_149.99]))).toBe(false);
    const pct = shownNumber('67%', '67', '', 1, true);
    expect(matchesSet(pct, new NumberSet([66.6]))).toBe(true);
    expect(matchesSet(pct, new NumberSet([0.67]))).toBe(false);
    const thousands = shownNumber('41,000', '41,000', '', 1, false);
    expect(thousands.value).toBe(41_000);
    expect(matchesSet(thousands, new NumberSet([41_000]))).toBe(true);
  });
});

describe('signOf', () => {
  it('reads plus, hyphen, minus sign and en dash; other marks are no sign', () => {
    expect(['+', '-', '\u2212', '\u2013', '#', '~', ''].map(signOf)).toEqual([
      '+',
      '-',
      '-',
      '-',
      '',
      '',
      '',
    ]);
  });
});

describe('numbersIn', () => {
  it('finds the numbers inside names and notes, with and without their scale', () => {
    const found: number[] = [];
    numbersIn('Qwen2.5-0.5B v4.41.0 2608.01234 "12 of 12" 1,540 7b', found);
    expect(found).toEqual([2.5, 0.5, 0.5e9, 4.41, 0, 2608.01234, 12, 12, 1_540, 7, 7e9]);
  });
});

describe('formatValue', () => {
  it('formats plan values for messages', () => {
    expect(formatValue(4_100)).toBe('4,100');
    expect(formatValue(0.66667)).toBe('0.6667');
  });
});
