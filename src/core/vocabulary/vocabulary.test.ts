import { describe, expect, it } from 'vitest';
import type { Metric } from '../signals.js';
import {
  compact,
  longDate,
  mediumDate,
  metricDisplay,
  metricPartLabel,
  monthTitle,
  moversTitle,
  parameters,
  readingTitle,
  SECTIONS,
  timestamp,
} from './index.js';

describe('the one rule for each value', () => {
  it.each([
    [57, '57'],
    [57.25, '57.3'],
    [412.4, '412'],
    [1250, '1.3k'],
    [99_960, '100k'],
    [150_500, '151k'],
    [999_500, '1M'],
    [999_960, '1M'],
    [12_345_678, '12.3M'],
    [3_400_000_000, '3.4B'],
    [-150_500, '-151k'],
    [-0.01, '0'],
  ])('compact(%d) = %s: one decimal below 100 of a unit, whole from 100 up', (n, text) =>
    expect(compact(n)).toBe(text),
  );

  it.each([
    [494_000_000, '0.5B'],
    [449_000_000, '449M'],
    [270_000_000, '270M'],
    [70_600_000_000, '71B'],
  ])('parameters(%d) = %s: billions from 450M up', (n, text) => expect(parameters(n)).toBe(text));

  it('prints dates and timestamps one way', () => {
    expect(longDate('2026-08-23')).toBe('Sunday, 23 August 2026');
    expect(mediumDate('2026-08-23')).toBe('23 August 2026');
    expect(monthTitle('2026-08-01')).toBe('August 2026');
    expect(timestamp('2026-08-23T06:05:00.000Z')).toBe('23 Aug 2026, 06:05 UTC');
    expect(longDate('not a day')).toBe('not a day');
  });
});

describe('names', () => {
  it('titles sections, honestly about the movers’ window and the weekend', () => {
    expect(SECTIONS.tools.title).toBe('Tools of the Week');
    expect(moversTitle(7)).toBe(SECTIONS.movers.title);
    expect(moversTitle(3)).toBe('Biggest Movers Over 3 Days');
    expect(readingTitle(true)).toBe('Weekend Reading');
  });
});

describe('metrics', () => {
  const metric = (over: Partial<Metric>): Metric => ({
    id: 'top-tasks',
    label: 'Top task among trending models',
    value: 0.58,
    previous: null,
    unit: 'share',
    from: '2026-08-17',
    to: '2026-08-23',
    days: 7,
    ...over,
  });

  it('names the leader a top- metric measures', () => {
    const breakdown = [{ label: 'text-generation', value: 7 }];
    expect(metricDisplay(metric({ breakdown }))).toBe('text-generation, 58%');
    expect(
      metricDisplay(
        metric({ id: 'top-domains', value: 0.08, breakdown: [{ label: 'speech-audio', value: 1 }] }),
      ),
    ).toBe('speech and audio, 8%');
    expect(metricPartLabel(metric({ id: 'top-domains' }), 'math')).toBe('maths');
  });

  it('shows the value alone when there is no leader to name', () => {
    expect(metricDisplay(metric({}))).toBe('58%');
    expect(
      metricDisplay(
        metric({ id: 'papers', unit: 'count', value: 150_500, breakdown: [{ label: 'x', value: 1 }] }),
      ),
    ).toBe('151k');
    expect(metricDisplay(metric({ id: 'median-parameters', unit: 'parameters', value: 494e6 }))).toBe('0.5B');
  });
});
