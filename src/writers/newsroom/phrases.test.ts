import { describe, expect, it } from 'vitest';
import { voice, withPhrasings } from './phrases.js';

const OPTIONS = ['a', 'b', 'c', 'd'] as const;

describe('voice with memory', () => {
  it('never picks a phrasing printed in the remembered editions while another exists', () => {
    const recent = { 'lead.news#0': 1, 'lead.news#1': 3, 'lead.news#2': 9 };
    const [picked, used] = withPhrasings(recent, () => voice('2026-10-01', 'lead').pick('news', OPTIONS));
    expect(picked).toBe('d');
    expect(used).toEqual(['lead.news#3']);
  });

  it('when every phrasing was printed, takes the one printed longest ago', () => {
    const recent = { 'lead.news#0': 1, 'lead.news#1': 3, 'lead.news#2': 9, 'lead.news#3': 4 };
    const [picked] = withPhrasings(recent, () => voice('2026-10-01', 'lead').pick('news', OPTIONS));
    expect(picked).toBe('c');
  });

  it('does not use one phrasing twice in an edition while another is left', () => {
    const [picks] = withPhrasings({}, () => {
      const v = voice('2026-10-01', 'deepDive');
      return OPTIONS.map(() => v.pick('member', OPTIONS));
    });
    expect(new Set(picks).size).toBe(OPTIONS.length);
  });

  it('is deterministic for a date, and another date may start elsewhere', () => {
    const pick = (date: string) => withPhrasings({}, () => voice(date, 'lead').pick('news', OPTIONS))[0];
    expect(pick('2026-10-01')).toBe(pick('2026-10-01'));
    const dates = Array.from({ length: 10 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
    expect(new Set(dates.map(pick)).size).toBeGreaterThan(1);
  });
});
