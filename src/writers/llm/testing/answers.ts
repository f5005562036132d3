/**
 * @module writers/llm/testing/answers
 * Scripted model answers built from a plan: a good one per section (names and numbers only from
 * the section's facts), and the bad ones of the scenario table (an invented number, a model the
 * plan does not have, JSON that is not JSON).
 */
import type { EditionPlan, Fact } from '../../../core/plan.js';
import { SECTION_IDS, type SectionId } from '../../../core/text.js';
import { PARAGRAPHS, type StoryAnswer } from '../schemas.js';
import { type SectionScope, sectionScope } from '../scope.js';
import type { Exchange, Reply, Responder } from './script.js';

export const INVENTED_NUMBER = '98,765';
export const INVENTED_MODEL = 'acme-labs/phantom-model';

/** The section a request is for, from its schema name (`lead_section` → `lead`). */
export function sectionOf(exchange: Pick<Exchange, 'schemaName'>): SectionId {
  const id = exchange.schemaName.replace(/_section$/, '');
  const known = SECTION_IDS.find((candidate) => candidate === id);
  if (!known) throw new Error(`unknown section in schema name ${exchange.schemaName}`);
  return known;
}

/** A truthful answer for one section of the plan. */
export function goodAnswer(plan: EditionPlan, id: SectionId): unknown {
  const scope = sectionScope(plan, id);
  if (!scope) throw new Error(`the plan has nothing for ${id}`);
  if (scope.kind === 'list') {
    return {
      intro: id === 'tools' ? 'Four picks from this week.' : '',
      entries: scope.entries.map((entry) => ({
        key: entry.key,
        blurb: blurbFor(scope, entry.key, entry.name),
      })),
    };
  }
  return storyAnswer(scope);
}

function storyAnswer(scope: SectionScope): StoryAnswer {
  const { min } = PARAGRAPHS[scope.kind === 'list' ? 'lead' : scope.kind];
  const names = scope.items.map((item) => item.name);
  const number = scope.facts.find((fact) => Number.isInteger(fact.value) && (fact.value as number) > 10);
  const paragraphs = Array.from({ length: min }, (_, index) => {
    const name = names[index % Math.max(1, names.length)];
    return name ? `${name} is part of this story.` : 'The facts are few this time.';
  });
  if (number && paragraphs.length > 0) {
    paragraphs[0] = `${paragraphs[0]} One figure stands out: ${(number.value as number).toLocaleString('en-GB')}.`;
  }
  if (scope.kind === 'opinion')
    paragraphs.push('We think this deserves attention, and readers should watch it.');
  return {
    title: scope.subject ?? 'The story of the day',
    standfirst: scope.kind === 'opinion' ? null : `${names[0] ?? 'The list'} leads a short account.`,
    paragraphs: paragraphs.slice(0, PARAGRAPHS[scope.kind === 'list' ? 'lead' : scope.kind].max),
  };
}

function blurbFor(scope: SectionScope, key: string, name: string): string {
  if (scope.id === 'metrics') {
    const value = scope.facts.find((fact: Fact) => fact.subject === key && fact.field === 'value');
    return value ? `The latest figure is ${String(value.value)}.` : 'A figure from this week.';
  }
  return `${name} is on the list this week.`;
}

/** The good answer with a number no fact has. */
export function withInventedNumber(answer: unknown): unknown {
  const story = answer as StoryAnswer;
  return {
    ...story,
    paragraphs: [`It drew ${INVENTED_NUMBER} downloads overnight.`, ...story.paragraphs.slice(1)],
  };
}

export const MARKUP = 'See [H24](javascript:alert(1)) <img src=x onerror=alert(1)>';

/** The good answer with a Markdown link to a script URL and an HTML tag. */
export function withMarkup(answer: unknown): unknown {
  const story = answer as StoryAnswer;
  return { ...story, paragraphs: [MARKUP, ...story.paragraphs.slice(1)] };
}

/** The good answer naming a model the plan does not have. */
export function withInventedModel(answer: unknown): unknown {
  const story = answer as StoryAnswer;
  return {
    ...story,
    paragraphs: [`A rival, ${INVENTED_MODEL}, trailed behind.`, ...story.paragraphs.slice(1)],
  };
}

/**
 * A responder that plays `script` in order for the requests of `section` (the first one asked
 * by default), and good answers for everything else and after the script ends.
 */
export function scripted(
  plan: EditionPlan,
  script: readonly Reply[] = [],
  section: SectionId = 'lead',
): Responder {
  let played = 0;
  return (exchange) => {
    const id = sectionOf(exchange);
    if (id === section && played < script.length) {
      const reply = script[played] as Reply;
      played += 1;
      return reply;
    }
    return { json: goodAnswer(plan, id) };
  };
}
