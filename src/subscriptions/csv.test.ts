import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvCell, parseCsv, toCsv } from './csv.js';

describe('csvCell', () => {
  it.each([
    ['plain@example.org', 'plain@example.org'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ["'=already", "''=already"],
    ["o'brien@example.ie", "o'brien@example.ie"],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes null as an empty cell', () => {
    expect(csvCell(null)).toBe('');
  });
});

describe('parseCsv', () => {
  it('reads back exactly what toCsv wrote, guards included', () => {
    const rows = [
      ['=cmd@example.org', 'a,b', 'say "hi"'],
      ['+x', "'=kept", 'multi\nline'],
      ["o'brien@example.ie", '', '@at'],
    ];
    const text = toCsv(['one', 'two', 'three'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text).map((record) => record.cells)).toEqual([['one', 'two', 'three'], ...rows]);
  });

  it('numbers records by the line they start on, across quoted line breaks and blank lines', () => {
    const records = parseCsv('\uFEFFemail\n"a\nb"\n\nc@example.org\r\nd@example.org');
    expect(records).toEqual([
      { line: 1, cells: ['email'] },
      { line: 2, cells: ['a\nb'] },
      { line: 5, cells: ['c@example.org'] },
      { line: 6, cells: ['d@example.org'] },
    ]);
  });

  it('keeps empty cells', () => {
    expect(parseCsv('a,,c\n,\n')).toEqual([
      { line: 1, cells: ['a', '', 'c'] },
      { line: 2, cells: ['', ''] },
    ]);
  });

  it.each([
    ['an unclosed quote', 'email\n"open@example.org\n', 2],
    ['text after a closing quote', 'email\n"a"b\n', 2],
    ['a quote inside an unquoted cell', 'email\nx\ny"z\n', 3],
  ])('reports %s with its line', (_name, text, line) => {
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    try {
      parseCsv(text);
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(line);
    }
  });
});
