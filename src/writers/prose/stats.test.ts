import { describe, expect, it } from 'vitest';
import type { EditionText, SectionText } from '../../core/text.js';
import {
  type ProseEdition,
  proseReport,
  proseStats,
  repeatsInside,
  templateMatches,
  verbatimMatches,
} from './stats.js';

const section = (id: SectionText['id'], parts: Partial<SectionText>): SectionText => ({
  id,
  title: `${id} title`,
  paragraphs: [],
  isOpinion: false,
  writer: 'newsroom',
  factCheck: { ok: true, failures: [] },
  ...parts,
});

/**
 * An edition whose lead has `title` and one paragraph per string, plus a trending section whose
 * standing head and entries are the same every day (and must never count).
 */
function edition(date: string, number: number, title: string, paragraphs: string[]): ProseEdition {
  const text: EditionText = {
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
          { name: ['K1'], blurb: ['Model by someone, 1st on the list.'] },
          { name: ['K2'], blurb: ['Model by someone, 1st on the list.'] },
        ],
      }),
    ],
    usage: { inputTokens: 0, outputTokens: 0, llmCalls: 0 },
    notes: [],
  };
  return { date, number, text };
}

// Prose sentences per edition (title + paragraph sentences); entries and "Trending Now" never count.
const A = edition('2026-08-01', 1, 'K8 Rises', ['K8 rose 5 places. The list is long. The list is long.']);
const B = edition('2026-08-02', 2, 'K9 Rises', ['K9 rose 7 places. The list is long. Something new here.']);
const C = edition('2026-08-03', 3, 'A Quiet Day', [
  'Nothing moved. K9 rose 7 places.',
  'Something new here.',
]);

describe('proseStats', () => {
  it('counts prose only, and every copy of a sentence printed twice in one edition', () => {
    const [a] = proseStats([A]);
    expect(a).toMatchObject({
      date: '2026-08-01',
      number: 1,
      sentences: 4,
      words: 2 + 4 + 4 + 4,
      excluded: 3,
      compared: 0,
      verbatim: 0,
      verbatimShare: 0,
      templateShare: 0,
      repeatsInside: 1,
      mostRepeated: [],
    });
  });

  it('gives exact shares against the previous editions, sorted by date whatever the input order', () => {
    const stats = proseStats([C, A, B], { window: 7 });
    expect(stats.map((s) => s.date)).toEqual(['2026-08-01', '2026-08-02', '2026-08-03']);
    const [, b, c] = stats;
    // B: "The list is long." verbatim; title and "K9 rose 7 places." share a template with A's.
    expect(b).toMatchObject({ sentences: 4, compared: 1, verbatim: 1, templated: 3, repeatsInside: 0 });
    expect(b?.verbatimShare).toBe(1 / 4);
    expect(b?.templateShare).toBe(3 / 4);
    expect(b?.mostRepeated).toEqual([{ text: 'The list is long.', editions: 1 }]);
    // C: "K9 rose 7 places." (B) and "Something new here." (B) verbatim; "Nothing moved." and the title are new.
    expect(c).toMatchObject({ sentences: 4, compared: 2, verbatim: 2, templated: 2, repeatsInside: 0 });
    expect(c?.verbatimShare).toBe(2 / 4);
    expect(c?.templateShare).toBe(2 / 4);
  });

  it('compares only with the previous `window` editions', () => {
    const D = edition('2026-08-04', 4, 'K8 Rises', ['The list is long.']);
    const [, , , d1] = proseStats([A, B, C, D], { window: 1 });
    // Only C before it: neither the title (A) nor "The list is long." (A, B) count.
    expect(d1).toMatchObject({ compared: 1, verbatim: 0, verbatimShare: 0, templateShare: 0 });
    const [, , , d3] = proseStats([A, B, C, D], { window: 3 });
    expect(d3).toMatchObject({ compared: 3, verbatim: 2, verbatimShare: 1 });
    expect(d3?.mostRepeated).toEqual([
      { text: 'The list is long.', editions: 2 },
      { text: 'K8 Rises', editions: 1 },
    ]);
  });

  it('gives an edition without prose shares of 0', () => {
    const empty = edition('2026-08-05', 5, '', []);
    expect(proseStats([A, empty])[1]).toMatchObject({ sentences: 0, verbatimShare: 0, templateShare: 0 });
  });
});

describe('proseReport', () => {
  const editions = [A, B, C, edition('2026-08-04', 4, 'K7 Rises', ['The list is long.'])];

  it('reports the range only, compares its first edition with the ones before it', () => {
    const report = proseReport(editions, { window: 1, from: '2026-08-03' });
    expect(report.window).toBe(1);
    expect(report.editions.map((e) => [e.date, e.compared, e.verbatim])).toEqual([
      ['2026-08-03', 1, 2],
      ['2026-08-04', 1, 0],
    ]);
    expect(report.summary).toMatchObject({
      from: '2026-08-03',
      to: '2026-08-04',
      editions: 2,
      measured: 2,
      sentences: 6,
      meanVerbatimShare: (2 / 4 + 0) / 2,
      worstVerbatim: { date: '2026-08-03', share: 0.5 },
      repeatsInside: 0,
    });
    // "K7 Rises" shares "⟨name⟩ rises" with B, outside the window of 1: only C is compared.
    expect(report.summary.meanTemplateShare).toBe((2 / 4 + 0) / 2);
  });

  it('takes the means over editions with a full window, and ranks the most repeated sentences', () => {
    const report = proseReport(editions, { window: 2, to: '2026-08-04' });
    expect(report.summary.measured).toBe(2);
    expect(report.summary.repeatsInside).toBe(1);
    expect(report.summary.mostRepeated[0]).toEqual({
      text: 'The list is long.',
      editions: 3,
      first: '2026-08-01',
      last: '2026-08-04',
    });
    expect(report.summary.mostRepeated.map((r) => r.text)).toEqual([
      'The list is long.',
      'K9 rose 7 places.',
      'Something new here.',
    ]);
  });

  it('has no means when no edition has a full window', () => {
    expect(proseReport([A, B]).summary).toMatchObject({
      editions: 2,
      measured: 0,
      meanVerbatimShare: null,
      worstVerbatim: null,
    });
  });

  it('ends the range at `to`: later editions are neither reported nor compared', () => {
    const report = proseReport(editions, { to: '2026-08-02' });
    expect(report.editions.map((e) => e.date)).toEqual(['2026-08-01', '2026-08-02']);
  });
});

describe('matches for failure messages', () => {
  it('says which sentences repeated, and where', () => {
    expect(verbatimMatches(C, [A, B]).map((m) => [m.sentence.text, m.dates])).toEqual([
      ['K9 rose 7 places.', ['2026-08-02']],
      ['Something new here.', ['2026-08-02']],
    ]);
    expect(templateMatches(B, [A]).map((m) => [m.sentence.template, m.dates])).toEqual([
      ['⟨name⟩ rises', ['2026-08-01']],
      ['⟨name⟩ rose ⟨n⟩ places.', ['2026-08-01']],
      ['the list is long.', ['2026-08-01']],
    ]);
    expect(repeatsInside(A)).toEqual([{ text: 'The list is long.', copies: 2 }]);
  });
});
