/**
 * @module renderers/site/charts
 * Charts drawn on the server as inline SVG: horizontal bars (with last week's value beneath when
 * there is one) and sparklines. Each carries its own text alternative, since an SVG alone says
 * nothing to a screen reader or a text browser. Colours come from the stylesheet's classes so
 * they follow the reader's colour scheme.
 */
import { shorten } from './format.js';
import { html, type Markup } from './html.js';

export interface BarRow {
  label: string;
  value: number;
  shown: string;
  previous?: number | null;
  previousShown?: string;
}

const WIDTH = 320;
const VALUE_SPACE = 52;

/** A horizontal bar chart and the same numbers as a visually hidden table. */
export function barChart(id: string, title: string, rows: readonly BarRow[], valueHeading = 'Value'): Markup {
  const withPrevious = rows.some((row) => row.previous != null);
  const rowHeight = withPrevious ? 38 : 30;
  const max = Math.max(...rows.flatMap((row) => [row.value, row.previous ?? 0]), 0) || 1;
  const scale = (value: number) => Math.max(0, (value / max) * (WIDTH - VALUE_SPACE));
  const height = rows.length * rowHeight + 4;
  const bars = rows.map((row, i) => {
    const y = i * rowHeight;
    const width = scale(row.value);
    const previous =
      row.previous != null
        ? html`<rect class="bar-previous" x="0" y="${y + 27}" width="${round(scale(row.previous))}" height="5" fill="currentColor" opacity="0.45"/>`
        : '';
    return html`<g><text class="chart-label" x="0" y="${y + 11}">${shorten(row.label, 52)}</text><rect class="bar" x="0" y="${y + 15}" width="${round(width)}" height="10" fill="currentColor"/><text class="chart-value" x="${round(width + 4)}" y="${y + 24}">${row.shown}</text>${previous}</g>`;
  });
  const legend = withPrevious ? ' Thin bars show the week before.' : '';
  const previousHead = withPrevious ? html`<th scope="col">Week before</th>` : '';
  const tableRows = rows.map(
    (row) =>
      html`<tr><th scope="row">${row.label}</th><td>${row.shown}</td>${withPrevious ? html`<td>${row.previousShown ?? '—'}</td>` : ''}</tr>`,
  );
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" font-size="11" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${title}</title><desc id="${id}-d">Bar chart of ${rows.length} values; the numbers are also given as a table.${legend}</desc>${bars}</svg><div class="visually-hidden"><table><thead><tr><th scope="col">Item</th><th scope="col">${valueHeading}</th>${previousHead}</tr></thead><tbody>${tableRows}</tbody></table></div>`;
}

const SPARK_W = 120;
const SPARK_H = 32;
const PAD = 3;

/** A sparkline; null values are gaps in the line. `label` is its whole text alternative. */
export function sparkline(values: readonly (number | null)[], label: string): Markup {
  const known = values.filter((value): value is number => value !== null);
  const low = Math.min(...known);
  const high = Math.max(...known);
  const x = (i: number) =>
    values.length < 2 ? SPARK_W / 2 : PAD + (i / (values.length - 1)) * (SPARK_W - 2 * PAD);
  const y = (value: number) =>
    high === low ? SPARK_H / 2 : SPARK_H - PAD - ((value - low) / (high - low)) * (SPARK_H - 2 * PAD);
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> = [];
  values.forEach((value, i) => {
    if (value === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push([round(x(i)), round(y(value))]);
  });
  if (run.length > 0) runs.push(run);
  const marks = runs.map((points) =>
    points.length === 1
      ? html`<circle cx="${points[0]?.[0]}" cy="${points[0]?.[1]}" r="2" fill="currentColor"/>`
      : html`<polyline points="${points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
  );
  const last = runs.at(-1)?.at(-1);
  const end = last
    ? html`<circle class="spark-end" cx="${last[0]}" cy="${last[1]}" r="2.5" fill="currentColor"/>`
    : '';
  return html`<svg class="sparkline" viewBox="0 0 ${SPARK_W} ${SPARK_H}" width="${SPARK_W}" height="${SPARK_H}" role="img" aria-label="${label}">${marks}${end}</svg>`;
}

const round = (n: number): number => Math.round(n * 10) / 10;
