/**
 * @module cli/table
 * Plain-text tables for terminal summaries.
 */

/** Columns are right-aligned (numbers) except the first and any named in `left`. */
export function renderTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  left: readonly number[] = [],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || left.includes(column)
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Long upstream URLs in messages, cut to origin and path, so a summary line stays readable. */
export function shortenUrls(text: string, maxQuery = 40): string {
  return text.replace(/(https?:\/\/[^\s)]+?)([:,;.]?(?:\s|\)|$))/g, (_match, url: string, after: string) => {
    const query = url.indexOf('?');
    return (query >= 0 && url.length - query > maxQuery ? `${url.slice(0, query)}?…` : url) + after;
  });
}
