/**
 * @module testing/llm/answers
 * Scripted model answers built from a plan: a good one per section (names and numbers only from
 * the section's facts), honest figures derived from those facts, and the bad ones of the scenario
 * table (an invented number, a model the plan does not have, wrong arithmetic, JSON that is not
 * JSON).
 */
import type { EditionPlan, Fact } from '../../core/plan.js';
import { SECTION_IDS, type SectionId } from '../../core/text.js';
import { PARAGRAPHS, type StoryAnswer } from '../../writers/llm/schemas.js';
import { type SectionScope, sectionScope } from '../../writers/llm/scope.js';
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

/** A number fact of the section's scope, by subject and field. */
function factValue(scope: SectionScope, subject: string, field: string): number {
  const fact = scope.facts.find((f) => f.subject === subject && f.field === field);
  if (typeof fact?.value !== 'number') throw new Error(`no number ${field} for ${subject} in ${scope.id}`);
  return fact.value;
}

const count = (value: number) => value.toLocaleString('en-GB');
const MULTIPLES: Record<number, string> = { 2: 'twice', 3: 'three times', 4: 'four times', 5: 'five times' };

/**
 * Figures a careful reporter works out from the facts of one section, worded as the prompt
 * allows (see HOUSE_STYLE), each computed from the plan so it is right by construction (for the seed plan: "57 more likes",
 * "767 between them", "16% more", "about 14 downloads per like", "1.5-billion-parameter", "four
 * times as many likes", "3% of its 41.0k stars"):
 * - the lead: the first two items' difference, sum and growth in likes, the second's downloads
 *   per like, the first's parameters spelled out ("1.5-billion-parameter"), and "twice" or
 *   "N times" of the first and last items' likes;
 * - an opinion: the stars gained this week as a share of all stars.
 * `wrong`: the lead's difference off by 12 (more than rounding), and an invented download count.
 */
export function withDerivedFigures(plan: EditionPlan, id: 'lead' | 'opinion1', wrong = false): StoryAnswer {
  const scope = sectionScope(plan, id);
  if (!scope) throw new Error(`the plan has nothing for ${id}`);
  const story = storyAnswer(scope);
  const [first, second] = scope.items;
  if (!first) throw new Error(`${id} names no item`);
  let sentences: string[];
  if (id === 'opinion1') {
    const gained = factValue(scope, first.externalId, 'starsInPeriod');
    const stars = factValue(scope, first.externalId, 'stars');
    sentences = [
      `${first.name} gained ${count(gained)} stars this week: ${Math.round((gained / stars) * 100)}% of its ${(stars / 1000).toFixed(1)}k stars came in seven days.`,
    ];
  } else {
    if (!second) throw new Error('the lead names one item');
    const last = scope.items.at(-1) as typeof first;
    const likes = (item: typeof first) => factValue(scope, item.externalId, 'likes');
    const a = likes(first);
    const b = likes(second);
    const difference = Math.abs(a - b) + (wrong ? 12 : 0);
    const perLike = Math.round(factValue(scope, second.externalId, 'downloads') / b);
    const times = Math.round(a / likes(last));
    const params = factValue(scope, first.externalId, 'parameters') / 1e9;
    sentences = [
      `${first.name} has ${difference} more likes than ${second.name}, ${count(a + b)} between them, and ${Math.round(((a - b) / b) * 100)}% more.`,
      `${second.name} draws about ${perLike} downloads per like; ${first.name} is a ${params.toFixed(1)}-billion-parameter model.`,
      `${first.name} has ${MULTIPLES[times] ?? `${times} times`} as many likes as ${last.name}.`,
      ...(wrong ? [`It drew ${INVENTED_NUMBER} downloads overnight.`] : []),
    ];
  }
  return { ...story, paragraphs: [sentences.join(' '), ...story.paragraphs.slice(1)] };
}

/**
 * A responder that plays `script` in order for the requests of `section` (the first one asked
 * by default), `others` for the sections they name, and good answers for everything else and
 * after each script ends.
 */
export function scripted(
  plan: EditionPlan,
  script: readonly Reply[] = [],
  section: SectionId = 'lead',
  others: Partial<Record<SectionId, readonly Reply[]>> = {},
): Responder {
  const scripts: Partial<Record<SectionId, readonly Reply[]>> = { ...others, [section]: script };
  const played = new Map<SectionId, number>();
  return (exchange) => {
    const id = sectionOf(exchange);
    const replies = scripts[id] ?? [];
    const at = played.get(id) ?? 0;
    if (at < replies.length) {
      played.set(id, at + 1);
      return replies[at] as Reply;
    }
    return { json: goodAnswer(plan, id) };
  };
}
