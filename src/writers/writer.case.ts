/**
 * @module writers/writer.case
 * The conformance suite every Writer passes, on the seed scenario's plan: a valid EditionText
 * with each section once, its writer and fact-check recorded, only absolute http(s) links, no
 * leaked `undefined` / `NaN` / `[object Object]`, and the same text for the same plan. An LLM
 * writer must also have written sections itself: a writer that always fell back to newsroom
 * would pass everything else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditionPlan } from '../core/plan.js';
import { type EditionText, EditionTextSchema, type Paragraph, SECTION_IDS } from '../core/text.js';
import { importBundle } from '../pipeline/bundle.js';
import { loadHistory, loadPreviousEditions } from '../pipeline/history.js';
import { buildPlan } from '../planner/index.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import { SEED_DAY, seedScenario } from '../testing/plans/seed-scenario.js';
import type { Writer } from './writer.js';

/** The seed scenario planned as test/plan-seed.test.ts plans it. */
export async function buildSeedPlan(): Promise<EditionPlan> {
  const store = createSqliteStore({ file: ':memory:' });
  try {
    await store.migrate();
    await importBundle(store, seedScenario());
    return buildPlan(await loadHistory(store, SEED_DAY), await loadPreviousEditions(store, SEED_DAY), {
      timeZone: 'UTC',
    });
  } finally {
    await store.close();
  }
}

/** Every piece of text in an edition, with where it is, for the leak checks. */
export function editionStrings(text: EditionText): Array<{ at: string; text: string }> {
  const out: Array<{ at: string; text: string }> = [
    { at: 'headline', text: text.headline },
    { at: 'standfirst', text: text.standfirst },
    ...text.notes.map((note, index) => ({ at: `notes.${index}`, text: note })),
  ];
  const paragraph = (at: string, pieces: Paragraph) => {
    for (const [index, piece] of pieces.entries()) {
      out.push({ at: `${at}.${index}`, text: typeof piece === 'string' ? piece : piece.text });
    }
  };
  for (const section of text.sections) {
    out.push({ at: `${section.id}.title`, text: section.title });
    if (section.standfirst !== undefined)
      out.push({ at: `${section.id}.standfirst`, text: section.standfirst });
    if (section.fallbackReason !== undefined)
      out.push({ at: `${section.id}.fallbackReason`, text: section.fallbackReason });
    for (const [index, pieces] of section.paragraphs.entries()) paragraph(`${section.id}.p${index}`, pieces);
    for (const [index, entry] of (section.entries ?? []).entries()) {
      paragraph(`${section.id}.e${index}.name`, entry.name);
      paragraph(`${section.id}.e${index}.blurb`, entry.blurb);
    }
  }
  return out;
}

export function editionLinks(text: EditionText): string[] {
  const paragraphs = text.sections.flatMap((section) => [
    ...section.paragraphs,
    ...(section.entries ?? []).flatMap((entry) => [entry.name, entry.blurb]),
  ]);
  return paragraphs.flatMap((pieces) =>
    pieces.flatMap((piece) => (typeof piece === 'string' ? [] : [piece.href])),
  );
}

export interface WriterUnderTest {
  writer: Writer;
}

/**
 * Runs the suite for one writer. `makeWriter` gets the seed plan (a scripted model server needs
 * it to answer) and is called once; the writer writes the plan twice.
 */
export interface ConformanceOptions {
  /** An LLM writer on a script of good answers: at least one section must be the model's. */
  modelWrites?: boolean;
}

export function runWriterConformance(
  name: string,
  makeWriter: (context: { plan: EditionPlan }) => Writer | Promise<Writer>,
  options: ConformanceOptions = {},
): void {
  describe(`writer conformance: ${name}`, () => {
    let plan: EditionPlan;
    let first: EditionText;
    let second: EditionText;

    beforeAll(async () => {
      plan = await buildSeedPlan();
      const writer = await makeWriter({ plan });
      first = await writer.write(plan);
      second = await writer.write(plan);
    });

    it('gives a valid EditionText for the plan’s date', () => {
      expect(EditionTextSchema.parse(first)).toEqual(first);
      expect(first.date).toBe(plan.date);
      expect(first.headline.trim()).not.toBe('');
    });

    it('has every section exactly once, in order', () => {
      expect(first.sections.map((section) => section.id)).toEqual([...SECTION_IDS]);
    });

    it('records a writer and a fact-check for every section', () => {
      for (const section of first.sections) {
        expect(section.writer, section.id).toMatch(/^(newsroom|openai|anthropic|openai-compatible)(:.+)?$/);
        expect(typeof section.factCheck.ok, section.id).toBe('boolean');
        expect(Array.isArray(section.factCheck.failures), section.id).toBe(true);
        if (section.writer !== 'newsroom')
          expect(section.factCheck, section.id).toEqual({ ok: true, failures: [] });
      }
    });

    // Only LLM writers have a model to check; for newsroom this case is not registered at all.
    if (options.modelWrites)
      it('has sections written by the model, not newsroom', () => {
        const byModel = first.sections.filter((section) => section.writer !== 'newsroom');
        expect(byModel.map((section) => section.id)).not.toEqual([]);
        for (const section of byModel) {
          expect(section.writer, section.id).toBe(first.writer);
          expect(section.fallbackReason, section.id).toBeUndefined();
        }
      });

    it('links only to absolute http(s) URLs', () => {
      const links = editionLinks(first);
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) {
        expect(() => new URL(href), href).not.toThrow();
        expect(new URL(href).protocol, href).toMatch(/^https?:$/);
      }
    });

    it('never prints undefined, NaN or [object Object]', () => {
      for (const { at, text } of editionStrings(first)) {
        expect(text, at).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
      }
    });

    it('writes the same text for the same plan', () => {
      const words = (text: EditionText) => ({
        ...text,
        usage: undefined,
        sections: text.sections.map(({ usage: _usage, ...rest }) => rest),
      });
      expect(words(second)).toEqual(words(first));
    });
  });
}
