/**
 * @module renderers/markdown/sections
 * One section of an edition as Markdown lines. With the plan at hand, the numbers behind the
 * metrics section become a table, trending entries are grouped by list, and movers show their
 * week as a sparkline.
 */
import type { EditionPlan } from '../../core/plan.js';
import type { Metric } from '../../core/signals.js';
import type { ListEntry, SectionText } from '../../core/text.js';
import { metricDisplay, metricValue } from '../../core/vocabulary/metrics.js';
import { SECTIONS } from '../../core/vocabulary/names.js';
import { mdBlock, mdInline, mdParagraph, mdText } from './escape.js';

export interface SectionOptions {
  /** The heading's text (plain, escaped here); null for none. Default: the section's own label and title. */
  heading?: string | null;
  /** Show the section's standfirst under the heading (default: yes). */
  standfirst?: boolean;
  plan?: EditionPlan;
}

/** "Opinion: …" for opinion pieces, "Deep dive: …" for the deep dive, the title alone otherwise. */
export function sectionHeading(section: SectionText): string {
  if (section.isOpinion) return `${SECTIONS.opinion1.short}: ${section.title}`;
  if (section.id === 'deepDive') return `${SECTIONS.deepDive.short}: ${section.title}`;
  return section.title;
}

export function sectionMarkdown(section: SectionText, options: SectionOptions = {}): string[] {
  const heading = options.heading === undefined ? sectionHeading(section) : options.heading;
  const lines: string[] = [];
  if (heading !== null) lines.push(`## ${mdText(heading)}`, '');
  if (section.standfirst && options.standfirst !== false) lines.push(`*${mdText(section.standfirst)}*`, '');
  for (const paragraph of section.paragraphs) lines.push(mdParagraph(paragraph), '');
  const plan = options.plan;
  if (section.id === 'metrics' && plan && plan.metrics.metrics.length > 0)
    lines.push(...metricsTable(plan.metrics.metrics), '');
  const entries = section.entries ?? [];
  if (section.id === 'trending' && plan) lines.push(...trendingGroups(entries, plan));
  else if (section.id === 'movers' && plan) lines.push(...list(entries, moverTrends(plan)), '');
  else if (entries.length > 0) lines.push(...list(entries), '');
  return lines;
}

function entryLine(entry: ListEntry, suffix = ''): string {
  const name = mdInline(entry.name).trim();
  const blurb = mdInline(entry.blurb).trim();
  const body = name && blurb ? `**${name}**: ${blurb}` : name ? `**${name}**` : blurb;
  return `- ${mdBlock(body)}${suffix}`;
}

function list(entries: readonly ListEntry[], suffixes?: Map<number, string>): string[] {
  return entries.map((entry) => entryLine(entry, (entry.itemId && suffixes?.get(entry.itemId)) || ''));
}

const TRENDING_LISTS = [
  ['models', 'Models'],
  ['datasets', 'Datasets'],
  ['spaces', 'Spaces'],
  ['repositories', 'Repositories'],
] as const;

function trendingGroups(entries: readonly ListEntry[], plan: EditionPlan): string[] {
  const lines: string[] = [];
  const placed = new Set<ListEntry>();
  for (const [key, title] of TRENDING_LISTS) {
    const ids = new Set(plan.trending[key].map((item) => item.itemId));
    const group = entries.filter((entry) => entry.itemId !== undefined && ids.has(entry.itemId));
    if (group.length === 0) continue;
    for (const entry of group) placed.add(entry);
    lines.push(`### ${title}`, '', ...list(group), '');
  }
  const rest = entries.filter((entry) => !placed.has(entry));
  if (rest.length > 0) lines.push(...(placed.size > 0 ? ['### More', ''] : []), ...list(rest), '');
  return lines;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A week of values as block characters (· for a day without an observation). */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length < 2) return '';
  const low = Math.min(...known);
  const span = Math.max(...known) - low;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return '·';
      return BARS[span === 0 ? 0 : Math.round(((v - low) / span) * (BARS.length - 1))] ?? '·';
    })
    .join('');
}

function moverTrends(plan: EditionPlan): Map<number, string> {
  const trends = new Map<number, string>();
  for (const { item, mover } of plan.movers.items) {
    const line = sparkline(mover.sparklineMetric === 'rank' ? mover.sparkline.map(negate) : mover.sparkline);
    if (line) trends.set(item.itemId, ` (${mover.sparklineMetric}: ${line})`);
  }
  return trends;
}

// A better rank is a smaller number; drawn upside down so a climb still points up.
const negate = (v: number | null) => (v === null ? null : -v);

function metricsTable(metrics: readonly Metric[]): string[] {
  const rows = metrics.map((metric) => {
    const period = metric.from === metric.to ? metric.to : `${metric.from} to ${metric.to}`;
    const before = metric.previous === null ? '—' : metricValue(metric, metric.previous);
    return `| ${mdText(metric.label)} | ${mdText(metricDisplay(metric))} | ${before} | ${mdText(period)} |`;
  });
  return ['| Metric | Value | Before | Period |', '| --- | ---: | ---: | --- |', ...rows];
}
