/**
 * @module cli/plan-format
 * The plan for people: a summary of what each section will say, and with --explain the
 * candidates the planner weighed.
 */
import type { EditionPlan, PlannedItem, Story } from '../core/plan.js';
import { metricValue } from '../core/vocabulary/metrics.js';
import { renderTable } from './table.js';

const names = (items: readonly PlannedItem[], n = 4) =>
  items
    .slice(0, n)
    .map((item) => item.externalId)
    .join(', ') || '-';

function story(title: string, value: Story | null): string[] {
  if (!value) return [`${title}: (none)`];
  const lines = [
    `${title}: ${value.subject.label} [${value.kind}, score ${value.score}]`,
    `  items: ${names(value.items)}`,
    `  facts: ${value.facts.length}`,
  ];
  for (const ref of value.previously)
    lines.push(`  previously: No. ${ref.number} of ${ref.date} (${ref.matchedBy})`);
  if (value.signals.length > 0) lines.push(`  history: ${value.signals.join(', ')}`);
  const argument = value.argument;
  if (argument) {
    lines.push(`  thesis: ${argument.thesis}`);
    lines.push(`  evidence: ${argument.evidence.length} facts`);
    lines.push(`  counterpoint (${argument.counterpoint.kind}): ${argument.counterpoint.statement}`);
    lines.push(`  watch: ${argument.watch}`);
  }
  return lines;
}

export function formatPlan(plan: EditionPlan): string {
  const lines = [
    `The AI Morning Post, ${plan.weekday} ${plan.date} (${plan.timeZone}); history ${plan.coverage.from}..${plan.coverage.to}, ${plan.coverage.daysAvailable} day(s) with data`,
    '',
    ...story('Lead', plan.lead),
    ...story('Deep dive', plan.deepDive),
    ...plan.opinions.flatMap((opinion, index) => story(`Opinion ${index + 1}`, opinion)),
    `${plan.metrics.title}:`,
    ...plan.metrics.metrics.map(
      (m) =>
        `  ${m.label}: ${metricValue(m, m.value)}${m.breakdown?.[0] ? ` (${m.breakdown[0].label})` : ''}${m.previous === null ? '' : `, previously ${metricValue(m, m.previous)}`}`,
    ),
    `Tools of the week: ${plan.tools.map((tool) => `${tool.slot} ${tool.item.externalId}`).join('; ') || '-'}`,
    `Trending models: ${names(plan.trending.models, 5)}`,
    `Trending datasets: ${names(plan.trending.datasets, 5)}`,
    `Trending repositories: ${names(plan.trending.repositories, 5)}`,
    `Biggest movers (${plan.movers.windowDays} days): ${names(
      plan.movers.items.map((m) => m.item),
      5,
    )}`,
    `Reading: ${plan.reading.map((r) => r.item.title).join('; ') || '-'}`,
  ];
  if (plan.notes.length > 0) lines.push('', 'Notes:', ...plan.notes.map((note) => `  - ${note}`));
  return lines.join('\n');
}

export function formatExplain(plan: EditionPlan): string {
  const rows = plan.candidates.map((c) => [
    c.kind,
    c.subject.label.slice(0, 48),
    c.magnitude.toFixed(3),
    c.novelty.toFixed(2),
    c.signal ? `+${c.signal.toFixed(3)}` : '',
    c.score.toFixed(3),
    c.blocked ? 'blocked' : '',
    c.reason,
  ]);
  const sources = plan.coverage.sources.map((s) => [
    s.source,
    s.status,
    s.day ?? '-',
    s.stale ? 'stale' : '',
    String(s.itemCount),
  ]);
  return [
    formatPlan(plan),
    '',
    'Candidates for the lead (score = magnitude × novelty + history signal):',
    renderTable(['kind', 'subject', 'magnitude', 'novelty', 'signal', 'score', '', 'why'], rows, [1, 6, 7]),
    '',
    'History signals (what only our records say):',
    ...(plan.signals.length > 0
      ? plan.signals.map(
          (signal) => `  ${signal.strength.toFixed(2)}  ${signal.kind.padEnd(12)} ${signal.statement}`,
        )
      : ['  (none today)']),
    '',
    'Sources:',
    renderTable(['source', 'status', 'day', '', 'items'], sources, [1, 3]),
  ].join('\n');
}
