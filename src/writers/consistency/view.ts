/**
 * @module writers/consistency/view
 * What the consistency checks read: a section cut into sentences and words, and what the plan
 * says about the names in it (which item a name is, where the item comes from, how big it is,
 * how upstream spells it). The plan's part is gathered once per plan and cached by identity, so
 * each section costs one pass over its words.
 */
import { type EditionPlan, type PlannedItem, planItems, type Story } from '../../core/plan.js';
import type { ListEntry, Paragraph, SectionId } from '../../core/text.js';
import { plainText } from '../../core/text.js';

/** The parts of a section the checks read (an LLM section before it is checked has no factCheck). */
export interface ConsistencySection {
  id: SectionId;
  title: string;
  standfirst?: string | undefined;
  paragraphs: readonly Paragraph[];
  entries?: readonly ListEntry[] | undefined;
}

export interface Sentence {
  text: string;
  /** Where it stands: `title`, `standfirst`, `p0`…, `e0`… (for messages). */
  at: string;
}

// A sentence ends at . ! ? or … followed by space; the next may start with a lower-case handle
// ("hanyc4855/H25 tops the models"). "0.5B", "v4.41.0" and "Qwen2.5" have no space after the
// point and stay whole; "e.g." and "vs." do not end a sentence.
const SENTENCE_BREAK = /(?<=[.!?…]["'”’)]*)(?<!\b(?:e\.g|i\.e|vs|etc|approx|cf|no|No)\.)\s+(?=\S)/u;

export function sentencesOfText(text: string, at: string): Sentence[] {
  return text
    .split(SENTENCE_BREAK)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => ({ text: part, at }));
}

/** Every sentence of a section: title, standfirst, paragraphs, then list entries (name — blurb). */
export function sentencesOf(section: ConsistencySection): Sentence[] {
  const out: Sentence[] = [{ text: section.title, at: 'title' }];
  if (section.standfirst) out.push(...sentencesOfText(section.standfirst, 'standfirst'));
  section.paragraphs.forEach((paragraph, index) => {
    out.push(...sentencesOfText(plainText(paragraph), `p${index}`));
  });
  (section.entries ?? []).forEach((entry, index) => {
    out.push(...sentencesOfText(`${plainText(entry.name)} — ${plainText(entry.blurb)}`, `e${index}`));
  });
  return out;
}

/**
 * Words (a letter or digit, then letters, digits, `_ . - /`) and the punctuation marks that
 * matter to a phrase (`, ; : . ! ?`). A trailing point is a full stop, not part of the word.
 * Apostrophes split: "today’s" is `today`, `s`.
 */
const TOKEN = /[\p{L}\d][\p{L}\d_.\-/]*|[,;:.!?…]/gu;

export function tokensOf(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (token.length > 1 && token.endsWith('.')) {
      out.push(token.replace(/\.+$/, ''), '.');
    } else out.push(token);
  }
  return out;
}

export type Platform = 'hf' | 'github' | 'arxiv';

export function platformOf(item: Pick<PlannedItem, 'source'>): Platform {
  if (item.source.startsWith('github')) return 'github';
  if (item.source === 'arxiv') return 'arxiv';
  return 'hf';
}

export function itemKey(item: Pick<PlannedItem, 'source' | 'externalId'>): string {
  return `${item.source}:${item.externalId}`;
}

/** The short name of an id: `H25` of `hanyc4855/H25`. */
export function shortName(externalId: string): string {
  return externalId.slice(externalId.indexOf('/') + 1);
}

export interface Spelling {
  /** Every way upstream writes the name (usually one). */
  spellings: Set<string>;
  /** Whether another case of it is a re-cased name (see names.ts for which names are). */
  checked: boolean;
}

