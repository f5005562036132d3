/**
 * @module renderers/site/metrics
 * The metrics panel: one tile per number (with the week before, when known), a chart comparing
 * this week's shares with the week before, and a small chart for every breakdown.
 */
import type { Edition } from '../../core/edition.js';
import type { Metric } from '../../core/signals.js';
import { type BarRow, barChart } from './charts.js';
import type { Page } from './context.js';
import { compact, mediumDate, metricDisplay, metricPartLabel, metricValue, percent } from './format.js';
import { html, type Markup } from './html.js';
import { paragraphs } from './prose.js';
import { sectionText } from './stories.js';

function change(metric: Metric): Markup {
  if (metric.previous === null) {
    const span = metric.days > 1 ? `${metric.days} days to ${mediumDate(metric.to)}` : mediumDate(metric.to);
    return html`<p class="tile-change">${span}</p>`;
  }
  const was = metricValue(metric, metric.previous);
  if (metricValue(metric, metric.value) === was)
    return html`<p class="tile-change">Same as the week before</p>`;
  const up = metric.value > metric.previous;
  return html`<p class="tile-change"><span aria-hidden="true">${up ? '▲' : '▼'}</span> ${up ? 'Up' : 'Down'} from ${was} the week before</p>`;
}

function tile(metric: Metric): Markup {
  return html`<li class="tile"><p class="tile-value">${metricDisplay(metric)}</p><p class="tile-label">${metric.label}</p>${change(metric)}${metric.note ? html`<p class="tile-note">${metric.note}</p>` : ''}</li>`;
}

function comparisonChart(metrics: readonly Metric[], page: Page): Markup {
  const rows: BarRow[] = metrics
    .filter((metric) => metric.unit === 'share' && metric.previous !== null)
    .map((metric) => ({
      label: metric.label,
      value: metric.value,
      shown: percent(metric.value),
      previous: metric.previous,
      previousShown: metric.previous === null ? undefined : percent(metric.previous),
    }));
  if (rows.length === 0) return html``;
  const title = 'This week’s shares against the week before';
  return html`<figure class="figure figure-wide"><figcaption>${title}</figcaption>${barChart(page.id('chart'), title, rows, 'This week')}</figure>`;
}

function breakdownChart(metric: Metric, page: Page): Markup {
  const rows: BarRow[] = (metric.breakdown ?? [])
    .filter((part) => part.value > 0)
    .slice(0, 6)
    .map((part) => ({
      label: metricPartLabel(metric, part.label),
      value: part.value,
      shown: compact(part.value),
    }));
  if (rows.length < 2) return html``;
  const title = `${metric.label}: the breakdown`;
  return html`<figure class="figure"><figcaption>${title}</figcaption>${barChart(page.id('chart'), title, rows, 'Count')}</figure>`;
}

export function metricsSection(edition: Edition, page: Page): Markup {
  const text = sectionText(edition, 'metrics');
  const { metrics } = edition.plan.metrics;
  if (!text && metrics.length === 0) return html``;
  const title = text?.title ?? edition.plan.metrics.title;
  return html`<section class="metrics" id="metrics" aria-labelledby="metrics-title"><h2 id="metrics-title" class="section-label">${title}</h2>${paragraphs(text?.paragraphs ?? [], undefined, page.mentions)}${metrics.length > 0 ? html`<ul class="tiles">${metrics.map(tile)}</ul><div class="charts">${comparisonChart(metrics, page)}${metrics.map((metric) => breakdownChart(metric, page))}</div>` : ''}</section>`;
}
