/**
 * @module writers/consistency/standfirst
 * The standfirst and the first sentence differ: a reader who has just read the standfirst should
 * learn something new from the first sentence, not read it again.
 *
 * Measure: the word sets of the two (lower case; names, numbers and percentages kept whole as
 * words, "Hmbown/DeepSeek-TUI", "20.8k", "67%"; possessive "’s" and common function words
 * dropped) are compared by Jaccard similarity, |A ∩ B| / |A ∪ B|, whole sentence against whole
 * sentence and clause against clause (clauses split at , ; : — and brackets, compared only when
 * both have at least 4 words, so "small specialised models" alone does not count). The highest
 * score fails at REPEAT_THRESHOLD (0.6) or above. Clause by clause catches a sentence that
 * repeats the standfirst's claim and then adds a clause ("Eight of the 12 trending models … come
 * from individual accounts this Sunday, or 67%, up from 50% …" after "Eight of the 12 trending
 * models with a known author come from individual accounts this Sunday, led by …": 0.64).
 */
import { quote, sentencesOfText } from './view.js';

export const REPEAT_THRESHOLD = 0.6;
/** Clauses shorter than this (in kept words) are not compared on their own. */
const MIN_CLAUSE_WORDS = 4;

const FUNCTION_WORDS = new Set(
  (
    'a an the of in on at to for from by with and or but as is are was were be been it its this that ' +
    'these those their they them there which who whose we our us than then so not no one any all each s'
  ).split(' '),
);

const WORD = /[\p{L}\d][\p{L}\d_.\-/%]*/gu;

export function wordSet(text: string): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0].replace(/[.-]+$/, '').toLowerCase();
    if (word && !FUNCTION_WORDS.has(word)) out.add(word);
  }
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

const CLAUSE_BREAK = /[,;:—–()[\]]+/u;

function units(sentence: string): Array<Set<string>> {
  const whole = wordSet(sentence);
  const clauses = sentence
    .split(CLAUSE_BREAK)
    .map(wordSet)
    .filter((set) => set.size >= MIN_CLAUSE_WORDS);
  return [whole, ...clauses];
}

/** The highest similarity of the two sentences, whole or clause by clause (0..1). */
export function repeatScore(standfirst: string, first: string): number {
  let best = 0;
  const left = units(standfirst);
  const right = units(first);
  for (const a of left) for (const b of right) best = Math.max(best, jaccard(a, b));
  return best;
}

export function checkStandfirst(
  standfirst: string | undefined,
  firstParagraph: string | undefined,
): string[] {
  if (!standfirst || !firstParagraph) return [];
  const first = sentencesOfText(firstParagraph, 'p0')[0]?.text;
  if (!first) return [];
  const score = repeatScore(standfirst, first);
  if (score < REPEAT_THRESHOLD) return [];
  return [
    `standfirst: the first sentence repeats the standfirst (similarity ${score.toFixed(2)}, ` +
      `limit ${REPEAT_THRESHOLD}); say something the standfirst does not: ${quote(first)}`,
  ];
}
