/**
 * @module writers/fact-check
 * Checks that every number and every named model, author, organisation, repository and paper in
 * a piece of text traces to a fact or an item of the plan. (Being written: see issue 4.)
 */
import type { EditionPlan, Fact } from '../core/plan.js';
import type { FactCheck } from '../core/text.js';

export interface FactCheckScope {
  /** The facts the section was given; numbers must trace to these (or to plan-wide facts). */
  facts: readonly Fact[];
}

export function factCheck(_text: string, _plan: EditionPlan, _scope: FactCheckScope): FactCheck {
  throw new Error('factCheck is not implemented yet');
}
