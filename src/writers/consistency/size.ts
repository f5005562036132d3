/**
 * @module writers/consistency/size
 * Size words agree with the numbers. The classes and their thresholds are analysis's
 * (`SIZE_CLASSES` in analysis/facts/size: tiny < 1B ≤ small < 10B ≤ medium < 70B ≤ large); this
 * module holds the words a writer may use for each class and the rule for when a word counts.
 *
 * A size word counts only when it is said of models, in one of three ways:
 * - it qualifies a model noun, at most two words before it ("small specialised models",
 *   "a tiny model", "mid-sized open-weight checkpoints"); "large language model" is a term, not a
 *   size; a word between that is an article, preposition or conjunction ("a small step for
 *   models", "a small number of models") breaks the link;
 * - it stands as a predicate ("…, small by today’s standards.", "They are small.") in a sentence
 *   that gives parameter counts or names sized models, or after "they/these/models are";
 * - "modest hardware" / "consumer hardware" (what such a model runs on).
 * So "a small step", "small, testable step", "a big lab", "the next big launch" never count.
 *
 * What it is said of: the sized models the sentence names and the parameter counts it prints
 * ("27B parameters", "41M-parameter"; not "2.1M downloads"); when it names none, the section's
 * story's models (lead, deep dive, opinions), the "group". Rules:
 * 1. the word fits the class of every model it is said of: a tiny/small word fits tiny and
 *    small models ("tiny" only tiny ones), a medium word medium ones, a large word large ones;
 * 2. relative to the day ("small by today’s standards", "large for today"), the models' median
 *    lies on that side of the day's median trending model size (the `median-parameters` metric);
 * 3. within a section, words of two sides (small, medium, large) are never said of one group
 *    (two uses share a model).
 */
import { SIZE_CLASSES } from '../../analysis/facts/size.js';
import type { EditionPlan, PlannedItem } from '../../core/plan.js';
import type { SizeClass } from '../../core/signals.js';
import { parameters as formatParameters } from '../newsroom/format.js';
import {
  type ConsistencySection,
  itemKey,
  type PlanView,
  quote,
  type Sentence,
  storyOf,
  tokensOf,
} from './view.js';

/** The words for each size class; a two-word entry is a phrase. */
export const SIZE_WORDS: Readonly<Record<SizeClass, readonly string[]>> = {
  tiny: ['tiny', 'miniature'],
  small: ['small', 'compact', 'lightweight', 'modest hardware', 'consumer hardware'],
  medium: ['medium-sized', 'medium-size', 'mid-sized', 'mid-size', 'midsize', 'medium'],
  large: ['large', 'big', 'giant', 'huge', 'massive', 'frontier-scale'],
};

/** The classes a word of each class may describe: a tiny model is also small. */
const FITS: Readonly<Record<SizeClass, readonly SizeClass[]>> = {
  tiny: ['tiny'],
  small: ['tiny', 'small'],
  medium: ['medium'],
  large: ['large'],
};

type Side = 'small' | 'medium' | 'large';
const SIDE: Readonly<Record<SizeClass, Side>> = {
  tiny: 'small',
  small: 'small',
  medium: 'medium',
  large: 'large',
};

const WORD_CLASS = new Map<string, SizeClass>();
const PHRASE_CLASS = new Map<string, SizeClass>();
for (const [cls, words] of Object.entries(SIZE_WORDS) as Array<[SizeClass, readonly string[]]>)
  for (const word of words) (word.includes(' ') ? PHRASE_CLASS : WORD_CLASS).set(word, cls);

const MODEL_NOUNS = new Set([
  'model',
  'models',
  'llm',
  'llms',
  'slm',
  'slms',
  'checkpoint',
  'checkpoints',
  'fine-tune',
  'fine-tunes',
  'finetune',
  'finetunes',
  'network',
  'networks',
  'variant',
  'variants',
  'parameter',
  'parameters',
]);
/** Words that end the link between a size word and a later noun. */
const BREAKS = new Set([
  'a',
  'an',
  'the',
  'of',
  'for',
  'to',
  'in',
  'on',
  'at',
  'by',
  'with',
  'from',
  'and',
  'or',
  'but',
  'than',
  'as',
  'that',
  'which',
  'is',
  'are',
  'was',
  'were',
  'be',
  'it',
  'its',
  'their',
]);
const PREDICATE_NEXT = new Set(['by', 'for', 'enough', 'compared', 'next', 'relative', 'than']);
/** After "they are small": a new clause may follow ("…, and they are popular"). */
const CLAUSE_NEXT = new Set(['and', 'but', 'yet', 'so']);
const ENDS = new Set(['.', '!', '?', ';', '…']);
const COPULAS = new Set([
  'is',
  'are',
  'was',
  'were',
  'remain',
  'remains',
  'stay',
  'stays',
  'look',
  'looks',
  'seem',
  'seems',
]);
const MODEL_SUBJECTS = new Set(['they', 'these', 'those', 'models', 'model', 'both', 'all']);
const DAY_WORDS = new Set(['today', 'current', 'modern', 'recent']);

