/**
 * @module writers/consistency
 * Consistency checks beside the fact-check, for every writer. The fact-check asks whether each
 * number and name traces to the plan; these ask whether the words agree with those facts and
 * with each other (EDITORIAL.md §4 "Words agree with numbers", §5 "One way to write a name"):
 *
 * - size: a size word said of models ("small", "compact", "modest hardware", "mid-sized",
 *   "giant"…) fits the parameters of the models it is said of, by analysis's fixed classes
 *   (`SIZE_CLASSES`: tiny < 1B ≤ small < 10B ≤ medium < 70B ≤ large); "by today’s standards"
 *   agrees with the day's median; one group is never called both small and medium or large.
 *   "A small step" is not a size word (consistency/size.ts says when a word counts);
 * - platform: "the Hub" / "Hugging Face" only of Hugging Face items, "GitHub" / "N stars" only of
 *   GitHub repositories (consistency/platform.ts);
 * - standfirst: the first sentence does not repeat the standfirst (Jaccard ≥ 0.6 over kept
 *   words, whole or clause by clause; consistency/standfirst.ts);
 * - list order: a list with a measure in brackets is in descending order of it, ranks ascending
 *   (consistency/list-order.ts);
 * - name case: plan names keep upstream's case, at a sentence start too (consistency/names.ts).
 *
 * Pure and fast: the plan's side is indexed once per plan (cached by identity), then each
 * section costs a pass over its sentences. Each failure starts with its rule ("size: …") and
 * quotes the sentence, so an LLM retry can be told what to fix; `withConsistency` merges them
 * into a section's fact-check, prefixed "consistency: ", as both writers record it.
 */
import type { EditionPlan } from '../core/plan.js';
import type { FactCheck } from '../core/text.js';
import { plainText } from '../core/text.js';
import { checkListOrder } from './consistency/list-order.js';
import { checkNameCase } from './consistency/names.js';
import { checkPlatforms } from './consistency/platform.js';
import { checkSizes } from './consistency/size.js';
import { checkStandfirst } from './consistency/standfirst.js';
import { type ConsistencySection, itemsNamed, planView, sentencesOf } from './consistency/view.js';

export type { ConsistencySection } from './consistency/view.js';

export const CONSISTENCY_PREFIX = 'consistency: ';

export interface ConsistencyResult {
  ok: boolean;
  failures: string[];
}

/** Checks one section's words against the plan and against themselves. */
export function checkConsistency(section: ConsistencySection, plan: EditionPlan): ConsistencyResult {
  const view = planView(plan);
  const sentences = sentencesOf(section);
  const named = sentences.map((sentence) => itemsNamed(sentence.text, view));
  const first = section.paragraphs[0];
  const failures = [
    ...checkStandfirst(section.standfirst, first ? plainText(first) : undefined),
    ...checkSizes(section, plan, view, sentences, named),
    ...checkPlatforms(section, plan, sentences, named),
    ...checkListOrder(sentences),
    ...checkNameCase(view, sentences),
  ];
  const unique = [...new Set(failures)];
  return { ok: unique.length === 0, failures: unique };
}

/**
 * The fact-check with the section's consistency failures added ("consistency: …"); not ok when
 * either fails. A consistency check that throws counts as a failure, never as a pass.
 */
export function withConsistency(check: FactCheck, section: ConsistencySection, plan: EditionPlan): FactCheck {
  let result: ConsistencyResult;
  try {
    result = checkConsistency(section, plan);
  } catch (error) {
    result = {
      ok: false,
      failures: [`the check could not run: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  if (result.ok) return check;
  return {
    ok: false,
    failures: [...check.failures, ...result.failures.map((failure) => `${CONSISTENCY_PREFIX}${failure}`)],
  };
}
