/**
 * @module subscriptions/csv
 * RFC 4180 CSV for the subscriber list: quoting on the way out, a small parser that remembers
 * the line each record started on (so import errors can point at it) on the way in.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and tab or CR) as a formula,
 * and an address such as `=HYPERLINK(…)@x.org` is valid. Such cells are written with a leading
 * `'`, which spreadsheets show as text, and the parser takes that `'` off again, so an exported
 * file imports unchanged.
 */

/** A formula start, or one already behind guard quotes (so a leading `'` of the value survives). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows joined with CRLF, as RFC 4180 asks, ending with a line break. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Parses the whole text; blank lines are skipped; a BOM is ignored. */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      let quoted = false;
      if (source[i] === '"') {
        quoted = true;
        i++;
        for (;;) {
          if (i >= source.length) throw new CsvSyntaxError(start, 'a quoted cell is never closed');
          const char = source[i] as string;
          if (char === '"') {
            if (source[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (char === '\n') line++;
          cell += char;
          i++;
        }
      }
      while (i < source.length && source[i] !== ',' && source[i] !== '\n' && source[i] !== '\r') {
        if (quoted || source[i] === '"') throw new CsvSyntaxError(line, 'a quote in the middle of a cell');
        cell += source[i];
        i++;
      }
      cells.push(unguard(cell));
      if (source[i] === ',') {
        i++;
        continue;
      }
      if (source[i] === '\r') i++;
      if (source[i] === '\n') i++;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
  }
  return records;
}

function unguard(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