export interface PlanView {
  /** Every item of the plan once (by source and external id). */
  items: PlannedItem[];
  /** Items by lower-cased external id, short name and one-word title. */
  byName: Map<string, PlannedItem[]>;
  /** Items by lower-cased title of several words ("model 6"), found by substring. */
  spaced: Array<[string, PlannedItem[]]>;
  /** Names of the plan (authors, owners, short names) by lower case. */
  names: Map<string, Spelling>;
  /** The day's median trending model size: the metric, else the trending models' median. */
  dayMedian: number | undefined;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A name is checked for case when its shape says it is an identifier (see names.ts). */
const IDENTIFIER_SHAPE = /[\d_.-]|\p{Lu}/u;

function buildView(plan: EditionPlan): PlanView {
  const seen = new Map<string, PlannedItem>();
  for (const item of planItems(plan)) if (!seen.has(itemKey(item))) seen.set(itemKey(item), item);
  const items = [...seen.values()];

  const byName = new Map<string, PlannedItem[]>();
  const addName = (name: string, item: PlannedItem) => {
    const key = name.toLowerCase();
    if (key.length < 2 || !/\p{L}/u.test(key)) return;
    const list = byName.get(key) ?? [];
    if (!list.includes(item)) list.push(item);
    byName.set(key, list);
  };

  const individuals = new Set<string>();
  for (const item of items)
    if (item.author && item.facts?.authorKind === 'individual') individuals.add(item.author);
  const names = new Map<string, Spelling>();
  const addSpelling = (name: string | null | undefined) => {
    if (!name || /\s/.test(name) || !/\p{L}/u.test(name)) return;
    const key = name.toLowerCase();
    const entry = names.get(key) ?? { spellings: new Set<string>(), checked: false };
    entry.spellings.add(name);
    if (IDENTIFIER_SHAPE.test(name) || individuals.has(name)) entry.checked = true;
    names.set(key, entry);
  };

  const spaced = new Map<string, PlannedItem[]>();
  for (const item of items) {
    addName(item.externalId, item);
    if (item.kind !== 'paper') {
      addName(shortName(item.externalId), item);
      // A model's or repository's title is a name too ("model 6"); a paper's is a sentence.
      if (/\s/.test(item.title.trim())) {
        const key = item.title.trim().toLowerCase();
        spaced.set(key, [...(spaced.get(key) ?? []), item]);
      } else addName(item.title, item);
    }
    addSpelling(item.author);
    if (item.externalId.includes('/')) {
      addSpelling(item.externalId.slice(0, item.externalId.indexOf('/')));
      addSpelling(shortName(item.externalId));
    }
  }

  const metric = plan.metrics.metrics.find((m) => m.id === 'median-parameters');
  const sizes = plan.trending.models
    .map((item) => item.facts?.parameters)
    .filter((p): p is number => p !== undefined && p > 0);
  const dayMedian = metric && metric.value > 0 ? metric.value : median(sizes);
  return { items, byName, spaced: [...spaced], names, dayMedian };
}

const cache = new WeakMap<EditionPlan, PlanView>();

export function planView(plan: EditionPlan): PlanView {
  let view = cache.get(plan);
  if (!view) {
    view = buildView(plan);
    cache.set(plan, view);
  }
  return view;
}

/** The story a section tells, for the story sections. */
export function storyOf(plan: EditionPlan, id: SectionId): Story | null {
  switch (id) {
    case 'lead':
      return plan.lead;
    case 'deepDive':
      return plan.deepDive;
    case 'opinion1':
      return plan.opinions[0] ?? null;
    case 'opinion2':
      return plan.opinions[1] ?? null;
    default:
      return null;
  }
}

const WORD_CHAR = /[\p{L}\d_-]/u;

/** The items a text names, by external id or short name, in order of first mention. */
export function itemsNamed(text: string, view: PlanView): PlannedItem[] {
  const found: PlannedItem[] = [];
  const add = (list: PlannedItem[] | undefined) => {
    for (const item of list ?? []) if (!found.includes(item)) found.push(item);
  };
  for (const token of tokensOf(text)) {
    if (token.length < 2) continue;
    const key = token.replace(/[.\-_]+$/, '').toLowerCase();
    const whole = view.byName.get(key);
    if (whole) {
      add(whole);
      continue;
    }
    if (key.includes('/')) for (const part of key.split('/')) add(view.byName.get(part));
  }
  if (view.spaced.length > 0) {
    const lower = text.toLowerCase();
    for (const [title, items] of view.spaced) {
      const at = lower.indexOf(title);
      if (
        at >= 0 &&
        !WORD_CHAR.test(lower[at - 1] ?? ' ') &&
        !WORD_CHAR.test(lower[at + title.length] ?? ' ')
      )
        add(items);
    }
  }
  return found;
}

/** A sentence for a message: quoted, cut at 110 characters. */
export function quote(text: string): string {
  return `"${text.length > 110 ? `${text.slice(0, 107).trimEnd()}…` : text}"`;
}
