/**
 * @module cli/commands/editions
 * `morning-post editions stats`: whether the paper repeats itself, edition by edition, from the
 * stored editions (definitions in `writers/prose/stats.ts` and docs/operations.md).
 */
import type { Command } from 'commander';
import { MorningPostError } from '../../core/errors.js';
import { EditionTextSchema } from '../../core/text.js';
import { openStore } from '../../store/index.js';
import {
  DEFAULT_WINDOW,
  type ProseEdition,
  type ProseReport,
  proseReport,
} from '../../writers/prose/stats.js';
import { commandContext, type GlobalOptions } from '../context.js';
import { renderTable } from '../table.js';
import { parseDay } from '../values.js';

interface StatsFlags {
  from?: string;
  to?: string;
  json?: boolean;
  window?: string;
}

export function registerEditions(program: Command): void {
  const group = program.command('editions').description('look back over the stored editions');

  group
    .command('stats')
    .description(
      'prose statistics per edition: sentences, words, shares printed verbatim or from the same template in the previous editions, repeats inside',
    )
    .option('--from <YYYY-MM-DD>', 'first edition day to report (default: the first stored)')
    .option('--to <YYYY-MM-DD>', 'last edition day to report (default: the last stored)')
    .option(
      '--window <N>',
      `how many previous editions each edition is compared with`,
      String(DEFAULT_WINDOW),
    )
    .option('--json', 'print the statistics as JSON')
    .action(async (flags: StatsFlags, command: Command) => {
      const from = flags.from === undefined ? undefined : day('--from', flags.from);
      const to = flags.to === undefined ? undefined : day('--to', flags.to);
      if (from && to && from > to) throw usage(`--from ${from} is after --to ${to}.`);
      const window = parseWindow(flags.window ?? String(DEFAULT_WINDOW));

      const { config } = commandContext({ ...command.optsWithGlobals<GlobalOptions>(), quiet: true });
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      let editions: ProseEdition[];
      try {
        await store.migrate();
        const records = await store.listEditions({
          ...(to ? { before: nextDay(to) } : {}),
          limit: 1_000_000,
        });
        editions = [];
        for (const record of records) {
          // A plan-only draft has no text yet.
          if (record.text === null) continue;
          const text = EditionTextSchema.safeParse(record.text);
          if (text.success) editions.push({ date: record.date, number: record.number, text: text.data });
          else process.stderr.write(`warning: the text of edition ${record.date} is unreadable; left out\n`);
        }
      } finally {
        await store.close();
      }
      const report = proseReport(withEarlier(editions, from, window), {
        window,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(formatReport(report, from, to));
    });
}

/** The editions from `from` on, and the `window` before it that they are compared with. */
function withEarlier(editions: ProseEdition[], from: string | undefined, window: number): ProseEdition[] {
  const sorted = [...editions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (!from) return sorted;
  const first = sorted.findIndex((edition) => edition.date >= from);
  return first < 0 ? [] : sorted.slice(Math.max(0, first - window));
}

function formatReport(report: ProseReport, from: string | undefined, to: string | undefined): string {
  const { summary } = report;
  if (!report.editions.length) {
    const range = from || to ? ` between ${from ?? 'the first'} and ${to ?? 'the last'}` : '';
    return `No stored editions with text${range}.\n`;
  }
  const rows = report.editions.map((edition) => [
    edition.date,
    String(edition.number),
    String(edition.sentences),
    String(edition.words),
    percent(edition.verbatimShare),
    percent(edition.templateShare),
    String(edition.repeatsInside),
    String(edition.compared),
    String(edition.excluded),
  ]);
  const lines = [
    renderTable(
      ['date', 'No.', 'sentences', 'words', 'verbatim', 'template', 'repeats', 'compared', 'rows'],
      rows,
    ),
    '',
    `${count(summary.editions, 'edition')} from ${summary.from} to ${summary.to}, each compared with the previous ${count(report.window, 'edition')}: ${count(summary.sentences, 'prose sentence')}, ${count(summary.words, 'word')}.`,
  ];
  if (summary.measured === 0 || summary.meanVerbatimShare === null || summary.meanTemplateShare === null)
    lines.push(`No edition has ${count(report.window, 'earlier edition')} to compare with yet: no means.`);
  else {
    const worst = (w: { date: string; share: number } | null) =>
      w ? ` (highest ${percent(w.share)} on ${w.date})` : '';
    lines.push(
      `Printed verbatim in the previous ${count(report.window, 'edition')}: ${percent(summary.meanVerbatimShare)} on average${worst(summary.worstVerbatim)}.`,
      `Sharing a template with them: ${percent(summary.meanTemplateShare)} on average${worst(summary.worstTemplate)}.`,
      `(Means over the ${count(summary.measured, 'edition')} with a full window.)`,
    );
  }
  lines.push(`Repeats inside an edition: ${summary.repeatsInside}.`);
  if (summary.mostRepeated.length) {
    lines.push('', 'Most repeated sentences (editions that printed them):');
    for (const repeated of summary.mostRepeated)
      lines.push(
        `${String(repeated.editions).padStart(4)}  ${printable(repeated.text)}  (${repeated.first} to ${repeated.last})`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function day(flag: string, raw: string): string {
  try {
    return parseDay(raw);
  } catch {
    throw usage(`${flag} must be a calendar day as YYYY-MM-DD, got "${printable(raw)}".`);
  }
}

function parseWindow(raw: string): number {
  const window = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(window) || window < 1 || window > 365)
    throw usage(`--window must be a whole number of editions from 1 to 365, got "${printable(raw)}".`);
  return window;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function usage(message: string): MorningPostError {
  return new MorningPostError('CONFIG_INVALID', message);
}

/** Stored text echoed to the terminal, without control characters that could drive it. */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, '?').slice(0, 300);
}
