import { describe, expect, it } from 'vitest';
import {
  clipWords,
  firstSentence,
  name,
  oneLine,
  shortParagraph,
  subjectLine,
  withoutOpinionLabel,
} from './short.js';

describe('oneLine', () => {
  it('turns line breaks and control characters into single spaces and drops bidi controls', () => {
    expect(oneLine('a\r\nb\u2028c\u0085d\te')).toBe('a b c d e');
    expect(oneLine('nul\u0000byte')).toBe('nulbyte');
    expect(oneLine('\u202Egnp.exe\u202C x')).toBe('gnp.exe x');
  });
});

describe('clipWords', () => {
  it('leaves short text alone', () => {
    expect(clipWords('short', 10)).toBe('short');
  });

  it('cuts at a word when one is near, ending in …, within the limit', () => {
    const clipped = clipWords('The quick brown fox jumps over the lazy dog', 20);
    expect(clipped).toBe('The quick brown fox…');
    expect(clipped.length).toBeLessThanOrEqual(20);
  });

  it('cuts hard inside a long word, never splitting a surrogate pair', () => {
    expect(clipWords('W'.repeat(200), 10)).toBe(`${'W'.repeat(9)}…`);
    const emoji = clipWords('🚀'.repeat(20), 10);
    expect(emoji.length).toBeLessThanOrEqual(10);
    expect(emoji).toBe(`${'🚀'.repeat(4)}…`);
  });
});

describe('name', () => {
  it('clips a name to 120 characters', () => {
    expect(name('x'.repeat(10_000))).toHaveLength(120);
    expect(name(' org/model ')).toBe('org/model');
  });
});

describe('shortParagraph', () => {
  it('keeps http(s) links and turns other links into text', () => {
    expect(
      shortParagraph(
        ['See ', { text: 'a', href: 'https://x.org/a' }, ' and ', { text: 'b', href: 'javascript:alert(1)' }],
        100,
      ),
    ).toEqual(['See ', { text: 'a', href: 'https://x.org/a' }, ' and ', 'b']);
  });

  it('cuts the paragraph at a word within the budget', () => {
    const out = shortParagraph(['one two three ', { text: 'four', href: 'https://x.org/' }, ' five six'], 16);
    expect(out).toEqual(['one two three…']);
    expect(shortParagraph(['one two three four five six'], 16)).toEqual(['one two three…']);
    const fits = shortParagraph(['a ', { text: 'four', href: 'https://x.org/' }, ' five six'], 12);
    expect(fits).toEqual(['a ', { text: 'four', href: 'https://x.org/' }, ' five…']);
  });

  it('clips a 10,000-character word in plain text like a name', () => {
    const [text] = shortParagraph([`by ${'W'.repeat(10_000)} today`], 1000);
    expect(text).toBe(`by ${'W'.repeat(119)}… today`);
  });
});

describe('firstSentence', () => {
  it('ends at the first full stop before a space, not inside a version number', () => {
    expect(firstSentence(['Qwen2.5 is small. It trends.'])).toEqual(['Qwen2.5 is small.']);
  });

  it('runs across links and ends after one when the next run starts a new sentence', () => {
    const link = { text: 'H25', href: 'https://x.org/H25' };
    expect(firstSentence(['Look at ', link, '. Then more.'])).toEqual(['Look at ', link, '.']);
    expect(firstSentence(['It is new.', ' And more.'])).toEqual(['It is new.']);
  });

  it('returns the whole paragraph when it has one sentence', () => {
    expect(firstSentence(['No stop here'])).toEqual(['No stop here']);
  });
});

describe('withoutOpinionLabel', () => {
  it('drops a leading "Opinion:" and capitalises what follows', () => {
    expect(withoutOpinionLabel(['Opinion: the tools matter.'])).toEqual(['The tools matter.']);
    // A handle at the start keeps upstream's case.
    expect(withoutOpinionLabel(['Opinion: kvasir-dev ships K8.'])).toEqual(['kvasir-dev ships K8.']);
    expect(withoutOpinionLabel(['Opinion: qwen2 leads.'])).toEqual(['qwen2 leads.']);
    const link = { text: 'hanyc4855', href: 'https://x.org/h' };
    expect(withoutOpinionLabel(['Opinion: ', link, ' ships.'])).toEqual([link, ' ships.']);
    expect(withoutOpinionLabel(['Plain.'])).toEqual(['Plain.']);
  });
});

describe('subjectLine', () => {
  it('names the paper and the headline', () => {
    expect(subjectLine('The AI Morning Post', 'Models Rise', 'x')).toBe('The AI Morning Post — Models Rise');
  });

  it('falls back when the headline is blank, and stays on one line within 120 characters', () => {
    expect(subjectLine('P', ' \n ', 'No. 3, 1 May 2026')).toBe('P — No. 3, 1 May 2026');
    const long = subjectLine('The AI Morning Post', `A\r\nB ${'word '.repeat(60)}`, 'x');
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long).not.toMatch(/[\r\n]/);
    expect(long).toMatch(/word…$/);
  });
});
