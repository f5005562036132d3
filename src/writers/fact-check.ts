/**
 * @module writers/fact-check
 * Checks that every number and every named model, author, repository and paper in a piece of
 * text traces to a fact or an item of the plan, allowing the formats a newspaper uses (1,234 or
 * 1.2k; 67% for a share of 0.667; 0.5B for 494,000,000 parameters). The guard on LLM-written
 * sections: a failure names what did not trace, plainly, so a retry can be told what to fix.
 *
 * Whose numbers: a section given facts of its own (an LLM section) is held to them and to the
 * items they name; only dates and their parts, the small integers 0–10 and names come from the
 * whole plan. Without facts (newsroom, which writes from the plan by construction) every value
 * of the plan is allowed. In both, a percentage traces only to a share or a percent value, "+N"
 * only to a gain or change, "-N" only to a negative value, and in a section with facts a count
 * word ("412 likes") only to values of that field.
 *
 * What is read and what is allowed: see fact-check/scan.ts and fact-check/plan-index.ts.
 * Organisation names written as capitalised words ("Meta AI") are not checked: telling them from
 * ordinary capitalised words needs a dictionary this check does not have.
 */
import type { EditionPlan, Fact } from '../core/plan.js';
import type { FactCheck } from '../core/text.js';
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
import { type Claim, scanClaims } from './fact-check/scan.js';

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

function numberAllowed(
  claim: Extract<Claim, { kind: 'number' }>,
  plan: PlanIndex,
  scope: AllowedIndex,
  scoped: boolean,
): boolean {
  const { shown } = claim;
  const plain = !shown.scaled && !shown.percent && shown.sign === '';
  if (plain && matchesSet(shown, plan.structural)) return true;
  if (!scoped) return matchesKinds(shown, plan, undefined);
  if (plain && matchesSet(shown, plan.dateParts)) return true;
  // "412 likes" must be a number of likes: the count word picks the values of that field.
  return matchesKinds(shown, scope, countedOf(claim, scope));
}

/** The values of the field the number's count word names ("likes"), if it names one. */
function countedOf(claim: Extract<Claim, { kind: 'number' }>, scope: AllowedIndex): NumberSet | undefined {
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
      const hint = claim.hint ? ` (${claim.hint}?)` : '';
      const where = scoped ? "this section's facts" : "the plan's facts";
      const near = nearest(claim.shown, scoped ? (countedOf(claim, scope) ?? scope.numbers) : plan.numbers);
      return `number "${claim.shown.text}"${hint} is not in ${where}${near}${why(claim.shown)}`;
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
