/**
 * @module writers/fact-check
 * Checks that every number and every named model, author, repository and paper in a piece of
 * text traces to a fact or an item of the plan, allowing the formats a newspaper uses (1,234 or
 * 1.2k; 67% for a share of 0.667; 0.5B, 1.5bn, "1.5 billion", "1.5-billion-parameter" for a
 * parameter count). The guard on LLM-written sections: a failure names what did not trace and
 * what was tried, plainly, so a retry can be told what to fix.
 *
 * Whose numbers: a section given facts of its own (an LLM section) is held to them and to the
 * items they name; only dates and their parts, the small integers 0–10 and names come from the
 * whole plan. Without facts (newsroom, which writes from the plan by construction) every value
 * of the plan is allowed. In both, a percentage traces only to a share or a percent value, "+N"
 * only to a gain or change, "-N" only to a negative value, and in a section with facts a count
 * word ("412 likes") only to values of that field.
 *
 * Derived figures (fact-check/derive.ts): a number may also be worked out from two values of one
 * scope (the section's facts and items; for newsroom each story, the metrics panel, each mover
 * and each tool pick, never pairs across the plan), within the rounding of the digits shown:
 * - a difference or a sum ("57 more likes than H24", "767 between them"); "+N" a difference
 *   only; a count word after the number ("45 more likes") takes both values from that field;
 * - a ratio, when written as one ("3.2 times", "3.2×", "4-fold", "13 downloads per like");
 * - a percentage: a share or a growth ("3% of its 41,000 stars", "16% more likes"; "-14%" a fall);
 * - "twice", "double", "three times" (two to ten), "half", "a third", "a quarter" where they
 *   compare: a ratio within `RATIO_WORD_TOLERANCE` (±10%); "half", "a third", "a quarter" also a
 *   share;
 * - "about", "around", "roughly", "nearly", "almost", "approximately", "some", "~" widen any
 *   number to `APPROX_TOLERANCE` (±5%) of its value.
 * "-N" is never derived; anything else is rejected as invented.
 *
 * What is read and what is allowed: see fact-check/scan.ts, fact-check/plan-index.ts and
 * fact-check/derive.ts. Organisation names written as capitalised words ("Meta AI") are not
 * checked: telling them from ordinary capitalised words needs a dictionary this check does not
 * have.
 */
import type { EditionPlan, Fact } from '../core/plan.js';
import type { FactCheck } from '../core/text.js';
import type { Derived } from './fact-check/derive.js';
import { formatValue, matchesSet, NumberSet, type ShownNumber } from './fact-check/numbers.js';
import {
  type AllowedIndex,
  COUNT_WORDS,
  indexPlan,
  indexScope,
  type Kinds,
  normaliseUrl,
  type PlanIndex,
} from './fact-check/plan-index.js';
import { type Claim, type NumberClaim, scanClaims } from './fact-check/scan.js';

export interface FactCheckScope {
  /**
   * The facts the section was given; numbers must trace to these and the items they name. Empty:
   * numbers may trace to any value of the plan (the newsroom writer's text).
   */
  facts: readonly Fact[];
}

/** Hosts a text may link to without naming an item (the site itself, a listing). */
const KNOWN_HOSTS = new Set(['huggingface.co', 'hf.co', 'github.com', 'arxiv.org']);
/** URL path words that are not names: `huggingface.co/spaces/…`, `arxiv.org/abs/…`. */
const PATH_WORDS = new Set(['models', 'datasets', 'spaces', 'papers', 'abs', 'pdf', 'html', 'trending']);

/**
 * The tolerance of an approximate number ("about 47", "nearly 3,000", "~400"): ±5% of the value
 * shown, or the rounding of its last digit if wider.
 */
export const APPROX_TOLERANCE = 0.05;
/**
 * The tolerance of a ratio word: "twice" covers ratios 1.8 to 2.2, "half" 0.45 to 0.55, "a third"
 * 0.3 to 0.367, "a quarter" 0.225 to 0.275, "three times" 2.7 to 3.3 (±10% of the word's value).
 */
export const RATIO_WORD_TOLERANCE = 0.1;

/** The number with the tolerance its wording gives it. */
function tolerated(claim: NumberClaim): ShownNumber {
  const { shown } = claim;
  if (claim.ratio === 'word') return { ...shown, halfUnit: shown.value * RATIO_WORD_TOLERANCE };
  if (claim.approx) return { ...shown, halfUnit: Math.max(shown.halfUnit, shown.value * APPROX_TOLERANCE) };
  return shown;
}

