/**
 * @module renderers/site/history-chart
 * A subject's history as an inline SVG line chart: one point per day, a day without data a gap in
 * the line (never a line drawn across it), a single point a dot, rank drawn upside down so a climb
 * points up. No script: the SVG is `role="img"` named by its title and described by a summary in
 * words, and the numbers themselves sit in one table for all of a page's charts (historyTable),
 * inside a closed `<details>`, for readers and screen readers who want them.
 */
import { daysBetween } from '../../core/history.js';
import { mediumDate } from './format.js';
import { html, type Markup } from './html.js';

export interface HistoryPoint {
  day: string;
  value: number;
}

export interface HistorySeries {
  /** Unique within the page: the chart's ids derive from it. */
  id: string;
  title: string;
  /** What a value is, for the table's heading: "Rank", "Likes". */
  valueName: string;
  points: readonly HistoryPoint[];
  /** Rank: smaller is better, so the axis runs upside down. */
  inverted?: boolean;
  format: (value: number) => string;
  /** For the axis when `format` prints its two ends alike (1.9k and 1.9k): every digit. */
  precise?: (value: number) => string;
}

const W = 640;
const H = 180;
const LEFT = 72;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;

const round = (n: number): number => Math.round(n * 10) / 10;

/** Points in day order, one per day (the last given wins). */
function byDay(points: readonly HistoryPoint[]): HistoryPoint[] {
  const days = new Map<string, number>();
  for (const point of points) if (Number.isFinite(point.value)) days.set(point.day, point.value);
  return [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([day, value]) => ({ day, value }));
}

export function summariseSeries(series: HistorySeries): string {
  const points = byDay(series.points);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `No ${series.valueName.toLowerCase()} recorded.`;
  if (points.length === 1)
    return `${series.valueName} ${series.format(first.value)} on ${mediumDate(first.day)}, the one day recorded.`;
  const values = points.map((p) => p.value);
  const best = series.inverted ? Math.min(...values) : Math.max(...values);
  const worst = series.inverted ? Math.max(...values) : Math.min(...values);
  const span = daysBetween(first.day, last.day) + 1;
  const gaps = span - points.length;
  const [high, low] = series.inverted ? ['best', 'lowest'] : ['highest', 'lowest'];
  return `${series.valueName} from ${series.format(first.value)} on ${mediumDate(first.day)} to ${series.format(last.value)} on ${mediumDate(last.day)}; ${high} ${series.format(best)}, ${low} ${series.format(worst)}; ${points.length} of ${span} days recorded${gaps > 0 ? ` (${gaps} without data)` : ''}.`;
}

export function historyChart(series: HistorySeries): Markup {
  const points = byDay(series.points);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return html``;
  // Each day as a number once (days since the first), not a date parsed per use.
  const origin = Date.parse(`${first.day}T00:00:00Z`);
  const index = new Map(
    points.map((p) => [p.day, Math.round((Date.parse(`${p.day}T00:00:00Z`) - origin) / 86_400_000)] as const),
  );
  const span = index.get(last.day) ?? 0;
  const values = points.map((p) => p.value);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    // A flat line sits in the middle, with the one value on the axis.
    low -= 1;
    high += 1;
  }
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const x = (day: string) => (span === 0 ? LEFT + plotW / 2 : LEFT + ((index.get(day) ?? 0) / span) * plotW);
  const y = (value: number) => {
    const share = (value - low) / (high - low);
    return TOP + (series.inverted ? share : 1 - share) * plotH;
  };
  const runs: HistoryPoint[][] = [];
  for (const point of points) {
    const run = runs.at(-1);
    const previous = run?.at(-1);
    if (run && previous && (index.get(previous.day) ?? 0) + 1 === index.get(point.day)) run.push(point);
    else runs.push([point]);
  }
  const marks = runs.map((run) =>
    run.length === 1
      ? html`<circle class="line-dot" cx="${round(x(run[0]?.day ?? first.day))}" cy="${round(y(run[0]?.value ?? 0))}" r="3"/>`
      : html`<polyline class="line" points="${run.map((p) => `${round(x(p.day))},${round(y(p.value))}`).join(' ')}"/>`,
  );
  const shownLow = Math.min(...values);
  const shownHigh = Math.max(...values);
  const [topValue, bottomValue] = series.inverted ? [shownLow, shownHigh] : [shownHigh, shownLow];
  const alike = topValue !== bottomValue && series.format(topValue) === series.format(bottomValue);
  const tick = alike && series.precise ? series.precise : series.format;
  const axis = html`<line class="axis" x1="${LEFT}" y1="${TOP + plotH}" x2="${W - RIGHT}" y2="${TOP + plotH}"/><line class="axis" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + plotH}"/><text class="chart-label" x="${LEFT - 6}" y="${round(y(topValue)) + 4}" text-anchor="end">${tick(topValue)}</text>${topValue === bottomValue ? '' : html`<text class="chart-label" x="${LEFT - 6}" y="${round(y(bottomValue)) + 4}" text-anchor="end">${tick(bottomValue)}</text>`}<text class="chart-label" x="${LEFT}" y="${H - 8}">${mediumDate(first.day)}</text>${span === 0 ? '' : html`<text class="chart-label" x="${W - RIGHT}" y="${H - 8}" text-anchor="end">${mediumDate(last.day)}</text>`}`;
  const summary = summariseSeries(series);
  return html`<figure class="figure history" aria-labelledby="${series.id}-c"><figcaption id="${series.id}-c">${series.title}</figcaption><svg class="chart history-chart" viewBox="0 0 ${W} ${H}" font-size="12" role="img" aria-labelledby="${series.id}-t ${series.id}-d"><title id="${series.id}-t">${series.title}</title><desc id="${series.id}-d">${summary}</desc>${axis}${marks}</svg><p class="chart-summary">${summary}</p></figure>`;
}

/**
 * Every chart's numbers in one table, a row a day (newest first), a column a chart, inside a
 * closed `<details>`: one table rather than one per chart keeps a year's page light.
 */
export function historyTable(all: readonly HistorySeries[], caption: string): Markup {
  const series = all.map((one) => ({
    one,
    days: new Map(byDay(one.points).map((p) => [p.day, p.value] as const)),
  }));
  const days = [...new Set(series.flatMap(({ days }) => [...days.keys()]))].sort().reverse();
  if (days.length === 0) return html``;
  const rows = days.map(
    (day) =>
      html`<tr><th scope="row"><time datetime="${day}">${mediumDate(day)}</time></th>${series.map(
        ({ one, days }) => {
          const value = days.get(day);
          return html`<td>${value === undefined ? '—' : one.format(value)}</td>`;
        },
      )}</tr>`,
  );
  return html`<details class="chart-data"><summary>The numbers, day by day</summary><div class="table-wrap"><table><caption class="visually-hidden">${caption}</caption><thead><tr><th scope="col">Day</th>${series.map(({ one }) => html`<th scope="col">${one.title}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div></details>`;
}
