/**
 * @module writers/newsroom/stories/shared
 * What the lead frames of several story kinds share: the context a frame is written in, its
 * shape, and the sentences more than one kind uses (specialists, no big lab, the median, the
 * weekend share, the roster of items by author).
 */
import type { EditionPlan, PlannedItem, Story } from '../../../core/plan.js';
import type { Inline } from '../../../core/text.js';
import { count, numberWord, parameters, percent } from '../format.js';
import { flat, itemLink, joinList, s } from '../links.js';
import type { Voice } from '../phrases.js';
import { byAuthor, changeClause, DOMAIN_PURPOSE, DOMAIN_WORDS, groupSentence, metric } from '../story.js';

export interface Frame {
  headlines: [string, ...string[]];
  standfirst: string;
  news: Array<Inline[] | null>;
  /** Who is behind it; by default, the story's items grouped by author. */
  people?: Array<Inline[] | null>;
  context: Array<Inline[] | null>;
}

export interface Ctx {
  plan: EditionPlan;
  story: Story;
  v: Voice;
  /** "this Sunday". */
  today: string;
}

export const top = (story: Story): PlannedItem | undefined => story.items[0];

export function specialistsSentence(items: readonly PlannedItem[], v: Voice): Inline[] | null {
  const specialists = items.filter(
    (i) => i.facts && DOMAIN_PURPOSE[i.facts.domain] && i.facts.domain !== 'multimodal',
  );
  if (specialists.length < 2) return null;
  const named = joinList(
    specialists.map((i) => flat(itemLink(i, true), ` for ${DOMAIN_PURPOSE[i.facts?.domain ?? ''] ?? ''}`)),
  );
  return v.pick('specialists', [
    s`Several are built for one job: ${named}.`,
    s`The specialists stand out: ${named}.`,
  ]);
}

export function medianSentence(plan: EditionPlan): Inline[] | null {
  const m = metric(plan, 'median-parameters');
  if (!m || m.value <= 0) return null;
  return s`The median trending model has ${parameters(m.value)} parameters${changeClause(m, parameters)}.`;
}

export function listSizeSentence(plan: EditionPlan, v: Voice): Inline[] | null {
  const models = plan.trending.models;
  const top = models[0];
  if (!top) return null;
  return v.pick('list-size', [
    s`${itemLink(top)} heads the ${count(models.length, 'model')} we list from the trending page.`,
    s`Of the ${count(models.length, 'trending model')} we list, ${itemLink(top)} is first.`,
  ]);
}

export function noBigLabSentence(items: readonly PlannedItem[], v: Voice): Inline[] | null {
  if (items.length < 2 || !items.every((i) => i.facts && !i.facts.bigLab)) return null;
  const n = numberWord(items.length);
  return v.pick('no-lab', [
    s`None of these ${n} models comes from a big lab.`,
    s`Not one of the ${n} is from a big lab.`,
    s`All ${n} come from outside the big labs.`,
    s`The big labs are missing from these ${n}.`,
    s`Of these ${n}, no model is a big lab’s.`,
  ]);
}

export function weekendShareSentence(plan: EditionPlan): Inline[] | null {
  const m = metric(plan, 'weekend-share-utc') ?? metric(plan, 'weekend-share-local');
  if (!m || m.value <= 0) return null;
  return s`And the weekend matters: ${percent(m.value)} of the week’s new models were created on a Saturday or Sunday.`;
}

export function plainDomain(story: Story): string | null {
  const domains = [...new Set(story.items.map((i) => i.facts?.domain).filter((d) => d && DOMAIN_WORDS[d]))];
  return domains.length === 1 ? (DOMAIN_WORDS[domains[0] as string] ?? null) : null;
}

/** The items grouped by author, one sentence each, in shapes the edition's memory varies. */
export function roster(ctx: Ctx, items: readonly PlannedItem[]): Array<Inline[] | null> {
  const groups = byAuthor(items).slice(0, 4);
  return groups.map((group, i) => groupSentence(group, ctx.v, `roster${i}`));
}

/** What an opinion's headline and thesis are written from. */
export interface OpinionCtx {
  story: Story;
  top: PlannedItem | undefined;
  /** The first item, linked (or the subject's label). */
  link: Inline;
  /** The first item's short name (or the subject's label). */
  name: string;
  author: string | null;
  /** A number from the story's facts. */
  num(field: string): number | undefined;
  /** Marks facts the thesis cites, so the evidence does not cite them again. */
  mark(...fields: string[]): void;
}

/** How one kind of story is written: the lead's frame, the opinion's headlines and thesis. */
export interface StoryKind {
  lead(ctx: Ctx): Frame;
  opinionTitles(ctx: OpinionCtx): [string, ...string[]];
  /** Thesis phrasings; null to argue it as a theme. */
  opinionTheses(ctx: OpinionCtx): [Inline[], ...Inline[][]] | null;
}