/** Whether the shown number, with its sign and percent, is one of the values. */
function matchesKinds(shown: ShownNumber, kinds: Kinds, counted: NumberSet | undefined): boolean {
  if (shown.percent) {
    if (shown.sign === '-') return matchesSet(shown, kinds.negativePercents);
    return matchesSet(shown, kinds.percents);
  }
  if (shown.sign === '-') return matchesSet(shown, kinds.negatives);
  if (shown.sign === '+') return matchesSet(shown, kinds.gains) && (!counted || matchesSet(shown, counted));
  return matchesSet(shown, counted ?? kinds.numbers);
}

/**
 * Whether the number is derived from two values of one scope (see fact-check/derive.ts): a
 * percentage from a share or a growth ("-N%" a fall), "+N" from a difference, a plain number from
 * a difference or a sum, and also from a ratio when written as one ("3.2×", "13 downloads per
 * like"). A count word ("45 more likes") takes differences and sums of that field only. "-N" is
 * never derived.
 */
function derivedAllowed(claim: NumberClaim, shown: ShownNumber, derived: Derived): boolean {
  if (shown.percent)
    return matchesSet(shown, shown.sign === '-' ? derived.negativePercents : derived.percents);
  if (shown.sign === '-') return false;
  const stem = claim.hint ? COUNT_WORDS.get(claim.hint) : undefined;
  const counted = stem ? derived.byWord.get(stem) : derived;
  if (claim.ratio === 'marked' && shown.sign === '' && matchesSet(shown, derived.ratios)) return true;
  if (!counted) return false;
  if (matchesSet(shown, counted.differences)) return true;
  return shown.sign === '' && matchesSet(shown, counted.sums);
}

/** A ratio word: a ratio of two values, or for "half", "a third", "a quarter" also a share. */
function ratioWordAllowed(shown: ShownNumber, kinds: Kinds, derived: Derived): boolean {
  if (matchesSet(shown, derived.ratios)) return true;
  if (shown.value >= 1) return false;
  const asPercent = { ...shown, value: shown.value * 100, halfUnit: shown.halfUnit * 100, percent: true };
  return matchesSet(asPercent, kinds.percents) || matchesSet(asPercent, derived.percents);
}

function numberAllowed(claim: NumberClaim, plan: PlanIndex, scope: AllowedIndex, scoped: boolean): boolean {
  const shown = tolerated(claim);
  const index = scoped ? scope : plan;
  if (claim.ratio === 'word') return ratioWordAllowed(shown, index, index.derived);
  const plain = !shown.scaled && !shown.percent && shown.sign === '';
  if (plain && matchesSet(shown, plan.structural)) return true;
  if (!scoped) return matchesKinds(shown, plan, undefined) || derivedAllowed(claim, shown, plan.derived);
  if (plain && matchesSet(shown, plan.dateParts)) return true;
  // "412 likes" must be a number of likes: the count word picks the values of that field.
  return matchesKinds(shown, scope, countedOf(claim, scope)) || derivedAllowed(claim, shown, scope.derived);
}

/** The values of the field the number's count word names ("likes"), if it names one. */
function countedOf(claim: NumberClaim, scope: AllowedIndex): NumberSet | undefined {
  const stem = claim.hint ? COUNT_WORDS.get(claim.hint) : undefined;
  return stem ? (scope.byWord.get(stem) ?? EMPTY) : undefined;
}

const EMPTY = new NumberSet([]);

function nameAllowed(name: string, plan: PlanIndex, scope: AllowedIndex): boolean {
  return plan.names.has(name) || scope.names.has(name);
}

function linkAllowed(link: string, plan: PlanIndex, scope: AllowedIndex): boolean {
  const url = normaliseUrl(link);
  if (plan.urls.some((known) => url === known || url.startsWith(`${known}/`))) return true;
  const slash = url.indexOf('/');
  const host = slash < 0 ? url : url.slice(0, slash);
  if (!KNOWN_HOSTS.has(host)) return false;
  const path = (slash < 0 ? [] : url.slice(slash + 1).split('/')).filter((s) => !PATH_WORDS.has(s));
  if (path.length === 0) return true;
  // The item a link is about is its first one or two segments (owner/name, or a paper id).
  const id = path.slice(0, 2).join('/');
  const first = (path[0] as string).replace(/v\d+$/, '').replace(/\.pdf$/, '');
  return nameAllowed(id, plan, scope) || nameAllowed(first, plan, scope);
}