interface Use {
  word: string;
  cls: SizeClass;
  relative: boolean;
  mode: 'noun' | 'predicate' | 'hardware';
}

/** The size words of a sentence that are said of models (see the module comment). */
export function sizeUses(tokens: readonly string[], hasSizes: boolean): Use[] {
  const uses: Use[] = [];
  const lower = tokens.map((t) => t.toLowerCase());
  for (let i = 0; i < lower.length; i++) {
    const token = lower[i] as string;
    const phrase = PHRASE_CLASS.get(`${token} ${lower[i + 1] ?? ''}`);
    if (phrase) {
      uses.push({ word: `${tokens[i]} ${tokens[i + 1]}`, cls: phrase, relative: false, mode: 'hardware' });
      i++;
      continue;
    }
    const cls = WORD_CLASS.get(token);
    if (!cls) continue;
    const word = tokens[i] as string;
    if (qualifiesModel(lower, i)) {
      uses.push({ word, cls, relative: relativeAfter(lower, i), mode: 'noun' });
      continue;
    }
    let next = i + 1;
    if (lower[next] === ',') next++;
    const after = lower[next];
    const copula = afterModelCopula(lower, i);
    const predicate =
      after === undefined ||
      ENDS.has(after) ||
      PREDICATE_NEXT.has(after) ||
      (copula && CLAUSE_NEXT.has(after));
    if (!predicate) continue;
    if (hasSizes || copula) uses.push({ word, cls, relative: relativeAfter(lower, i), mode: 'predicate' });
  }
  return uses;
}

function qualifiesModel(lower: readonly string[], i: number): boolean {
  let between = 0;
  for (let j = i + 1; j < lower.length && between <= 2; j++) {
    const token = lower[j] as string;
    if (token === ',') continue;
    if (MODEL_NOUNS.has(token)) {
      // "large language models" names a kind of model, not a size.
      return !(lower[i] === 'large' && lower[j - 1] === 'language');
    }
    if (BREAKS.has(token) || !/\p{L}|\d/u.test(token)) return false;
    between++;
  }
  return false;
}

/** "they are small", "these models are still tiny": a copula (and an adverb) before the word. */
function afterModelCopula(lower: readonly string[], i: number): boolean {
  const copula = [i - 1, i - 2].find((k) => COPULAS.has(lower[k] ?? ''));
  if (copula === undefined) return false;
  for (let j = copula - 1; j >= Math.max(0, copula - 4); j--)
    if (MODEL_SUBJECTS.has(lower[j] as string)) return true;
  return false;
}

/** "small by today’s standards", "large for today", "small by current standards". */
function relativeAfter(lower: readonly string[], i: number): boolean {
  let j = i + 1;
  if (lower[j] === ',') j++;
  if (lower[j] !== 'by' && lower[j] !== 'for') return false;
  return DAY_WORDS.has(lower[j + 1] ?? '') || DAY_WORDS.has(lower[j + 2] ?? '');
}

