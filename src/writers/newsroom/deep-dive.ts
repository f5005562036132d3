/**
 * @module writers/newsroom/deep-dive
 * The deep dive: four paragraphs on the theme the planner chose. What the pattern is, the models
 * behind it one by one, what they have in common (sizes, base models, who made them), and what
 * it may mean, with the week's numbers when the metrics panel has them.
 */
import type { EditionPlan, PlannedItem, Story } from '../../core/plan.js';
import type { Inline, Paragraph } from '../../core/text.js';
import { capitalize, ordinal, parameters, percent, relativeDay, titleCase } from './format.js';
import type { StoryText } from './lead.js';
import { baseModelLink, flat, itemLink, joinList, paragraph, possessive, s } from './links.js';
import { voice } from './phrases.js';
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
    items.length > 0 ? s`The models behind it are ${joinList(items.map((i) => itemLink(i)))}.` : null,
  );

  const members = paragraph(...items.slice(0, 5).map((item) => memberSentence(item)));

  const common = paragraph(
    sizeRange(sized),
    baseSentence(items),
    items.length > 1 && items.every((i) => i.facts?.authorKind === 'individual')
      ? v.pick('individuals', [
          s`Every one of them comes from an individual account, not a lab.`,
          s`All of them were published by individuals rather than organisations.`,
        ])
      : null,
    items.length > 1 && items.every((i) => i.facts && !i.facts.bigLab) ? s`None is from a big lab.` : null,
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
    v.pick('meaning', [
      s`If a small model trained for one job can earn this much attention, the next gains may come from focus rather than scale.`,
      s`The lesson for builders is that a narrow model, well made, can stand next to the giants on the same list.`,
      s`Whether these models hold up in practice is for their users to judge; that they are being tried is already news.`,
    ]),
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
    standfirst: `${capitalize(label)}: ${items.length > 0 ? 'who is behind them, and why they matter.' : 'why the pattern matters.'}`,
    paragraphs,
  };
}

function cleanLabel(story: Story): string {
  return story.subject.label.replace(/\s*\(.*\)\s*$/, '').trim() || 'A pattern';
}

function memberSentence(item: PlannedItem): Inline[] {
  const who = possessive(item);
  const counts = withCounts(item);
  const rank = item.rank !== null && item.rank > 0 ? `${ordinal(item.rank)} on the list` : 'on the list';
  return s`${who ? flat(who, ' ') : ''}${itemLink(item, who !== null)} is ${describe(item)}, ${rank}${counts ? ` ${counts}` : ''}.`;
}

function sizeRange(sized: readonly PlannedItem[]): Inline[] | null {
  if (sized.length < 2) return null;
  const sorted = [...sized].sort((a, b) => (a.facts?.parameters ?? 0) - (b.facts?.parameters ?? 0));
  const small = sorted[0] as PlannedItem;
  const large = sorted.at(-1) as PlannedItem;
  if ((small.facts?.parameters ?? 0) === (large.facts?.parameters ?? 0))
    return s`They are all the same size: ${parameters(small.facts?.parameters ?? 0)} parameters.`;
  return s`They range from ${parameters(small.facts?.parameters ?? 0)} parameters (${itemLink(small, true)}) to ${parameters(large.facts?.parameters ?? 0)} (${itemLink(large, true)}), small by today’s standards.`;
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
