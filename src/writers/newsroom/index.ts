/**
 * @module writers/newsroom
 * The built-in writer: every section of the edition from the plan's facts, with its own grammar
 * and phrasings, no I/O and no clock. Pure and deterministic, so the LLM writers can fall back to
 * it section by section and tests can compare editions byte for byte.
 */
import type { EditionPlan } from '../../core/plan.js';
import type { EditionText, SectionId, SectionText } from '../../core/text.js';
import { SECTION_IDS, sectionPlainText } from '../../core/text.js';
import { SOURCE_NAMES } from '../../core/vocabulary/names.js';
import { withConsistency } from '../consistency.js';
import { factCheck } from '../fact-check.js';
import { finishEdition } from '../prose/memory.js';
import type { SectionWriter, Writer } from '../writer.js';
import { deepDiveText } from './deep-dive.js';
import { count } from './format.js';
import { leadText } from './lead.js';
import { moversText, readingText, toolsText, trendingText } from './lists.js';
import { metricsText } from './metrics.js';
import { opinionText } from './opinion.js';
import { withPhrasings } from './phrases.js';

export const NEWSROOM = 'newsroom';

function section(
  plan: EditionPlan,
  id: SectionId,
  text: Omit<SectionText, 'id' | 'writer' | 'factCheck' | 'isOpinion'> & { isOpinion?: boolean },
): SectionText {
  return {
    id,
    ...text,
    isOpinion: text.isOpinion ?? false,
    writer: NEWSROOM,
    // The built-in writer states only plan facts; the same fact-checker as the LLM writers confirms
    // it, and the same consistency checks read its words (size, platform, standfirst, order, case).
    factCheck: withConsistency(factCheck(sectionPlainText(text), plan, { facts: [] }), { id, ...text }, plan),
  };
}

/** One section, with the phrasings it used (for editorial memory). */
export function writeSection(plan: EditionPlan, id: SectionId): SectionText {
  const [text, phrasings] = withPhrasings(plan.recent?.phrasings, () => composeSection(plan, id));
  return phrasings.length > 0 ? { ...text, phrasings } : text;
}

function composeSection(plan: EditionPlan, id: SectionId): SectionText {
  switch (id) {
    case 'lead': {
      const lead = leadText(plan);
      return section(plan, id, {
        title: lead.title,
        standfirst: lead.standfirst,
        paragraphs: lead.paragraphs,
      });
    }
    case 'metrics':
      return section(plan, id, metricsText(plan));
    case 'deepDive': {
      const dive = deepDiveText(plan);
      return section(plan, id, {
        title: dive.title,
        standfirst: dive.standfirst,
        paragraphs: dive.paragraphs,
      });
    }
    case 'opinion1':
    case 'opinion2': {
      const opinion = opinionText(plan, id === 'opinion1' ? 0 : 1);
      return section(plan, id, { ...opinion, isOpinion: true });
    }
    case 'tools':
      return section(plan, id, toolsText(plan));
    case 'trending':
      return section(plan, id, trendingText(plan));
    case 'movers':
      return section(plan, id, moversText(plan));
    case 'reading':
      return section(plan, id, readingText(plan));
  }
}

/**
 * The plan's notes a reader should see: sources that are missing, stale, failed or partial, and a
 * movers window shorter than a week. Internal planning notes stay in the plan.
 */
export function readerNotes(plan: EditionPlan): string[] {
  const notes: string[] = [];
  for (const source of plan.coverage.sources) {
    const name = SOURCE_NAMES[source.source];
    if (source.error !== null)
      notes.push(
        `${name}: today’s collection failed${source.day ? `; figures are from ${source.day}` : ''}.`,
      );
    else if (source.stale && source.day)
      notes.push(`${name}: no fresh data today; figures are from ${source.day}.`);
    else if (source.status === 'partial') notes.push(`${name}: today’s collection is incomplete.`);
  }
  const days = plan.movers.windowDays;
  if (days <= 0) notes.push('No earlier list to compare with yet, so there are no movers today.');
  else if (days < 7) notes.push(`Movers compare ${count(days, 'day')} of history, not a full week.`);
  if (plan.notes.some((note) => /^No story could lead/.test(note)))
    notes.push('Too little data arrived for a lead story today.');
  return [...new Set(notes)];
}

/** The whole edition, synchronously (the Writer contract wraps it in a promise). */
export function writeEdition(plan: EditionPlan): EditionText {
  const sections = SECTION_IDS.map((id) => writeSection(plan, id));
  const lead = sections[0] as SectionText;
  return finishEdition(
    {
      version: 1,
      date: plan.date,
      writer: NEWSROOM,
      headline: lead.title,
      standfirst: lead.standfirst ?? '',
      sections,
      usage: { inputTokens: 0, outputTokens: 0, llmCalls: 0 },
      notes: readerNotes(plan),
    },
    plan.recent?.sentences,
  );
}

export const newsroomWriter: Writer & SectionWriter = {
  name: NEWSROOM,
  writeSection,
  write: async (plan) => writeEdition(plan),
};

/** Median milliseconds to write one edition of `plan` (for `npm run bench`; goal < 50 ms). */
export function benchmarkNewsroom(plan: EditionPlan, runs = 50): number {
  const times: number[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const start = performance.now();
    writeEdition(plan);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 === 1
    ? (times[mid] as number)
    : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
}