/** Parameter counts a sentence prints: "27B parameters", "41M-parameter", "to 3.8B (…)". */
const PARAMETER_COUNT =
  /(?<=^|[\s(])(\d+(?:\.\d+)?)\s?([MBT])(?![\p{L}\d])(?!\s+(?:downloads?|likes?|stars?|upvotes?|forks?|tokens?|rows?|views?|users?|followers?|dollars?)\b)/gu;
const SCALE: Readonly<Record<string, number>> = { M: 1e6, B: 1e9, T: 1e12 };

export function parameterCounts(sentence: string): number[] {
  if (!/param/i.test(sentence)) return [];
  const out: number[] = [];
  for (const match of sentence.matchAll(PARAMETER_COUNT))
    out.push(Number(match[1]) * (SCALE[match[2] as string] ?? 1));
  return out;
}

function classOf(parameters: number): SizeClass {
  return SIZE_CLASSES.find((entry) => parameters < entry.below)?.sizeClass ?? 'large';
}

/** What a word of each class means, for messages: "below 10B parameters", "10B to 70B parameters". */
const MEANING: Readonly<Record<SizeClass, string>> = Object.fromEntries(
  SIZE_CLASSES.map(({ sizeClass, below }) => {
    const lowest = SIZE_CLASSES.findIndex((entry) => entry.sizeClass === FITS[sizeClass][0]);
    const start = lowest > 0 ? (SIZE_CLASSES[lowest - 1]?.below ?? 0) : 0;
    const meaning =
      below === Number.POSITIVE_INFINITY
        ? `${formatParameters(start)} parameters and up`
        : start === 0
          ? `below ${formatParameters(below)} parameters`
          : `${formatParameters(start)} to ${formatParameters(below)} parameters`;
    return [sizeClass, meaning];
  }),
) as Record<SizeClass, string>;

function range(values: readonly number[]): string {
  const low = formatParameters(Math.min(...values));
  const high = formatParameters(Math.max(...values));
  return low === high ? low : `${low}–${high}`;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const sized = (item: PlannedItem): boolean => (item.facts?.parameters ?? 0) > 0;

interface Applied {
  use: Use;
  sentence: Sentence;
  keys: Set<string>;
}

export function checkSizes(
  section: ConsistencySection,
  plan: EditionPlan,
  view: PlanView,
  sentences: readonly Sentence[],
  namedBySentence: readonly PlannedItem[][],
): string[] {
  const failures: string[] = [];
  const group = (storyOf(plan, section.id)?.items ?? []).filter(sized);
  const applied: Applied[] = [];
  sentences.forEach((sentence, index) => {
    const named = (namedBySentence[index] ?? []).filter(sized);
    const counts = parameterCounts(sentence.text);
    const uses = sizeUses(tokensOf(sentence.text), named.length > 0 || counts.length > 0);
    if (uses.length === 0) return;
    const ofGroup = named.length === 0 && counts.length === 0;
    const models = ofGroup ? group : named;
    const values = ofGroup
      ? group.map((item) => item.facts?.parameters as number)
      : [...named.map((item) => item.facts?.parameters as number), ...counts];
    if (values.length === 0) return;
    const what = ofGroup ? "the story's models" : 'models';
    for (const use of uses) {
      applied.push({ use, sentence, keys: new Set(models.map(itemKey)) });
      const classes = [...new Set(values.map(classOf))];
      const misfit = classes.filter((cls) => !FITS[use.cls].includes(cls));
      if (misfit.length > 0) {
        failures.push(
          `size: "${use.word}" is said of ${what} of ${range(values)} parameters (${classes.join(', ')}), ` +
            `but "${use.word}" means ${MEANING[use.cls]}: ${quote(sentence.text)}`,
        );
        continue;
      }
      if (use.relative && view.dayMedian !== undefined && SIDE[use.cls] !== 'medium') {
        // "They range from A to B, small by today’s standards": the group is compared, not its ends.
        const groupKeys = new Set(group.map(itemKey));
        const inGroup = !ofGroup && named.length > 0 && named.every((item) => groupKeys.has(itemKey(item)));
        const middle = medianOf(inGroup ? group.map((item) => item.facts?.parameters as number) : values);
        const wrong = SIDE[use.cls] === 'small' ? middle >= view.dayMedian : middle <= view.dayMedian;
        if (wrong)
          failures.push(
            `size: "${use.word}" by today’s standards is said of ${what} of ${range(values)} parameters, ` +
              `but the day's median trending model has ${formatParameters(view.dayMedian)}: ${quote(sentence.text)}`,
          );
      }
    }
  });
  failures.push(...contradictions(applied));
  return failures;
}

/** Rule 3: two sides of size said of models in common. */
function contradictions(applied: readonly Applied[]): string[] {
  const out: string[] = [];
  const reported = new Set<string>();
  for (let a = 0; a < applied.length; a++) {
    for (let b = a + 1; b < applied.length; b++) {
      const first = applied[a] as Applied;
      const second = applied[b] as Applied;
      const sides = [SIDE[first.use.cls], SIDE[second.use.cls]].sort().join('/');
      if (SIDE[first.use.cls] === SIDE[second.use.cls] || reported.has(sides)) continue;
      if (![...first.keys].some((key) => second.keys.has(key))) continue;
      reported.add(sides);
      out.push(
        `size: one group of models is called both "${first.use.word}" and "${second.use.word}": ` +
          `${quote(first.sentence.text)} and ${quote(second.sentence.text)}`,
      );
    }
  }
  return out;
}
