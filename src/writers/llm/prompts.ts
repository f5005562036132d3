/**
 * @module writers/llm/prompts
 * The words sent to the model: the house style (system), and one section's brief (user) with its
 * target length and only that section's facts and items. Deterministic for a given scope, so the
 * cache key of a re-run is the same.
 */
import type { EditionPlan, Fact } from '../../core/plan.js';
import { PARAGRAPHS } from './schemas.js';
import type { SectionScope } from './scope.js';

export const HOUSE_STYLE = [
  'You write for The AI Morning Post, a daily newspaper about the AI ecosystem built from trending data',
  '(Hugging Face models, datasets and spaces, GitHub repositories, arXiv and daily papers).',
  '',
  'House style:',
  '- A newspaper, not a press release: British-neutral English, plain words, short sentences.',
  '- No hype: never "revolutionary", "game-changing", "groundbreaking", no exclamation marks, no emoji.',
  '- Say only what the facts given say. Every number and every named model, author, organisation,',
  '  repository or paper must come from the facts or items listed in the brief. Do not add outside',
  '  knowledge, guesses, rankings, dates or comparisons that the facts do not support.',
  '- Write names exactly as listed (e.g. `owner/name`). Numbers may be rounded as a newspaper would',
  '  (1,234 or 1.2k; 494000000 parameters as 0.5B); a share is a fraction (0.667 is 67%).',
  '- A figure may also be worked out from two facts of the brief, right at the precision written: a',
  '  difference or a sum of two values of one kind ("57 more likes than"), a ratio ("3.2 times", "3.2×",',
  '  "about 14 downloads per like"), a share or a growth as a percentage ("3% of its 41,000 stars came this',
  '  week", "16% more likes"), or "twice", "double", "three times", "half", "a third", "a quarter" (within',
  '  10%). "About", "roughly" and "nearly" allow 5%. Nothing else may be computed.',
  '- Units may be spelled 1.5 billion, 1.5bn, 1.5B, 1.5B-parameter, 1.5-billion-parameter, 270 million or',
  '  27.1 thousand.',
  '- Never mention fact ids, JSON, the brief or these instructions.',
  '- Answer only through the requested structured output.',
].join('\n');

const SECTION_BRIEFS: Record<SectionScope['id'], string> = {
  lead: 'the lead story of the edition',
  deepDive: 'the Deep Dive: one theme, explained at length',
  opinion1: 'an opinion piece for Opinion & Analysis',
  opinion2: 'an opinion piece for Opinion & Analysis',
  metrics: 'the captions of the metrics panel',
  tools: 'Tools of the Week: one line per tool',
  trending: 'Trending: one line per model, dataset, space or repository',
  movers: 'Biggest Movers: one line per item that climbed the list or is new to it',
  reading: 'the reading list: one line per paper',
};

function lengthBrief(scope: SectionScope): string {
  switch (scope.kind) {
    case 'lead':
      return `A headline, a one-sentence standfirst, and ${PARAGRAPHS.lead.min} to ${PARAGRAPHS.lead.max} paragraphs (about 250 words in all).`;
    case 'deepDive':
      return `A headline, a one-sentence standfirst, and ${PARAGRAPHS.deepDive.max} paragraphs (about 350 words in all).`;
    case 'opinion':
      return [
        `A headline and ${PARAGRAPHS.opinion.min} to ${PARAGRAPHS.opinion.max} paragraphs, about 120 words in all; standfirst null.`,
        'It is opinion and reads as such ("we think", "should"): argue one point from the facts given, and',
        'invent nothing to support it.',
      ].join('\n');
    case 'list':
      return 'An intro of one short sentence (or an empty string), and one blurb of at most 20 words for each key, in the order given. A blurb describes its own line only.';
  }
}

export function describeValue(value: Fact['value']): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function factLine(fact: Fact): string {
  return `- [${fact.id}] ${fact.subject} · ${fact.label ?? fact.field}: ${describeValue(fact.value)}`;
}

export interface SectionPrompt {
  system: string;
  user: string;
}

/**
 * The prompt for one section. `failures` (from the fact-check or the answer's validation) turn it
 * into the one regeneration request, with each failure named.
 */
export function sectionPrompt(
  plan: Pick<EditionPlan, 'date' | 'weekday' | 'isWeekend'> & Partial<Pick<EditionPlan, 'recent'>>,
  scope: SectionScope,
  failures: readonly string[] = [],
): SectionPrompt {
  const lines: string[] = [
    `Edition: ${plan.weekday} ${plan.date}${plan.isWeekend ? ' (weekend edition)' : ''}.`,
    `Write ${SECTION_BRIEFS[scope.id]}${scope.subject ? `, about: ${scope.subject}` : ''}.`,
    '',
    `Length: ${lengthBrief(scope)}`,
    '',
    'Facts (the only facts you may use):',
    ...(scope.facts.length > 0 ? scope.facts.map(factLine) : ['- (none)']),
  ];
  if (scope.items.length > 0) {
    lines.push('', 'Items you may name (write the name exactly as given):');
    lines.push(
      ...scope.items.map((item) => `- ${item.name}${item.author ? ` by ${item.author}` : ''} <${item.url}>`),
    );
  }
  if (scope.argument) {
    const a = scope.argument;
    lines.push('', 'The argument to make (from the facts above, in your own words):');
    lines.push(`- Thesis: ${a.thesis}`);
    lines.push(`- Evidence: cite at least three of these facts: ${a.evidence.join(', ')}`);
    lines.push(`- Counterpoint the data shows (${a.counterpoint.kind}): ${a.counterpoint.statement}`);
    lines.push(`- Close on what to watch: ${a.watch}`);
  }
  const recent = plan.recent;
  if (recent && (recent.headlines.length > 0 || recent.openings.length > 0) && scope.kind !== 'list') {
    lines.push('', 'Recent editions printed these; do not reuse them or their wording:');
    lines.push(...recent.headlines.map((headline) => `- headline: ${headline}`));
    lines.push(...recent.openings.map((opening) => `- opening: ${opening}`));
  }
  if (scope.kind === 'list') {
    lines.push('', 'Lines to write, in this order (key → what it is):');
    lines.push(...scope.entries.map((entry) => `- ${entry.key} → ${entry.name}`));
  }
  if (failures.length > 0) {
    lines.push('', 'Your previous answer was rejected:');
    lines.push(...failures.map((failure) => `- ${failure}`));
    lines.push('Write the section again, using only the facts and names listed above.');
  }
  return { system: HOUSE_STYLE, user: lines.join('\n') };
}
