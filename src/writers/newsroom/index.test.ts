/**
 * The newsroom writer on the seed plan (every section, lengths, names and links, grammar,
 * determinism, variety) and on thin or strange plans (no lead, one item, 0/1/millions, markup and
 * emoji, every story kind, a real first day, a generated month): never `undefined`, `NaN`,
 * `[object Object]`, empty paragraphs or double spaces.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditionPlan } from '../../core/plan.js';
import {
  type EditionText,
  EditionTextSchema,
  type Paragraph,
  plainText,
  SECTION_IDS,
  type SectionText,
} from '../../core/text.js';
import {
  emptyPlan,
  extremeNumbersPlan,
  firstDayPlan,
  generatedPlan,
  leadOfKind,
  markupPlan,
  nextDay,
  oneItemPlan,
  STORY_KINDS,
  seedPlan,
} from '../../testing/plans/plans.js';
import { wordCount } from './format.js';
import { benchmarkNewsroom, newsroomWriter, readerNotes, writeEdition } from './index.js';

let plan: EditionPlan;
let edition: EditionText;

beforeAll(async () => {
  plan = await seedPlan();
  edition = await newsroomWriter.write(plan);
});

const get = (e: EditionText, id: string) => e.sections.find((s) => s.id === id) as SectionText;
const words = (section: SectionText) => wordCount(section.paragraphs.map(plainText).join(' '));
/** Every piece of text in a section, as plain lines. */
function lines(section: SectionText): string[] {
  return [
    section.title,
    section.standfirst ?? '',
    ...section.paragraphs.map(plainText),
    ...(section.entries ?? []).flatMap((e) => [plainText(e.name), plainText(e.blurb)]),
  ];
}
const allText = (e: EditionText) => [e.headline, e.standfirst, ...e.notes, ...e.sections.flatMap(lines)];

