/**
 * @module writers/newsroom/story
 * What the story sections share: an item's numbers and traits read from the plan, a noun phrase
 * describing it ("a 0.5B-parameter medical fine-tune of …"), a roster of items grouped by author,
 * and the "Previously in the Post" line. Every number comes from the item's metrics or facts.
 */
import { familyDisplayName } from '../../analysis/facts/family.js';
import type { EditionPlan, Fact, PlannedItem, Story } from '../../core/plan.js';
import type { Metric } from '../../core/signals.js';
import type { Inline } from '../../core/text.js';
import {
  DOMAIN_PURPOSE as CORE_DOMAIN_PURPOSE,
  DOMAIN_WORDS as CORE_DOMAIN_WORDS,
} from '../../core/vocabulary/names.js';
import {
  article,
  count,
  dayMonth,
  listText,
  numberWord,
  ordinal,
  parameters,
  percent,
  weekdayOf,
} from './format.js';
import {
  authorLink,
  authorName,
  baseModelLink,
  flat,
  itemLink,
  joinList,
  possessive,
  possessiveSuffix,
  s,
  shortName,
} from './links.js';
import type { Voice } from './phrases.js';

/** A domain before a noun ("a medical model"): core's table, indexable by a plain string here. */
export const DOMAIN_WORDS: Readonly<Record<string, string | undefined>> = CORE_DOMAIN_WORDS;

/** What a field is for, in a phrase: "for medicine", "for vision" (core's table). */
export const DOMAIN_PURPOSE: Readonly<Record<string, string | undefined>> = CORE_DOMAIN_PURPOSE;

export function familyName(family: string): string {
  return familyDisplayName(family);
}

/** A number from the story's facts (first match by field, and by subject when given). */
export function factNumber(facts: readonly Fact[], field: string, subject?: string): number | undefined {
  const fact = facts.find((f) => f.field === field && (subject === undefined || f.subject === subject));
  return typeof fact?.value === 'number' && Number.isFinite(fact.value) ? fact.value : undefined;
}

export function factString(facts: readonly Fact[], field: string, subject?: string): string | undefined {
  const fact = facts.find((f) => f.field === field && (subject === undefined || f.subject === subject));
  return typeof fact?.value === 'string' && fact.value.trim() ? fact.value.trim() : undefined;
}

export function metric(plan: EditionPlan, id: string): Metric | undefined {
  return plan.metrics.metrics.find((m) => m.id === id && Number.isFinite(m.value));
}

/** ", up from 50% the previous week": the change against the metric's previous period. */
export function changeClause(m: Metric, format: (n: number) => string): string {
  if (m.previous === null || !Number.isFinite(m.previous)) return '';
  const then = format(m.previous);
  const period =
    m.days === 7 ? 'the week before' : m.days === 1 ? 'the day before' : `the previous ${m.days} days`;
  if (then === format(m.value)) return `, level with ${then} ${period}`;
  return `, ${m.value > m.previous ? 'up' : 'down'} from ${then} ${period}`;
}

const has = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** "a 0.5B-parameter medical fine-tune of Qwen/Qwen2.5-0.5B-Instruct", "a Python repository". */
export function describe(item: PlannedItem, options: { size?: boolean } = {}): Inline[] {
  const f = item.facts;
  const words: string[] = [];
  if (options.size !== false && has(f?.parameters) && f.parameters > 0)
    words.push(`${parameters(f.parameters)}-parameter`);
  const domain = f ? DOMAIN_WORDS[f.domain] : undefined;
  if (domain) words.push(domain);
  else if (item.tagline && item.kind === 'model') words.push(item.tagline.replace(/\s+/g, ' '));
  else if (item.tagline && item.kind === 'repository') words.push(item.tagline.replace(/\s+/g, ' '));
  const noun =
    item.kind === 'model'
      ? f?.relation === 'finetune'
        ? 'fine-tune'
        : f?.relation === 'quantized'
          ? 'quantised build'
          : f?.relation === 'adapter'
            ? 'adapter'
            : f?.relation === 'merge'
              ? 'merge'
              : 'model'
      : item.kind === 'space'
        ? 'Space'
        : item.kind;
  words.push(noun);
  const phrase = words.join(' ');
  const base = f?.baseModel;
  const tail =
    base && f?.relation
      ? flat(
          f.relation === 'adapter' ? ' for ' : f.relation === 'merge' ? ' built on ' : ' of ',
          baseModelLink(item, base),
        )
      : f?.family && item.kind === 'model'
        ? flat(` from the ${familyName(f.family)} family`)
        : [];
  return flat(`${article(phrase)} ${phrase}`, tail);
}

