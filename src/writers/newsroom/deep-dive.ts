/**
 * @module writers/newsroom/deep-dive
 * The deep dive: four paragraphs on the theme the planner chose. What the pattern is, the models
 * behind it one by one, what they have in common (sizes, base models, who made them), and what
 * it may mean, with the week's numbers when the metrics panel has them.
 */
import type { EditionPlan, PlannedItem, Story } from '../../core/plan.js';
import type { Inline, Paragraph } from '../../core/text.js';
import {
  capitalize,
  count,
  numberWord,
  ordinal,
  parameters,
  percent,
  relativeDay,
  titleCase,
} from './format.js';
import type { StoryText } from './lead.js';
import { baseModelLink, flat, itemLink, joinList, paragraph, possessive, s } from './links.js';
import { type Voice, voice } from './phrases.js';
import { changeClause, DOMAIN_PURPOSE, describe, metric, previouslySentence, withCounts } from './story.js';

export function deepDiveText(plan: EditionPlan): StoryText {
  const v = voice(plan.date, 'deepDive');
  const story = plan.deepDive;
  if (!story) {
    return {
      title: 'Deep Dive',
      standfirst: 'No theme stood out strongly enough for a deep dive today.',
      paragraphs: [
        paragraph(
          v.pick('none', [
            s`No theme stood out strongly enough in today’s lists to deserve a deep dive; it returns when the data has a pattern worth explaining.`,
            s`Today’s lists do not add up to a pattern worth a deep dive, so we leave the space to the numbers.`,
          ]),
        ),
      ],
    };
  }
  const label = cleanLabel(story);
  const today = relativeDay(plan.date, plan.date);
  const items = story.items;
  const sized = items.filter((i) => (i.facts?.parameters ?? 0) > 0);
  const smallest = [...sized].sort((a, b) => (a.facts?.parameters ?? 0) - (b.facts?.parameters ?? 0))[0];
  const smallSpecialist =
    smallest?.facts && DOMAIN_PURPOSE[smallest.facts.domain] && (smallest.facts.parameters ?? 0) < 1e9
      ? smallest
      : undefined;

  const titles: [string, ...string[]] = [
    titleCase(`${label}: what today’s trending list shows`),
    titleCase(`the rise of ${label.toLowerCase()}`),
  ];
  if (smallSpecialist?.facts?.parameters)
    titles.push(`Why ${parameters(smallSpecialist.facts.parameters)} Parameters Might Be Enough`);

  const intro = paragraph(
    v.pick('intro', [
      s`Look past the top of Hugging Face’s trending list ${today} and a pattern appears: ${label.toLowerCase()}.`,
      s`One thread runs through the trending models ${today}: ${label.toLowerCase()}.`,
      s`The trending list ${today} has a quieter story than its headline: ${label.toLowerCase()}.`,
    ]),
    items.length > 0
      ? v.pick('names', [
          s`The models behind it are ${joinList(items.map((i) => itemLink(i)))}.`,
          s`${capitalize(numberWord(items.length))} of them stand out: ${joinList(items.map((i) => itemLink(i)))}.`,
          s`Behind the pattern: ${joinList(items.map((i) => itemLink(i)))}.`,
          s`Its members on the list ${today}: ${joinList(items.map((i) => itemLink(i)))}.`,
        ])
      : null,
  );

  const members = paragraph(...items.slice(0, 5).map((item, i) => memberSentence(item, v, i)));

  const common = paragraph(
    sizeRange(sized),
    baseSentence(items),
    items.length > 1 && items.every((i) => i.facts?.authorKind === 'individual')
      ? v.pick('individuals', [
          s`Every one of them comes from an individual account, not a lab.`,
          s`All of them were published by individuals rather than organisations.`,
        ])
      : null,
    items.length > 2 && items.every((i) => i.facts && !i.facts.bigLab)
      ? v.pick('no-lab', [
          s`None of the ${numberWord(items.length)} comes from a big lab.`,
          s`Not one of these ${numberWord(items.length)} is a big lab’s work.`,
          s`The big labs are absent from all ${numberWord(items.length)}.`,
        ])
      : null,
  );

  const median = metric(plan, 'median-parameters');
  const share = metric(plan, 'trending-individual-share');
  const meaning = paragraph(
    median && median.value > 0
      ? s`For scale, the median trending model has ${parameters(median.value)} parameters${changeClause(median, parameters)}.`
      : null,
    share && share.value > 0
      ? s`Individual authors account for ${percent(share.value)} of trending models${changeClause(share, percent)}.`
      : null,
    mostUsed(items, v),
    previouslySentence(story, plan),
  );

  const paragraphs: Paragraph[] = [intro, members, common, meaning];
  const fillers = [
    s`One morning’s list is a snapshot, and we will follow these models over the coming days.`,
    s`We will keep watching whether the pattern survives the week.`,
  ];
  for (let i = 0; i < paragraphs.length; i++) {
    if ((paragraphs[i] as Paragraph).length === 0)
      paragraphs[i] = paragraph(fillers[i % fillers.length] ?? null);
  }
  return {
    title: v.pick('title', titles),
    standfirst:
      items.length > 1
        ? v.pick('standfirst', [
            `Sizes, makers and downloads of the ${numberWord(items.length)} models behind it.`,
            `Who made these ${numberWord(items.length)}, how big they are, and how much they are used.`,
            `${capitalize(numberWord(items.length))} models, one trait in common, and what sets them apart.`,
          ])
        : `${capitalize(label)}, and what sets it apart.`,
    paragraphs,
  };
}

