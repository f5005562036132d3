/**
 * `morning-post editions stats` in a child process, against a temporary SQLite store holding four
 * hand-written editions (and a plan-only draft, which has no text to count).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditionText, SectionText } from '../src/core/text.js';
import { openStore } from '../src/store/index.js';
import { cli } from '../src/testing/cli/run.js';

const section = (id: SectionText['id'], parts: Partial<SectionText>): SectionText => ({
  id,
  title: `${id} title`,
  paragraphs: [],
  isOpinion: false,
  writer: 'newsroom',
  factCheck: { ok: true, failures: [] },
  ...parts,
});

function text(date: string, title: string, paragraphs: string[]): EditionText {
  return {
    version: 1,
    date,
    writer: 'newsroom',
    headline: title,
    standfirst: '',
    sections: [
      section('lead', { title, paragraphs: paragraphs.map((p) => [p]) }),
      section('trending', {
        title: 'Trending Now',
        entries: [
          { name: [{ text: 'K1', href: 'https://huggingface.co/x/K1' }], blurb: ['1st on the list.'] },
        ],
      }),
    ],
    usage: { inputTokens: 0, outputTokens: 0, llmCalls: 0 },
    notes: [],
  };
}

const EDITIONS = [
  text('2026-08-01', 'K8 Rises', ['K8 rose 5 places. The list is long. The list is long.']),
  text('2026-08-02', 'K9 Rises', ['K9 rose 7 places. The list is long. Something new here.']),
  text('2026-08-03', 'A Quiet Day', ['Nothing moved. K9 rose 7 places.', 'Something new here.']),
  text('2026-08-04', 'K7 Rises', ['The list is long.']),
];

describe('morning-post editions stats', () => {
  const home = mkdtempSync(join(tmpdir(), 'mp-cli-stats-'));
  const env = { MORNING_POST_DATA_DIR: join(home, 'data') };
  const run = (args: string[]) => cli(['editions', 'stats', ...args], env, home);

  beforeAll(async () => {
    const store = await openStore({ dataDir: join(home, 'data') });
    try {
      await store.migrate();
      for (const edition of EDITIONS)
        await store.saveEdition(
          { date: edition.date, plan: {}, text: edition, meta: {} },
          `${edition.date}T06:00:00.000Z`,
          { publish: true },
        );
      await store.saveEditionPlan('2026-08-05', {}, '2026-08-05T06:00:00.000Z');
    } finally {
      await store.close();
    }
  });

  it('prints a row per edition, the summary and the most repeated sentences', async () => {
    const { code, stdout, stderr } = await run(['--window', '2']);
    expect(code, stderr).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      /^date\s+No\.\s+sentences\s+words\s+verbatim\s+template\s+repeats\s+compared\s+rows$/,
    );
    expect(lines.slice(2, 6).map((line) => line.split(/\s+/))).toEqual([
      ['2026-08-01', '1', '4', '14', '0.0%', '0.0%', '1', '0', '2'],
      ['2026-08-02', '2', '4', '13', '25.0%', '75.0%', '0', '1', '2'],
      ['2026-08-03', '3', '4', '12', '50.0%', '50.0%', '0', '2', '2'],
      ['2026-08-04', '4', '2', '6', '50.0%', '100.0%', '0', '2', '2'],
    ]);
    expect(stdout).toContain(
      '4 editions from 2026-08-01 to 2026-08-04, each compared with the previous 2 editions',
    );
    expect(stdout).toContain(
      'Printed verbatim in the previous 2 editions: 50.0% on average (highest 50.0% on 2026-08-03).',
    );
    expect(stdout).toContain(
      'Sharing a template with them: 75.0% on average (highest 100.0% on 2026-08-04).',
    );
    expect(stdout).toContain('(Means over the 2 editions with a full window.)');
    expect(stdout).toContain('Repeats inside an edition: 1.');
    expect(stdout).toMatch(/\n\s+3 {2}The list is long\. {2}\(2026-08-01 to 2026-08-04\)\n/);
  });

  it('compares the first edition of a range with the editions before it (JSON)', async () => {
    const { code, stdout, stderr } = await run(['--from', '2026-08-03', '--to', '2026-08-03', '--json']);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.window).toBe(7);
    expect(report.editions).toEqual([
      expect.objectContaining({
        date: '2026-08-03',
        number: 3,
        sentences: 4,
        compared: 2,
        verbatim: 2,
        verbatimShare: 0.5,
        templateShare: 0.5,
        repeatsInside: 0,
        mostRepeated: [
          { text: 'K9 rose 7 places.', editions: 1 },
          { text: 'Something new here.', editions: 1 },
        ],
      }),
    ]);
    // Two earlier editions are fewer than a window of 7: no means yet.
    expect(report.summary).toMatchObject({ editions: 1, measured: 0, meanVerbatimShare: null });
  });

  it('rejects a day that is not a calendar day with exit 2', async () => {
    const bad = await run(['--from', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from must be a calendar day as YYYY-MM-DD, got "2026-02-30"');
  });

  it('rejects a range that ends before it starts, and a window of no editions', async () => {
    const backwards = await run(['--from', '2026-08-04', '--to', '2026-08-01', '--window', '0']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('--from 2026-08-04 is after --to 2026-08-01');
    const window = await run(['--window', '0']);
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('--window must be a whole number of editions from 1 to 365, got "0"');
  });

  it('says so when the range holds no edition', async () => {
    const { code, stdout } = await run(['--from', '2027-01-01']);
    expect(code).toBe(0);
    expect(stdout).toBe('No stored editions with text between 2027-01-01 and the last.\n');
  });
});
