/**
 * @module core/reader
 * A reader's own edition: how often it comes (`daily` or `weekly`) and which topics it carries.
 * Topics are domains (from the analysis' vocabulary) and sources (grouped as a reader knows them:
 * "GitHub" is both trending repositories and releases). No topics means everything. An item
 * matches when its domain is one of the chosen domains (or none were chosen) and its source is one
 * of the chosen sources (or none were chosen): "medical" + "GitHub" is medical repositories.
 */
import type { SourceId } from './item.js';
import { DOMAINS, type Domain } from './signals.js';
import { DOMAIN_NAMES, DOMAIN_WORDS } from './vocabulary/names.js';

export const CADENCES = ['daily', 'weekly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** The domains a reader may choose: every domain but `general`, which means "the analysis was unsure". */
export const TOPIC_DOMAINS = DOMAINS.filter((domain) => domain !== 'general') as Exclude<Domain, 'general'>[];
export type TopicDomain = (typeof TOPIC_DOMAINS)[number];

/** Sources as a reader chooses them, each with the collector sources it stands for. */
export const TOPIC_SOURCES = {
  'hf-models': { label: 'Hugging Face models', sources: ['hf-models', 'hf-new-models'] },
  'hf-datasets': { label: 'Hugging Face datasets', sources: ['hf-datasets'] },
  'hf-spaces': { label: 'Hugging Face Spaces', sources: ['hf-spaces'] },
  'hf-papers': { label: 'Hugging Face papers', sources: ['hf-papers'] },
  github: { label: 'GitHub', sources: ['github-trending', 'github-releases'] },
  arxiv: { label: 'arXiv', sources: ['arxiv'] },
} as const satisfies Record<string, { label: string; sources: readonly SourceId[] }>;
export type TopicSource = keyof typeof TOPIC_SOURCES;
export const TOPIC_SOURCE_IDS = Object.keys(TOPIC_SOURCES) as TopicSource[];

export interface ReaderTopics {
  /** Sorted, no duplicates; empty = every domain. */
  domains: TopicDomain[];
  /** Sorted, no duplicates; empty = every source. */
  sources: TopicSource[];
}

export interface ReaderPreferences {
  cadence: Cadence;
  topics: ReaderTopics;
}

export const EVERYTHING: ReaderTopics = { domains: [], sources: [] };
export const DEFAULT_PREFERENCES: ReaderPreferences = { cadence: 'daily', topics: EVERYTHING };

export const isCadence = (value: string): value is Cadence => (CADENCES as readonly string[]).includes(value);
export const isTopicDomain = (value: string): value is TopicDomain =>
  (TOPIC_DOMAINS as readonly string[]).includes(value);
export const isTopicSource = (value: string): value is TopicSource => Object.hasOwn(TOPIC_SOURCES, value);

/** The topics in their one order, without duplicates, so equal choices have equal keys. */
export function normaliseTopics(topics: {
  domains: readonly string[];
  sources: readonly string[];
}): ReaderTopics {
  return {
    domains: TOPIC_DOMAINS.filter((domain) => topics.domains.includes(domain)),
    sources: TOPIC_SOURCE_IDS.filter((source) => topics.sources.includes(source)),
  };
}

export const filtersNothing = (topics: ReaderTopics): boolean =>
  topics.domains.length === 0 && topics.sources.length === 0;

/**
 * How the store keeps the topics and how render-once tells preference sets apart:
 * `domain:medical,domain:vision,source:github` ('' = everything).
 */
export function topicsKey(topics: ReaderTopics): string {
  const { domains, sources } = normaliseTopics(topics);
  return [...domains.map((d) => `domain:${d}`), ...sources.map((s) => `source:${s}`)].join(',');
}

/** The stored key read back; parts this version does not know (a domain since removed) are dropped. */
export function parseTopicsKey(key: string | null | undefined): ReaderTopics {
  const parts = (key ?? '').split(',').filter(Boolean);
  const of = (prefix: string) =>
    parts.filter((part) => part.startsWith(prefix)).map((part) => part.slice(prefix.length));
  return normaliseTopics({ domains: of('domain:'), sources: of('source:') });
}

/** What an item must tell for the filter: its collector source and its domain (`general` when unknown). */
export interface TopicSubject {
  source: SourceId;
  domain: Domain | undefined;
}

export function matchesTopics(subject: TopicSubject, topics: ReaderTopics): boolean {
  const domainOk =
    topics.domains.length === 0 ||
    (topics.domains as readonly string[]).includes(subject.domain ?? 'general');
  const sourceOk =
    topics.sources.length === 0 ||
    topics.sources.some((topic) =>
      (TOPIC_SOURCES[topic].sources as readonly SourceId[]).includes(subject.source),
    );
  return domainOk && sourceOk;
}

/** A domain as a reader picks it on the form: "medical", "speech and audio". */
export const topicDomainLabel = (domain: TopicDomain): string => DOMAIN_NAMES[domain];

function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/**
 * The chosen topics before a noun, for the line that says a section has nothing for the reader:
 * "medical", "medical or vision … from GitHub". `noun` is plural ("items", "papers").
 */
export function topicsPhrase(topics: ReaderTopics, noun: string): string {
  const words = topics.domains.map((domain) => DOMAIN_WORDS[domain] ?? DOMAIN_NAMES[domain]);
  const from = topics.sources.map((source) => TOPIC_SOURCES[source].label);
  return [orList(words), noun, from.length > 0 ? `from ${orList(from)}` : ''].filter(Boolean).join(' ');
}

/** The topics in a table cell or a log line: `medical, vision; GitHub`, or `everything`. */
export function topicsLabel(topics: ReaderTopics): string {
  if (filtersNothing(topics)) return 'everything';
  const domains = topics.domains.map(topicDomainLabel).join(', ');
  const sources = topics.sources.map((source) => TOPIC_SOURCES[source].label).join(', ');
  return [domains, sources].filter(Boolean).join('; ');
}