function failureOf(claim: Claim, plan: PlanIndex, scope: AllowedIndex, scoped: boolean): string | undefined {
  switch (claim.kind) {
    case 'number': {
      if (numberAllowed(claim, plan, scope, scoped)) return undefined;
      const two = scoped ? 'two of them' : 'two values of one section';
      if (claim.ratio === 'word') {
        const where = scoped ? "this section's facts" : 'one section of the plan';
        const percent = Math.round(RATIO_WORD_TOLERANCE * 100);
        return `"${claim.shown.text}" is not within ${percent}% of a ratio of two values of ${where}`;
      }
      const hint = claim.hint ? ` (${claim.hint}?)` : '';
      const where = scoped ? "this section's facts" : "the plan's facts";
      const near = nearest(claim.shown, scoped ? (countedOf(claim, scope) ?? scope.numbers) : plan.numbers);
      return `number "${claim.shown.text}"${hint} is not in ${where}${derivation(claim, two)}${near}${why(claim.shown)}`;
    }
    case 'name': {
      if (nameAllowed(claim.text, plan, scope)) return undefined;
      if (claim.core !== claim.text && nameAllowed(claim.core, plan, scope)) return undefined;
      if (claim.form === 'handle') return `handle "${claim.text}" is not an author of the plan`;
      if (claim.form === 'version') return `version "${claim.text}" is not in the plan's facts`;
      return `name "${claim.core}" is not a model, author, repository or paper of the plan`;
    }
    case 'date':
      return plan.dates.has(claim.text) || scope.dates.has(claim.text)
        ? undefined
        : `date "${claim.text}" is not a date of the plan`;
    case 'link':
      return linkAllowed(claim.text, plan, scope)
        ? undefined
        : `link "${claim.text}" does not lead to an item of the plan`;
  }
}

/** A hint for a retry when a plan value is close (within a quarter): "; the plan has 4,100". */
function nearest(shown: ShownNumber, values: NumberSet): string {
  if (shown.percent || shown.sign !== '' || shown.value === 0) return '';
  const near = values.nearest(shown.value);
  if (near === undefined || near === shown.value || Math.abs(near - shown.value) > shown.value / 4) return '';
  return `; the plan has ${formatValue(near)}`;
}

/** The derivations tried, for the message: ", nor a sum or difference of two of them". */
function derivation(claim: NumberClaim, two: string): string {
  const { shown } = claim;
  if (shown.percent) return `, nor a share or growth of ${two}`;
  if (shown.sign === '-') return '';
  if (shown.sign === '+') return `, nor a difference of ${two}`;
  if (claim.ratio === 'marked') return `, nor a ratio, sum or difference of ${two}`;
  return `, nor a sum or difference of ${two}`;
}

/** What a percentage or a signed number must trace to, for the retry. */
function why(shown: ShownNumber): string {
  if (shown.percent) return ' (a percentage must be a share or a percent value)';
  if (shown.sign === '+') return ' (a "+" number must be a gain or a change)';
  if (shown.sign === '-') return ' (a "-" number must be a negative value)';
  return '';
}

/** Checks a text against the plan; `ok` when every number, name, date and link traces. */
export function factCheck(text: string, plan: EditionPlan, scope: FactCheckScope): FactCheck {
  const planIndex = indexPlan(plan);
  const scoped = scope.facts.length > 0;
  const scopeIndex = scoped ? indexScope(plan, scope.facts) : planIndex;
  const failures = new Set<string>();
  for (const claim of scanClaims(text)) {
    const failure = failureOf(claim, planIndex, scopeIndex, scoped);
    if (failure) failures.add(failure);
  }
  return { ok: failures.size === 0, failures: [...failures] };
}

/**
 * For `npm run bench`: the median time of `runs` checks of `text`, in milliseconds per 1,000
 * words. The plan's index is built before timing (it is built once per plan in use).
 */
export function benchmarkFactCheck(plan: EditionPlan, text: string, runs = 50): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  const scope: FactCheckScope = { facts: [] };
  factCheck(text, plan, scope);
  const times: number[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const started = performance.now();
    factCheck(text, plan, scope);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  return words === 0 ? 0 : (median * 1000) / words;
}
