/**
 * @module analysis/facts/domain
 * Which domain an item is about, with the rule that decided it.
 *
 * Rule table, in order of precedence (the first rule that matches wins):
 *
 *  Pass 1 — subject domains (medical, biology, chemistry, finance, legal, code, math, science,
 *  education, robotics, agents, safety), so that a medical fine-tune of a vision-language model
 *  is `medical`, not `multimodal`:
 *   1. `tag:<word>`      a tag equal to a domain word, or one of its `-`-separated parts
 *                        (`medical`, `medical-imaging`, `text-to-sql`); `custom_code` is not `code`
 *   2. `task:<id>`       a dataset's `task_categories:<id>` / the pipeline tag, for `robotics`
 *   3. `topic:<word>`    a GitHub topic, read like a tag
 *   4. `name:<word>`     a whole word of the repo name (paper: title), camelCase and digits split
 *   5. `base:<word>`     a whole word of the first base model's name (`Qwen2.5-Coder` fine-tunes)
 *   6. `category:<cat>`  an arXiv category (`q-bio.*`, `cs.RO`, `math.*`, …; see domain-rules.ts)
 *   7. `description:<w>` a word of the repo description, minus words too common in prose
 *  Pass 2 — modality domains (vision, speech-audio, multimodal):
 *   8. `pipeline:<id>`   the pipeline tag's modality in @huggingface/tasks PIPELINE_DATA:
 *                        cv → vision, audio → speech-audio, multimodal → multimodal
 *   9. `task:<id>`       the same for `task_categories:` tags and tags that are pipeline ids;
 *                        `modality:image|video|audio` dataset tags
 *  10. tag, topic, name, base, category, description words, as in pass 1
 *  11. `default`         → `general`
 * nlp, tabular, rl and other modalities say nothing about the domain, so they fall through.
 */
import { PIPELINE_DATA } from '@huggingface/tasks';
import type { HistoryItem } from '../../core/history.js';
import type { Domain } from '../../core/signals.js';
import { CATEGORY_DOMAINS, MODALITY_WORDS, PROSE_IGNORED, SPECIFIC_WORDS } from './domain-rules.js';
import { itemNameTokens, nameTokens, repoName } from './tokens.js';

export interface DomainResult {
  domain: Domain;
  /** The rule that decided, e.g. `tag:medical`, `name:med`, `pipeline:object-detection`. */
  reason: string;
}

type DomainItem = Pick<HistoryItem, 'kind' | 'externalId' | 'title' | 'attributes'>;
type WordTable = ReadonlyArray<readonly [Domain, readonly string[]]>;
type Evidence = { rule: string; words: string[] };

const MODALITY_OF: Readonly<Record<string, Domain>> = {
  cv: 'vision',
  audio: 'speech-audio',
  multimodal: 'multimodal',
};
const DATASET_MODALITY: Readonly<Record<string, Domain>> = {
  image: 'vision',
  video: 'vision',
  audio: 'speech-audio',
};

export function classifyDomain(item: DomainItem): DomainResult {
  const attributes = item.attributes;
  const tags = (attributes.tags ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  const plainTags = tags.filter((tag) => !tag.includes(':'));
  const tasks = [
    ...(attributes.pipelineTag ? [attributes.pipelineTag] : []),
    ...tags
      .filter((tag) => tag.startsWith('task_categories:'))
      .map((tag) => tag.slice('task_categories:'.length)),
  ];
  const base = attributes.baseModels?.[0];
  const words: Evidence[] = [
    { rule: 'tag', words: plainTags.flatMap(tagWords) },
    { rule: 'topic', words: (attributes.topics ?? []).map((t) => t.toLowerCase()).flatMap(tagWords) },
    { rule: 'name', words: itemNameTokens(item) },
    { rule: 'base', words: base ? nameTokens(repoName(base)) : [] },
  ];
  const prose: Evidence = {
    rule: 'description',
    words: nameTokens(attributes.description ?? '').filter((word) => !PROSE_IGNORED.has(word)),
  };
  const categories = [attributes.primaryCategory, ...(attributes.categories ?? [])].filter(
    (category): category is string => Boolean(category),
  );

  const specific =
    firstWord(words.slice(0, 1), SPECIFIC_WORDS) ??
    firstOf(tasks, (task, index) =>
      task === 'robotics' ? roboticsBy(index, attributes.pipelineTag) : undefined,
    ) ??
    firstWord(words.slice(1), SPECIFIC_WORDS) ??
    byCategory(categories, false) ??
    firstWord([prose], SPECIFIC_WORDS);
  if (specific) return specific;

  return (
    byPipeline(attributes.pipelineTag, 'pipeline') ??
    firstOf(tasks.slice(attributes.pipelineTag ? 1 : 0), (task) => byPipeline(task, 'task')) ??
    firstOf(plainTags, (tag) => byPipeline(tag, 'task')) ??
    firstOf(tags, byDatasetModality) ??
    firstWord(words, MODALITY_WORDS) ??
    byCategory(categories, true) ??
    firstWord([prose], MODALITY_WORDS) ?? { domain: 'general', reason: 'default' }
  );
}

/** A tag and its `-`/space-separated parts; `_` is not split (`custom_code` is a loader flag). */
function tagWords(tag: string): string[] {
  const parts = tag.split(/[-\s]+/).filter(Boolean);
  return parts.length > 1 ? [tag, ...parts] : [tag];
}

function firstWord(evidence: Evidence[], table: WordTable): DomainResult | undefined {
  for (const { rule, words } of evidence) {
    if (words.length === 0) continue;
    const present = new Set(words);
    for (const [domain, list] of table) {
      const word = list.find((candidate) => present.has(candidate));
      if (word) return { domain, reason: `${rule}:${word}` };
    }
  }
  return undefined;
}

function byPipeline(tag: string | undefined, rule: string): DomainResult | undefined {
  if (!tag || !Object.hasOwn(PIPELINE_DATA, tag)) return undefined;
  const modality: string = PIPELINE_DATA[tag as keyof typeof PIPELINE_DATA].modality;
  const domain = MODALITY_OF[modality];
  return domain ? { domain, reason: `${rule}:${tag}` } : undefined;
}

function byDatasetModality(tag: string): DomainResult | undefined {
  if (!tag.startsWith('modality:')) return undefined;
  const domain = DATASET_MODALITY[tag.slice('modality:'.length)];
  return domain ? { domain, reason: `task:${tag}` } : undefined;
}

/** Whole category first (`physics.med-ph`), then its archive (`q-bio.GN` → `q-bio`). */
function byCategory(categories: string[], modality: boolean): DomainResult | undefined {
  const isModality = (domain: Domain) =>
    domain === 'vision' || domain === 'speech-audio' || domain === 'multimodal';
  return firstOf(categories, (category) => {
    const domain = CATEGORY_DOMAINS[category] ?? CATEGORY_DOMAINS[category.split('.')[0] ?? ''];
    return domain && isModality(domain) === modality ? { domain, reason: `category:${category}` } : undefined;
  });
}

/** `robotics` is a pipeline tag of its own (modality rl) and a subject, so it is read in pass 1. */
function roboticsBy(index: number, pipelineTag: string | undefined): DomainResult {
  return { domain: 'robotics', reason: index === 0 && pipelineTag ? 'pipeline:robotics' : 'task:robotics' };
}

function firstOf<T>(
  values: T[],
  pick: (value: T, index: number) => DomainResult | undefined,
): DomainResult | undefined {
  for (const [index, value] of values.entries()) {
    const result = pick(value, index);
    if (result) return result;
  }
  return undefined;
}