/** The checks every edition must pass, whatever the plan. */
function expectClean(e: EditionText): void {
  expect(EditionTextSchema.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
  expect(e.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
  const json = JSON.stringify(e);
  expect(json).not.toMatch(/undefined|NaN|\[object Object\]|Infinity/);
  for (const line of allText(e)) {
    expect(line, line).not.toMatch(/ {2}|^\s|\s$| [,.;:]|\.\.(?!\.)|\(\)|\s’s/);
  }
  for (const section of e.sections) {
    expect(section.writer).toBe('newsroom');
    expect(section.factCheck).toEqual({ ok: true, failures: [] });
    expect(section.title.trim()).not.toBe('');
    const paragraphs: Paragraph[] = [
      ...section.paragraphs,
      ...(section.entries ?? []).flatMap((en) => [en.name, en.blurb]),
    ];
    for (const p of paragraphs) {
      expect(p.length, section.id).toBeGreaterThan(0);
      expect(plainText(p).trim(), section.id).not.toBe('');
      for (const piece of p) {
        if (typeof piece !== 'string') {
          expect(piece.text.trim()).not.toBe('');
          expect(piece.href).toMatch(/^https?:\/\//);
        }
      }
    }
  }
  for (const id of ['opinion1', 'opinion2']) {
    const opinion = get(e, id);
    expect(opinion.isOpinion).toBe(true);
    expect(plainText(opinion.paragraphs[0] ?? [])).toMatch(/^Opinion: /);
  }
  expect(e.sections.filter((s) => s.isOpinion).map((s) => s.id)).toEqual(['opinion1', 'opinion2']);
}

/** Grammar the writer must never get wrong. */
function expectGrammatical(e: EditionText): void {
  for (const line of allText(e)) {
    expect(line, line).not.toMatch(
      /(^|[^\d.,+-])1 (likes|downloads|stars|upvotes|places|days|models|papers|forks|authors)\b/,
    );
    expect(line, line).not.toMatch(/\b[02-9] (like|download|star|upvote|place|day|model|paper|fork)\b(?!-)/);
    expect(line, line).not.toMatch(/\ba (?!one|once)[aeio][a-z]/i);
    expect(line, line).not.toMatch(/\ban [bcdfgjkpqtvwyz]/i);
    expect(line, line).not.toMatch(/\ba (8|1[18](?!\d))/);
    expect(line, line).not.toMatch(/\b(\w+) \1\b/i);
  }
}

describe('the seed edition', () => {
  it('has every section, valid, clean and grammatical', () => {
    expectClean(edition);
    expectGrammatical(edition);
    expect(edition).toMatchObject({
      version: 1,
      date: plan.date,
      writer: 'newsroom',
      usage: { inputTokens: 0, outputTokens: 0, llmCalls: 0 },
    });
  });

  it('takes the headline and a one-sentence standfirst from the lead', () => {
    const lead = get(edition, 'lead');
    expect(edition.headline).toBe(lead.title);
    expect(edition.standfirst).toBe(lead.standfirst);
    expect(edition.standfirst.match(/[.!?](\s|$)/g)).toHaveLength(1);
  });

  it('writes a lead of 3–4 paragraphs naming and linking H24, H25, StyTJU and jhuang583', () => {
    const lead = get(edition, 'lead');
    expect(lead.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(lead.paragraphs.length).toBeLessThanOrEqual(4);
    const links = lead.paragraphs.flat().filter((p) => typeof p !== 'string');
    const hrefs = links.map((l) => l.href);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        'https://huggingface.co/hanyc4855/H24',
        'https://huggingface.co/hanyc4855/H25',
        'https://huggingface.co/StyTJU',
        'https://huggingface.co/jhuang583',
        'https://huggingface.co/jhuang583/Qwen2.5-0.5B-Medical',
      ]),
    );
    const text = lead.paragraphs.map(plainText).join(' ');
    for (const name of ['H24', 'H25', 'StyTJU', 'jhuang583']) expect(text).toContain(name);
    expect(text).toMatch(/67%/);
    expect(text).toMatch(/this Sunday/);
  });

  it('writes a deep dive of four paragraphs, with the medical Qwen at 0.5B parameters', () => {
    const dive = get(edition, 'deepDive');
    expect(dive.paragraphs).toHaveLength(4);
    expect(dive.title).not.toBe('');
    const text = dive.paragraphs.map(plainText).join(' ');
    expect(text).toContain('Qwen2.5-0.5B-Medical');
    expect(text).toContain('0.5B-parameter medical fine-tune');
  });

  // An argument (thesis, evidence, counterpoint, what to watch) runs 60–140 words: the stock
  // sentences that once padded it to 100 are what issue 10 removed.
  it('writes two labelled opinions of 60–140 words, with a title each', () => {
    for (const id of ['opinion1', 'opinion2']) {
      const opinion = get(edition, id);
      expect(words(opinion), id).toBeGreaterThanOrEqual(60);
      expect(words(opinion), id).toBeLessThanOrEqual(140);
      expect(opinion.title).not.toBe('');
    }
    expect(plainText(get(edition, 'opinion1').paragraphs[0] ?? [])).toContain('ultralytics/ultralytics');
  });

  it('lists four tools, each a linked name and a one-line blurb', () => {
    const tools = get(edition, 'tools');
    expect(tools.entries).toHaveLength(4);
    for (const entry of tools.entries ?? []) {
      expect(entry.name[0]).toMatchObject({ href: expect.stringMatching(/^https:\/\//) });
      expect(plainText(entry.blurb)).toMatch(/^[A-Z].*\.$/);
    }
    const blurbs = (tools.entries ?? []).map((e) => plainText(e.blurb));
    expect(blurbs[0]).toBe(
      'A 270M-parameter text-generation model by lucaverdi, with 140 likes and 1.2k downloads.',
    );
    expect(blurbs[1]).toBe('A new release of huggingface/transformers, published on Thursday.');
    expect(blurbs[3]).toBe('A Python repository with 41k stars, +1.3k this week.');
  });

  it('lists trending models, datasets, spaces and repositories with their counts', () => {
    const trending = get(edition, 'trending');
    const all = [
      ...plan.trending.models,
      ...plan.trending.datasets,
      ...plan.trending.spaces,
      ...plan.trending.repositories,
    ];
    expect(trending.entries?.map((e) => e.itemId)).toEqual(all.map((i) => i.itemId));
    const blurb = (id: number) => plainText(trending.entries?.find((e) => e.itemId === id)?.blurb ?? []);
    expect(blurb(60)).toContain('412 likes and 3.1k downloads');
    expect(blurb(5)).toContain('21k likes and 3.4M downloads');
    expect(blurb(91)).toContain('41k stars and +1.3k this week');
    expect(trending.paragraphs).toHaveLength(1);
  });

  it('lists movers with rank changes and new entries over the week', () => {
    const movers = get(edition, 'movers');
    expect(movers.title).toBe('Biggest Movers This Week');
    const blurbs = (movers.entries ?? []).map((e) => plainText(e.blurb));
    expect(blurbs[0]).toBe('Up 14 places to 6th over the past week; +122 likes, +1.1k downloads.');
    expect(blurbs).toContain('New to the list this week, now 1st.');
  });

  it('lists papers with their upvotes, and captions every metric with its previous value', () => {
    const reading = get(edition, 'reading');
    expect(reading.title).toBe('Weekend Reading');
    expect((reading.entries ?? []).map((e) => plainText(e.blurb))[0]).toBe(
      '57 upvotes on Hugging Face’s daily papers.',
    );
    const metrics = get(edition, 'metrics');
    expect(metrics.title).toBe('Weekend Development Metrics');
    expect(metrics.entries).toHaveLength(plan.metrics.metrics.length);
    const captions = (metrics.entries ?? []).map((e) => plainText(e.blurb));
    expect(captions[0]).toContain('67%');
    expect(captions[0]).toContain('up from 50%');
    expect(captions[2]).toBe(
      'The median trending model has 1.5B parameters, down from 4.3B the week before.',
    );
  });

  it('passes on the notes readers need (arXiv was not collected)', () => {
    expect(readerNotes(plan)).toEqual([]);
    const stale = structuredClone(plan);
    const arxiv = stale.coverage.sources.find((s) => s.source === 'arxiv');
    if (arxiv) Object.assign(arxiv, { stale: true, day: '2026-08-22' });
    expect(readerNotes(stale)).toEqual(['arXiv: no fresh data today; figures are from 2026-08-22.']);
  });

  it('writes any section on its own, the same as in the edition', () => {
    for (const id of SECTION_IDS) expect(newsroomWriter.writeSection(plan, id)).toEqual(get(edition, id));
    expect(newsroomWriter.name).toBe('newsroom');
  });

  it('is deterministic: the same plan gives byte-identical JSON', async () => {
    const again = await newsroomWriter.write(structuredClone(plan));
    expect(JSON.stringify(again)).toBe(JSON.stringify(edition));
  });

  it('varies: the same facts on other days read differently', () => {
    const days: Array<[string, string]> = [
      ['2026-08-24', 'Monday'],
      ['2026-08-25', 'Tuesday'],
      ['2026-08-30', 'Sunday'],
    ];
    const base = new Set(allText(edition));
    for (const [date, weekday] of days) {
      const other = writeEdition(nextDay(plan, date, weekday));
      expectClean(other);
      const changed = allText(other).filter((line) => !base.has(line));
      expect(changed.length, date).toBeGreaterThan(3);
    }
    const titles = new Set(
      days.map(([date, weekday]) => writeEdition(nextDay(plan, date, weekday)).headline),
    );
    expect(titles.size).toBeGreaterThan(1);
  });

  it('writes an edition in well under 50 ms', () => {
    expect(benchmarkNewsroom(plan, 20)).toBeLessThan(50);
  });
});

describe('thin and strange plans', () => {
  it('an empty plan: no lead, no stories, no lists', () => {
    const e = writeEdition(emptyPlan(plan));
    expectClean(e);
    expectGrammatical(e);
    expect(e.headline).not.toBe('');
    expect(e.standfirst).toMatch(/lead story/);
    expect(get(e, 'deepDive').paragraphs).toHaveLength(1);
    expect(get(e, 'movers').entries).toEqual([]);
    expect(plainText(get(e, 'movers').paragraphs[0] ?? [])).toMatch(/no earlier list/);
    expect(plainText(get(e, 'reading').paragraphs[0] ?? [])).toMatch(/No new papers/);
    // Nothing to argue from: a short note with the day's counts, never stock paragraphs.
    for (const id of ['opinion1', 'opinion2']) {
      expect(words(get(e, id))).toBeGreaterThanOrEqual(12);
      expect(words(get(e, id))).toBeLessThanOrEqual(60);
      expect(plainText(get(e, id).paragraphs[0] ?? [])).toMatch(/^Opinion: \d+ trending models/);
    }
    expect(e.notes).toEqual([
      'No earlier list to compare with yet, so there are no movers today.',
      'Too little data arrived for a lead story today.',
    ]);
  });

  it('one item everywhere, and a 3-day movers window said as 3 days', () => {
    const e = writeEdition(oneItemPlan(plan));
    expectClean(e);
    expectGrammatical(e);
    expect(get(e, 'lead').paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(get(e, 'deepDive').paragraphs).toHaveLength(4);
    const movers = get(e, 'movers');
    expect(movers.title).toBe('Biggest Movers Over 3 Days');
    expect(lines(movers).join(' ')).not.toMatch(/week/i);
    expect(plainText(movers.entries?.[0]?.blurb ?? [])).toMatch(/over 3 days/);
  });

  it('numbers at 0, 1 and millions', () => {
    const e = writeEdition(extremeNumbersPlan(plan));
    expectClean(e);
    expectGrammatical(e);
    const text = allText(e).join('\n');
    expect(text).toMatch(/\b1 like\b/);
    expect(text).toMatch(/12\.3M/);
    expect(text).toMatch(/\b0 likes\b/);
    expect(text).toMatch(/405B/);
  });

  it('names with markup and emoji stay plain strings', () => {
    const e = writeEdition(markupPlan(plan));
    expectClean(e);
    const text = allText(e).join('\n');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('🚀');
    const author = get(e, 'trending').entries?.[0]?.blurb.find(
      (p) => typeof p !== 'string' && p.text.includes('<b>'),
    );
    expect(author).toMatchObject({
      href: 'https://huggingface.co/%3Cb%3Ehanyc4855%3C%2Fb%3E%20%F0%9F%A4%97',
    });
  });

  it.each(STORY_KINDS)('a %s lead (and opinions) reads cleanly', (kind) => {
    const e = writeEdition(leadOfKind(plan, kind));
    expectClean(e);
    expectGrammatical(e);
    const lead = get(e, 'lead');
    expect(lead.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(lead.paragraphs.length).toBeLessThanOrEqual(4);
    expect(lead.standfirst?.match(/[.!?](\s|$)/g)?.length ?? 0).toBeLessThanOrEqual(2);
    for (const id of ['opinion1', 'opinion2']) {
      expect(words(get(e, id)), `${kind} ${id}`).toBeGreaterThanOrEqual(60);
      expect(words(get(e, id)), `${kind} ${id}`).toBeLessThanOrEqual(140);
    }
  });

  it('frames each kind of story differently', () => {
    const headlines = new Set(STORY_KINDS.map((kind) => writeEdition(leadOfKind(plan, kind)).headline));
    expect(headlines.size).toBe(STORY_KINDS.length);
  });

  it('a real first day (no history) and a generated month', async () => {
    for (const p of [await firstDayPlan(), generatedPlan(), generatedPlan('2025-06-18')]) {
      const e = writeEdition(p);
      expectClean(e);
      expectGrammatical(e);
    }
  });
});

describe('newsroom text passes the fact-checker', () => {
  it('on the seed plan and on a generated month, every section checks out', async () => {
    for (const plan of [await seedPlan(), generatedPlan()]) {
      const text = newsroomWriter.write(plan);
      const failures = (await text).sections
        .filter((s) => !s.factCheck.ok)
        .map((s) => `${s.id}: ${s.factCheck.failures.join('; ')}`);
      expect(failures).toEqual([]);
    }
  });
});
