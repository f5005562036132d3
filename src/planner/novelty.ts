/**
 * @module planner/novelty
 * What recent editions already said. A subject the last editions led with needs a clearly larger
 * change to lead again; any story whose subject, items, series or authors appeared before links
 * back to those editions ("Previously in the Post").
 */
import type { PreviousEdition, PreviousRef, Subject } from '../core/plan.js';
import type { Draft } from './candidates.js';

/** A repeat lead needs this many times the magnitude it led with. */
export const REPEAT_LEAD_FACTOR = 1.5;
export const NOVELTY_REPEAT_LEAD = 0.3;
export const NOVELTY_REPEAT_LEAD_GROWN = 0.85;
export const NOVELTY_COVERED = 0.7;

export interface StoryShape {
  subject: Subject;
  items: ReadonlyArray<{ kind: string; externalId: string; author: string | null }>;
  authors: readonly string[];
}

export function novelty(
  draft: Draft,
  previous: readonly PreviousEdition[],
): { novelty: number; note: string | null } {
  const ledBefore = previous.filter(
    (edition) => edition.lead && sameSubject(edition.lead.subject, draft.subject),
  );
  if (ledBefore.length > 0) {
    const strongest = Math.max(...ledBefore.map((edition) => edition.lead?.magnitude ?? 0));
    const grown = draft.magnitude >= strongest * REPEAT_LEAD_FACTOR;
    const dates = ledBefore.map((edition) => edition.date).join(', ');
    return grown
      ? {
          novelty: NOVELTY_REPEAT_LEAD_GROWN,
          note: `led on ${dates}; the change is now ${REPEAT_LEAD_FACTOR}× larger or more`,
        }
      : {
          novelty: NOVELTY_REPEAT_LEAD,
          note: `led on ${dates} with magnitude ${strongest}; not clearly larger now`,
        };
  }
  const covered = previousRefs(draft, previous);
  return covered.length > 0
    ? { novelty: NOVELTY_COVERED, note: `covered on ${covered.map((ref) => ref.date).join(', ')}` }
    : { novelty: 1, note: null };
}

/** Earlier editions that covered the same subject, item, series or author, newest first. */
export function previousRefs(story: StoryShape, previous: readonly PreviousEdition[]): PreviousRef[] {
  const itemKeys = new Set(story.items.map((item) => `${item.kind}:${item.externalId}`));
  const authors = new Set(story.authors);
  const refs: PreviousRef[] = [];
  for (const edition of previous) {
    const match = edition.subjects
      .map((covered) => {
        if (sameSubject(covered.subject, story.subject)) return `same ${story.subject.type}`;
        const item = covered.itemKeys.find((key) => itemKeys.has(key));
        if (item) return `item ${item.slice(item.indexOf(':') + 1)}`;
        if (story.subject.type === 'series' || story.subject.type === 'author') {
          const author = covered.authors.find((name) => authors.has(name));
          if (author) return `author ${author}`;
        }
        return null;
      })
      .find((reason) => reason !== null);
    if (match)
      refs.push({
        date: edition.date,
        number: edition.number,
        ...(edition.headline ? { headline: edition.headline } : {}),
        matchedBy: match,
      });
  }
  return refs.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

function sameSubject(a: Subject, b: Subject): boolean {
  return a.type === b.type && a.key === b.key;
}
