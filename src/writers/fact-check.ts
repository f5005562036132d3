/**
 * @module writers/fact-check
 * Checks that every number and every named model, author, repository and paper in a piece of
 * text traces to a fact or an item of the plan, allowing the formats a newspaper uses (1,234 or
 * 1.2k; 67% for a share of 0.667; 0.5B for 494,000,000 parameters). The guard on LLM-written
 * sections: a failure names what did not trace, plainly, so a retry can be told what to fix.
 *
 * What is read and what is allowed: see fact-check/scan.ts and fact-check/plan-index.ts.
 * Organisation names written as capitalised words ("Meta AI") are not checked: telling them from
 * ordinary capitalised words needs a dictionary this check does not have.
 */
import type { EditionPlan, Fact } from '../core/plan.js';
import type { FactCheck } from '../core/text.js';
import { formatValue, matchesSet, type ShownNumber } from './fact-check/numbers.js';
import {
  type AllowedIndex,
  indexFacts,
  indexPlan,
  normaliseUrl,
  type PlanIndex,
} from './fact-check/plan-index.js';
import { type Claim, scanClaims } from './fact-check/scan.js';

export interface FactCheckScope {
  /** The facts the section was given; numbers must trace to these (or to plan-wide facts). */
  facts: readonly Fact[];
}

/** Hosts a text may link to without naming an item (the site itself, a listing). */
const KNOWN_HOSTS = new Set(['huggingface.co', 'hf.co', 'github.com', 'arxiv.org']);
/** URL path words that are not names: `huggingface.co/spaces/…`, `arxiv.org/abs/…`. */
const PATH_WORDS = new Set(['models', 'datasets', 'spaces', 'papers', 'abs', 'pdf', 'html', 'trending']);

function numberAllowed(shown: ShownNumber, plan: PlanIndex, scope: AllowedIndex): boolean {
  if (matchesSet(shown, plan.numbers) || matchesSet(shown, scope.numbers)) return true;
  return !shown.scaled && !shown.percent && matchesSet(shown, plan.structural);
}

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

function failureOf(claim: Claim, plan: PlanIndex, scope: AllowedIndex): string | undefined {
  switch (claim.kind) {
    case 'number': {
      if (numberAllowed(claim.shown, plan, scope)) return undefined;
      const hint = claim.hint ? ` (${claim.hint}?)` : '';
      return `number "${claim.shown.text}"${hint} is not in the plan's facts${nearest(claim.shown, plan)}`;
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
function nearest(shown: ShownNumber, plan: PlanIndex): string {
  if (shown.percent || shown.value === 0) return '';
  const near = plan.numbers.nearest(shown.value);
  if (near === undefined || Math.abs(near - shown.value) > shown.value / 4) return '';
  return `; the plan has ${formatValue(near)}`;
}

/** Checks a text against the plan; `ok` when every number, name, date and link traces. */
export function factCheck(text: string, plan: EditionPlan, scope: FactCheckScope): FactCheck {
  const planIndex = indexPlan(plan);
  const scopeIndex = indexFacts(scope.facts);
  const failures = new Set<string>();
  for (const claim of scanClaims(text)) {
    const failure = failureOf(claim, planIndex, scopeIndex);
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
