/**
 * @module writers/newsroom/deep-dive
 * The deep dive: four paragraphs on the theme the planner chose. What the pattern is, the models
 * behind it one by one, what they have in common (sizes, base models, who made them), and what
 * it may mean, with the week's numbers when the metrics panel has them.
 */
import type { EditionPlan, PlannedItem, Story } from '../../core/plan.js';
import type { Inline, Paragraph } from '../../core/text.js';
import { unprinted } from '../prose/memory.js';
import { capitalize, count, numberWord, ordinal, parameters, relativeDay, titleCase } from './format.js';
import type { StoryText } from './lead.js';
import { baseModelLink, flat, itemLink, joinList, paragraph, possessive, s, shortName } from './links.js';
import { type Voice, voice } from './phrases.js';
import { DOMAIN_PURPOSE, describe, metric, previouslySentence, withCounts } from './story.js';

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

  const lead = items[0];
  const leadName = lead ? shortName(lead) : null;
  // Each headline names something of the day (a model, a count, a size), so none fits another day.
  const titles: [string, ...string[]] = leadName
    ? [
        titleCase(`${label}: ${leadName} and ${items.length - 1} more`),
        titleCase(`${leadName} leads ${items.length} ${label.toLowerCase()}`),
        titleCase(`${items.length} ${label.toLowerCase()}, led by ${leadName}`),
        titleCase(`behind ${leadName}: ${label.toLowerCase()} on the ${plan.weekday} list`),
        titleCase(`${label} with ${leadName} in front`),
        titleCase(`${leadName} and the ${label.toLowerCase()} around it`),
        titleCase(`a ${plan.weekday} of ${label.toLowerCase()}: ${leadName} first`),
        titleCase(`${items.length} models, one trait: ${leadName} and company`),
      ]
    : [titleCase(`${label} on the ${plan.weekday} list`)];
  if (smallSpecialist?.facts?.parameters)
    titles.push(`Why ${parameters(smallSpecialist.facts.parameters)} Parameters Might Be Enough`);

  const intro = paragraph(
    v.pick('intro', [
      s`Look past the top of Hugging Face’s trending list ${today} and a pattern appears: ${label.toLowerCase()}.`,
      s`One thread runs through the trending models ${today}: ${label.toLowerCase()}.`,
      s`The trending list ${today} has a quieter story than its headline: ${label.toLowerCase()}.`,
      s`Read the trending models ${today} by purpose and size, and ${label.toLowerCase()} stand out.`,
      s`${capitalize(numberWord(items.length))} trending models ${today} share a trait: ${label.toLowerCase()}.`,
      s`Beneath the headline names ${today} sits a group: ${label.toLowerCase()}.`,
      s`Sort ${today}’s trending models and one group forms: ${label.toLowerCase()}.`,
      s`${today === `this ${plan.weekday}` ? `This ${plan.weekday}` : capitalize(today)}’s list has a cluster worth a closer look: ${label.toLowerCase()}.`,
    ]),
    items.length > 0
      ? v.pick('names', [
          s`The models behind it are ${joinList(items.map((i) => itemLink(i)))}.`,
          s`${capitalize(numberWord(items.length))} of them stand out: ${joinList(items.map((i) => itemLink(i)))}.`,
          s`Behind the pattern: ${joinList(items.map((i) => itemLink(i)))}.`,
          s`Its members on the list ${today}: ${joinList(items.map((i) => itemLink(i)))}.`,
          s`Name them: ${joinList(items.map((i) => itemLink(i)))}.`,
          s`${joinList(items.map((i) => itemLink(i)))} make up the group.`,
          s`The group counts ${joinList(items.map((i) => itemLink(i)))}.`,
          s`In it: ${joinList(items.map((i) => itemLink(i)))}.`,
        ])
      : null,
  );

  const members = paragraph(...items.slice(0, 5).map((item, i) => memberSentence(item, v, i)));

  const common = paragraph(
    sizeRange(sized, v),
    baseSentence(items, v),
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
  const meaning = paragraph(
    againstMedian(sized, median?.value, v),
    mostUsed(items, v),
    previouslySentence(story, plan, v),
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
    title: v.pick('title', unprinted(titles, plan.recent?.sentences)),
    standfirst: standfirstOf(items, label, v),
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
    s`Then ${name}, ${describe(item)}${counts ? ` ${counts}` : ''}, ${rank}.`,
    s`${capitalize(rank)} stands ${name}: ${describe(item)}${counts ? `, ${counts}` : ''}.`,
    s`${name} (${rank}${counts ? `, ${counts}` : ''}) is ${describe(item)}.`,
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
    s`In use, ${itemLink(top, true)} leads with ${count(top.metrics.downloads, 'download')} and ${itemLink(least, true)} trails with ${count(least.metrics.downloads ?? 0, 'download')}.`,
    s`People run ${itemLink(top, true)} most (${count(top.metrics.downloads, 'download')}) and ${itemLink(least, true)} least (${count(least.metrics.downloads ?? 0, 'download')}).`,
    s`The download counts tell them apart: ${count(top.metrics.downloads, 'download')} for ${itemLink(top, true)}, ${count(least.metrics.downloads ?? 0, 'download')} for ${itemLink(least, true)}.`,
    s`${itemLink(least, true)} has been downloaded ${count(least.metrics.downloads ?? 0, 'time')}; ${itemLink(top, true)}, ${count(top.metrics.downloads, 'time')}.`,
    s`Most downloaded: ${itemLink(top, true)}, ${count(top.metrics.downloads, 'download')}; least: ${itemLink(least, true)}, ${count(least.metrics.downloads ?? 0, 'download')}.`,
    s`${count(top.metrics.downloads, 'download')} for ${itemLink(top, true)} against ${count(least.metrics.downloads ?? 0, 'download')} for ${itemLink(least, true)}: attention and use are not the same.`,
  ]);
}