function cleanLabel(story: Story): string {
  const label = story.subject.label.replace(/\s*\(.*\)\s*$/, '').trim() || 'A pattern';
  // A size word in the label must fit every model it names (10B: the small/medium line).
  const big = story.items.some((i) => (i.facts?.parameters ?? 0) >= 10e9);
  return big ? label.replace(/^(small|tiny)\s+/i, '').replace(/^\w/, (c) => c.toUpperCase()) : label;
}

function memberSentence(item: PlannedItem, v: Voice, n: number): Inline[] {
  const who = possessive(item);
  const counts = withCounts(item);
  const rank = item.rank !== null && item.rank > 0 ? `${ordinal(item.rank)} on the list` : 'on the list';
  const name = flat(who ? flat(who, ' ') : '', itemLink(item, who !== null));
  return v.pick(`member${n}`, [
    s`${name} is ${describe(item)}, ${rank}${counts ? ` ${counts}` : ''}.`,
    s`${capitalize(rank)}${counts ? `, ${counts},` : ''} ${name} is ${describe(item)}.`,
    s`Take ${name}: ${describe(item)}${counts ? `, ${counts}` : ''}, ${rank}.`,
    s`${name}${counts ? `, ${counts},` : ''} sits ${rank.replace(' on the list', '')} as ${describe(item)}.`,
  ]);
}

/** The member most downloaded, when the downloads say something. */
function mostUsed(items: readonly PlannedItem[], v: Voice): Inline[] | null {
  const top = [...items].sort((a, b) => (b.metrics.downloads ?? 0) - (a.metrics.downloads ?? 0))[0];
  const least = [...items].sort((a, b) => (a.metrics.downloads ?? 0) - (b.metrics.downloads ?? 0))[0];
  if (!top?.metrics.downloads || !least || least === top) return null;
  return v.pick('most-used', [
    s`Use is uneven: ${itemLink(top, true)} has ${count(top.metrics.downloads, 'download')}, ${itemLink(least, true)} ${count(least.metrics.downloads ?? 0, 'download')}.`,
    s`${itemLink(top, true)} is the most used of them, at ${count(top.metrics.downloads, 'download')}; ${itemLink(least, true)} has ${count(least.metrics.downloads ?? 0, 'download')}.`,
    s`Downloads run from ${count(least.metrics.downloads ?? 0, 'download')} for ${itemLink(least, true)} to ${compactCount(top.metrics.downloads)} for ${itemLink(top, true)}.`,
  ]);
}

const compactCount = (n: number) => count(n, 'download');

function sizeRange(sized: readonly PlannedItem[]): Inline[] | null {
  if (sized.length < 2) return null;
  const sorted = [...sized].sort((a, b) => (a.facts?.parameters ?? 0) - (b.facts?.parameters ?? 0));
  const small = sorted[0] as PlannedItem;
  const large = sorted.at(-1) as PlannedItem;
  if ((small.facts?.parameters ?? 0) === (large.facts?.parameters ?? 0))
    return s`They are all the same size: ${parameters(small.facts?.parameters ?? 0)} parameters.`;
  return s`They range from ${parameters(small.facts?.parameters ?? 0)} parameters (${itemLink(small, true)}) to ${parameters(large.facts?.parameters ?? 0)} (${itemLink(large, true)}).`;
}

function baseSentence(items: readonly PlannedItem[]): Inline[] | null {
  const tuned = items.filter((i) => i.facts?.baseModel && i.facts.relation);
  if (tuned.length === 0) return null;
  const pairs = joinList(
    tuned.map((i) => flat(itemLink(i, true), ' builds on ', baseModelLink(i, i.facts?.baseModel ?? ''))),
  );
  return tuned.length === 1
    ? s`One is built on an existing base: ${pairs}.`
    : s`Several start from an existing base rather than from scratch: ${pairs}.`;
}