/** "412 likes and 3.1k downloads", "41k stars", "57 upvotes" (empty when the item has no counts). */
export function countsOf(item: PlannedItem): string {
  const m = item.metrics;
  const parts: string[] = [];
  if (has(m.likes)) parts.push(count(m.likes, 'like'));
  if (has(m.downloads)) parts.push(count(m.downloads, 'download'));
  if (has(m.stars)) parts.push(count(m.stars, 'star'));
  if (has(m.upvotes)) parts.push(count(m.upvotes, 'upvote'));
  return listText(parts);
}

export interface AuthorGroup {
  author: string | null;
  items: PlannedItem[];
}

/** Items grouped by author, in order of first appearance. */
export function byAuthor(items: readonly PlannedItem[]): AuthorGroup[] {
  const groups: AuthorGroup[] = [];
  for (const item of items) {
    const author = authorName(item);
    const group = author === null ? undefined : groups.find((g) => g.author === author);
    if (group) group.items.push(item);
    else groups.push({ author, items: [item] });
  }
  return groups;
}

/** "1st and 3rd", from the items' ranks (empty when none is ranked). */
export function ranksOf(items: readonly PlannedItem[]): string {
  return listText(items.flatMap((i) => (i.rank !== null && i.rank > 0 ? [ordinal(i.rank)] : [])));
}

/** One sentence about a group of items by one author, in one of several shapes. */
export function groupSentence(group: AuthorGroup, v: Voice, slot: string): Inline[] {
  const [first] = group.items;
  if (!first) return [];
  const ranks = ranksOf(group.items);
  if (group.items.length > 1) {
    const who = authorLink(first);
    const names = joinList(group.items.map((i) => itemLink(i, who !== null)));
    const both = group.items.length === 2 ? 'both' : 'all';
    const from = who ? flat('from ', who) : 'by the same author';
    return v.pick(`${slot}.group`, [
      s`${names}, ${both} ${from}${ranks ? `, are at ${ranks} on the list` : ''}.`,
      s`${who ?? 'One author'} has ${numberWord(group.items.length)} on the list${ranks ? `, at ${ranks}` : ''}: ${names}.`,
      s`${ranks ? `At ${ranks}` : 'On the list'} stand ${names}, ${both} ${from}.`,
      s`Two or more from one account: ${names}, ${from}${ranks ? ` (${ranks})` : ''}.`,
    ]);
  }
  const who = possessive(first);
  const name = flat(who ? flat(who, ' ') : '', itemLink(first, who !== null));
  const rank = first.rank !== null && first.rank > 0 ? ordinal(first.rank) : null;
  return v.pick(`${slot}.one`, [
    s`${name}${rank ? ` is ${rank}` : ' is on the list'}: ${describe(first)}.`,
    s`${name}${rank ? `, ${rank},` : ''} is ${describe(first)}.`,
    s`${rank ? `At ${rank}` : 'On the list'} sits ${name}, ${describe(first)}.`,
    s`${name} (${rank ?? 'on the list'}) is ${describe(first)}.`,
    s`Next, ${name}: ${describe(first)}${rank ? `, ${rank}` : ''}.`,
  ]);
}

/** Short, plain names for a standfirst: "hanyc4855's H25 and H24, StyTJU's MultiObj-DETR". */
export function plainRoster(items: readonly PlannedItem[], maxGroups = 3): string {
  return listText(
    byAuthor(items)
      .slice(0, maxGroups)
      .map((g) => {
        const names = listText(g.items.map((i) => (g.author ? shortName(i) : i.title)));
        return g.author ? `${g.author}${possessiveSuffix(g.author)} ${names}` : names;
      }),
  );
}

/** "Previously in the Post: … (No. 12, Sunday 16 August)." */
export function previouslySentence(story: Story | null, plan: EditionPlan, v?: Voice): Inline[] | null {
  const refs = story?.previously ?? [];
  if (refs.length === 0) return null;
  const items = refs.slice(0, 3).map((ref) => {
    const when = `${weekdayOf(ref.date)} ${dayMonth(ref.date, plan.date)}`.trim();
    return ref.headline?.trim()
      ? `“${ref.headline.trim()}” (No. ${ref.number}, ${when})`
      : `No. ${ref.number}, ${when}`;
  });
  const list = listText(items);
  if (!v) return s`Previously in the Post: ${list}.`;
  return v.pick('previously', [
    s`Previously in the Post: ${list}.`,
    s`We covered this before: ${list}.`,
    s`Earlier in the Post: ${list}.`,
    s`Our earlier coverage: ${list}.`,
    s`For the story so far, see ${list}.`,
    s`The Post reported on it in ${list}.`,
    s`Read the earlier editions: ${list}.`,
    s`Background in the Post: ${list}.`,
  ]);
}

/** The likes and downloads of one item, as a clause: "with 412 likes and 3.1k downloads". */
export function withCounts(item: PlannedItem): string {
  const counts = countsOf(item);
  return counts ? `with ${counts}` : '';
}

export function shareText(share: number | undefined): string | null {
  return has(share) ? percent(share) : null;
}