const compactCount = (n: number) => count(n, 'download');

function sizeRange(sized: readonly PlannedItem[], v: Voice): Inline[] | null {
  if (sized.length < 2) return null;
  const sorted = [...sized].sort((a, b) => (a.facts?.parameters ?? 0) - (b.facts?.parameters ?? 0));
  const small = sorted[0] as PlannedItem;
  const large = sorted.at(-1) as PlannedItem;
  const lo = parameters(small.facts?.parameters ?? 0);
  const hi = parameters(large.facts?.parameters ?? 0);
  if (lo === hi)
    return v.pick('same-size', [
      s`They are all the same size: ${lo} parameters.`,
      s`Every one of them has ${lo} parameters.`,
      s`One size fits the group: ${lo} parameters each.`,
    ]);
  return v.pick('size-range', [
    s`They range from ${lo} parameters (${itemLink(small, true)}) to ${hi} (${itemLink(large, true)}).`,
    s`${itemLink(small, true)} is the lightest at ${lo} parameters, ${itemLink(large, true)} the heaviest at ${hi}.`,
    s`Sizes run from ${itemLink(small, true)}’s ${lo} up to ${itemLink(large, true)}’s ${hi}.`,
    s`At ${hi}, ${itemLink(large, true)} is the biggest; ${itemLink(small, true)}, at ${lo}, the smallest.`,
    s`${itemLink(large, true)} (${hi}) is the largest of them, ${itemLink(small, true)} (${lo}) the smallest.`,
    s`${itemLink(large, true)} carries ${hi} parameters, ${itemLink(small, true)} only ${lo}.`,
    s`The spread in size: ${lo} for ${itemLink(small, true)}, ${hi} for ${itemLink(large, true)}.`,
    s`${itemLink(small, true)}, at ${lo}, and ${itemLink(large, true)}, at ${hi}, mark the ends of the range.`,
  ]);
}

function baseSentence(items: readonly PlannedItem[], v: Voice): Inline[] | null {
  const tuned = items.filter((i) => i.facts?.baseModel && i.facts.relation);
  if (tuned.length === 0) return null;
  const pairs = joinList(
    tuned.map((i) => flat(itemLink(i, true), ' builds on ', baseModelLink(i, i.facts?.baseModel ?? ''))),
  );
  if (tuned.length === 1)
    return v.pick('base-one', [
      s`One is built on an existing base: ${pairs}.`,
      s`Only one says what it started from: ${pairs}.`,
      s`A single fine-tune names its base: ${pairs}.`,
    ]);
  return v.pick('base-many', [
    s`Several start from an existing base rather than from scratch: ${pairs}.`,
    s`${capitalize(numberWord(tuned.length))} name the model they started from: ${pairs}.`,
    s`The bases are public: ${pairs}.`,
    s`Trace them back and you find ${pairs}.`,
    s`Their starting points: ${pairs}.`,
    s`${capitalize(numberWord(tuned.length))} of them are fine-tunes, and the lineage is clear: ${pairs}.`,
  ]);
}

