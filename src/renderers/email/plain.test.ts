import { describe, expect, it } from 'vitest';
import { Footnotes, WIDTH, withUrl, wrap } from './plain.js';

describe('wrap', () => {
  it('fills lines up to 76 columns, breaking at spaces', () => {
    const lines = wrap('word '.repeat(100));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(WIDTH);
    expect(lines[0]).toBe(`${'word '.repeat(14)}word`); // 74 columns: a 15th word would pass 76
  });

  it('indents the first line and hangs the rest', () => {
    expect(wrap('alpha beta gamma', '- ', '  ', 12)).toEqual(['- alpha beta', '  gamma']);
  });

  it('never breaks a URL, but cuts other over-long words', () => {
    const url = `https://example.org/${'a'.repeat(100)}`;
    expect(wrap(`see <${url}>`)).toEqual(['see', `<${url}>`]);
    const cut = wrap('W'.repeat(200));
    expect(cut).toEqual(['W'.repeat(76), 'W'.repeat(76), 'W'.repeat(48)]);
  });

  it('gives nothing for blank text', () => {
    expect(wrap('  \n ')).toEqual([]);
  });
});

describe('Footnotes', () => {
  it('numbers each URL once and lists new ones after their section', () => {
    const notes = new Footnotes();
    const a = { text: 'A', href: 'https://x.org/a' };
    const b = { text: 'B', href: 'https://x.org/b' };
    expect(notes.text(['See ', a, ' and ', b, '.'])).toBe('See A [1] and B [2].');
    expect(notes.flush()).toEqual(['[1] https://x.org/a', '[2] https://x.org/b']);
    expect(notes.text([a, ' again'])).toBe('A [1] again');
    expect(notes.flush()).toEqual([]);
  });
});

describe('withUrl', () => {
  it('puts the URL in angle brackets after the text', () => {
    expect(withUrl('H25', 'https://x.org/H25')).toBe('H25 <https://x.org/H25>');
    expect(withUrl('H25', null)).toBe('H25');
  });
});
