/**
 * @module core/vocabulary/names
 * How the Post names its sections, sources and domains, in one place. Each table is a `Record` over
 * the closed list of ids, so adding a section, source or domain fails to compile until it has a
 * name here.
 */
import type { SourceId } from '../item.js';
import type { Domain } from '../signals.js';
import type { SectionId } from '../text.js';

export interface SectionNames {
  /** The standing heading above the section (a writer's own title may replace it). */
  title: string;
  /** The section in a sentence: "The deep dive fell back to newsroom", "newsroom: lead story, tools". */
  name: string;
  /** A link label in a short list of the edition's sections (Telegram's "In the full edition"). */
  short: string;
  /** The id of the section on the web edition's page: `…/2026-08-23/#deep-dive`. */
  anchor: string;
  /** The section in a list of what a writer wrote: "the first opinion piece", "Tools of the Week". */
  listed: string;
}

export const SECTIONS: Record<SectionId, SectionNames> = {
  lead: {
    title: 'Today’s Lead',
    name: 'lead story',
    short: 'Lead',
    anchor: 'lead',
    listed: 'the lead story',
  },
  metrics: {
    title: 'This Week in Numbers',
    name: 'metrics',
    short: 'Metrics',
    anchor: 'metrics',
    listed: 'the metrics captions',
  },
  deepDive: {
    title: 'Deep Dive',
    name: 'deep dive',
    short: 'Deep dive',
    anchor: 'deep-dive',
    listed: 'the Deep Dive',
  },
  opinion1: {
    title: 'Opinion & Analysis',
    name: 'first opinion',
    short: 'Opinion',
    anchor: 'opinion',
    listed: 'the first opinion piece',
  },
  opinion2: {
    title: 'Opinion & Analysis',
    name: 'second opinion',
    short: 'Opinion',
    anchor: 'opinion',
    listed: 'the second opinion piece',
  },
  tools: {
    title: 'Tools of the Week',
    name: 'tools',
    short: 'Tools',
    anchor: 'tools',
    listed: 'Tools of the Week',
  },
  trending: {
    title: 'Trending: What’s Gaining Momentum',
    name: 'trending',
    short: 'Trending',
    anchor: 'trending',
    listed: 'Trending',
  },
  movers: {
    title: 'Biggest Movers This Week',
    name: 'movers',
    short: 'Movers',
    anchor: 'movers',
    listed: 'Biggest Movers',
  },
  reading: {
    title: 'Reading List',
    name: 'reading list',
    short: 'Reading',
    anchor: 'reading',
    listed: 'the reading list',
  },
};

/** The reading list's heading on a weekend edition. */
export const WEEKEND_READING_TITLE = 'Weekend Reading';

/** The reading list's standing heading, which changes at the weekend. */
export function readingTitle(isWeekend: boolean): string {
  return isWeekend ? WEEKEND_READING_TITLE : SECTIONS.reading.title;
}

/** The movers' heading, honest about the window actually compared (never "This Week" for two days). */
export function moversTitle(windowDays: number): string {
  if (windowDays === 7) return SECTIONS.movers.title;
  if (windowDays === 1) return 'Biggest Movers Since Yesterday';
  return windowDays > 0 ? `Biggest Movers Over ${windowDays} Days` : 'Biggest Movers';
}

/** How pages, feeds and emails name each source. */
export const SOURCE_NAMES: Record<SourceId, string> = {
  'hf-models': 'Hugging Face trending models',
  'hf-new-models': 'Hugging Face new models',
  'hf-datasets': 'Hugging Face trending datasets',
  'hf-spaces': 'Hugging Face trending Spaces',
  'hf-papers': 'Hugging Face daily papers',
  'github-trending': 'GitHub Trending',
  'github-releases': 'GitHub releases',
  arxiv: 'arXiv',
  fake: 'Test source',
};

/** A domain as a label, where it stands alone (a metric's leader, a chart's bar): "speech and audio". */
export const DOMAIN_NAMES: Record<Domain, string> = {
  medical: 'medical',
  biology: 'biology',
  chemistry: 'chemistry',
  finance: 'finance',
  legal: 'legal',
  code: 'code',
  math: 'maths',
  science: 'science',
  education: 'education',
  robotics: 'robotics',
  'speech-audio': 'speech and audio',
  vision: 'vision',
  multimodal: 'multimodal',
  agents: 'agents',
  safety: 'safety',
  general: 'general-purpose',
};

/**
 * A domain before a noun: "a medical model", "a coding fine-tune". `general` means the analysis was
 * unsure, so it has no word (and prose says nothing rather than "a general model").
 */
export const DOMAIN_WORDS: Record<Domain, string | undefined> = {
  medical: 'medical',
  biology: 'biology',
  chemistry: 'chemistry',
  finance: 'finance',
  legal: 'legal',
  code: 'coding',
  math: 'maths',
  science: 'science',
  education: 'education',
  robotics: 'robotics',
  'speech-audio': 'speech',
  vision: 'vision',
  multimodal: 'multimodal',
  agents: 'agent',
  safety: 'safety',
  general: undefined,
};

/** What a domain's models are for, after "for": "for medicine", "for text and images"; none for `general`. */
export const DOMAIN_PURPOSE: Record<Domain, string | undefined> = {
  medical: 'medicine',
  biology: 'biology',
  chemistry: 'chemistry',
  finance: 'finance',
  legal: 'law',
  code: 'code',
  math: 'maths',
  science: 'science',
  education: 'education',
  robotics: 'robotics',
  'speech-audio': 'speech',
  vision: 'vision',
  multimodal: 'text and images',
  agents: 'agents',
  safety: 'safety',
  general: undefined,
};