function standfirstOf(items: readonly PlannedItem[], label: string, v: Voice): string {
  const sized = items.filter((i) => (i.facts?.parameters ?? 0) > 0);
  const sorted = [...sized].sort((a, b) => (a.facts?.parameters ?? 0) - (b.facts?.parameters ?? 0));
  const small = sorted[0];
  const large = sorted.at(-1);
  const top = items[0];
  if (!top || items.length < 2) return `${capitalize(label)}, and what sets it apart.`;
  const range =
    small && large && small !== large
      ? `from ${parameters(small.facts?.parameters ?? 0)} to ${parameters(large.facts?.parameters ?? 0)} parameters`
      : null;
  return v.pick('standfirst', [
    `Sizes, makers and downloads of the ${numberWord(items.length)} models behind it${range ? `, ${range}` : ''}.`,
    `Who made ${shortName(top)} and the ${numberWord(items.length - 1)} beside it, and how much they are used.`,
    `${capitalize(numberWord(items.length))} models${range ? ` ${range}` : ''}, one trait in common.`,
    `${shortName(top)} first, then ${numberWord(items.length - 1)} more: what they share and where they differ.`,
    `A closer look at ${shortName(top)} and its ${numberWord(items.length - 1)} companions on the list.`,
    `What ties ${shortName(top)} to ${numberWord(items.length - 1)} other models${range ? `, ${range}` : ''}.`,
    `${capitalize(numberWord(items.length))} models, led by ${shortName(top)}, read side by side.`,
    `From ${shortName(top)} down: sizes, authors and use${range ? `, ${range}` : ''}.`,
    `The models behind the pattern, ${shortName(top)} first, one by one.`,
  ]);
}

/** How the theme's models compare with the day's median trending model. */
function againstMedian(sized: readonly PlannedItem[], median: number | undefined, v: Voice): Inline[] | null {
  if (!median || median <= 0 || sized.length < 2) return null;
  const smaller = sized.filter((i) => (i.facts?.parameters ?? 0) < median).length;
  const n = sized.length;
  const m = parameters(median);
  if (smaller === 0)
    return v.pick('median-none', [
      s`Not one of the ${numberWord(n)} is smaller than the day’s median trending model, at ${m}.`,
      s`All ${numberWord(n)} sit at or above the ${m} of the median trending model.`,
    ]);
  if (smaller === n)
    return v.pick('median-all', [
      s`All ${numberWord(n)} are smaller than the median trending model, at ${m}.`,
      s`Every one of the ${numberWord(n)} comes in under the day’s median of ${m}.`,
    ]);
  return v.pick('median-some', [
    s`${capitalize(numberWord(smaller))} of the ${numberWord(n)} ${smaller === 1 ? 'is' : 'are'} smaller than the median trending model, at ${m}.`,
    s`Against a median trending model of ${m}, ${numberWord(smaller)} of these ${numberWord(n)} ${smaller === 1 ? 'is' : 'are'} smaller.`,
    s`The day’s median model has ${m}; ${numberWord(smaller)} of the ${numberWord(n)} ${smaller === 1 ? 'falls' : 'fall'} below it.`,
    s`Measured against the median of ${m}, ${numberWord(n - smaller)} ${n - smaller === 1 ? 'is' : 'are'} bigger and ${numberWord(smaller)} smaller.`,
    s`${capitalize(numberWord(smaller))} come${smaller === 1 ? 's' : ''} in under ${m}, the size of the median trending model; ${numberWord(n - smaller)} ${n - smaller === 1 ? 'does' : 'do'} not.`,
    s`Of the ${numberWord(n)}, ${numberWord(smaller)} ${smaller === 1 ? 'is' : 'are'} below the ${m} median.`,
    s`With the median trending model at ${m}, ${numberWord(smaller)} of this group ${smaller === 1 ? 'is' : 'are'} smaller.`,
    s`Only ${numberWord(n - smaller)} of the ${numberWord(n)} reach${n - smaller === 1 ? 'es' : ''} the ${m} of the median model.`,
  ]);
}

const _plainOf = (pieces: readonly Inline[]) =>
  pieces.map((p) => (typeof p === 'string' ? p : p.text)).join('');
