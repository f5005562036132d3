/**
 * @module writers/newsroom/opinion
 * The two opinion pieces: labelled as opinion (the text opens with "Opinion:"), about 100–140
 * words, arguing from the facts of the story the planner gave them. The argument may be the
 * Post's; every number and name in it comes from the plan.
 */
import type { EditionPlan, PlannedItem, Story } from '../../core/plan.js';
import type { Inline, Paragraph } from '../../core/text.js';
import {
  count,
  listText,
  ordinal,
  parameters,
  percent,
  relativeDay,
  titleCase,
  wordCount,
} from './format.js';
import {
  authorLink,
  authorName,
  itemLink,
  joinList,
  paragraph,
  plain,
  possessiveSuffix,
  s,
  shortName,
} from './links.js';
import { OPINION_ARGUMENTS, OPINION_CLOSERS, type Voice, voice } from './phrases.js';
import { DOMAIN_PURPOSE, factNumber, metric } from './story.js';

/** The length range, and the length the writer aims for within it. */
export const OPINION_WORDS = { min: 100, target: 112, max: 140 } as const;

interface Argument {
  titles: [string, ...string[]];
  thesis: Inline[];
  /** Sentences carrying the facts, most important first. */
  evidence: Array<Inline[] | null>;
  /** Reasoning particular to the kind of story (no numbers, no new names). */
  reasons: Inline[][];
}

export interface OpinionText {
  title: string;
  paragraphs: Paragraph[];
}

export function opinionText(plan: EditionPlan, index: 0 | 1): OpinionText {
  const v = voice(plan.date, `opinion${index + 1}`);
  const story = plan.opinions[index] ?? null;
  const argument = story ? argue(plan, story, v) : fallback(v);
  return { title: v.pick('title', argument.titles), paragraphs: fitLength(argument, v) };
}

/** Build two paragraphs and trim or extend them to the opinion length. */
function fitLength(argument: Argument, v: Voice): Paragraph[] {
  const closer = s`${v.pick('closer', OPINION_CLOSERS)}`;
  const evidence = argument.evidence.filter((e): e is Inline[] => e !== null && e.length > 0);
  const offset = v.index('arguments', OPINION_ARGUMENTS.length);
  const pool = [
    ...argument.reasons,
    ...OPINION_ARGUMENTS.map(
      (_, i) => s`${OPINION_ARGUMENTS[(i + offset) % OPINION_ARGUMENTS.length] ?? ''}`,
    ),
  ];
  const words = (sentences: Inline[][]) => wordCount(sentences.map((x) => plain(x)).join(' '));
  const first = [s`Opinion: `.concat(argument.thesis), ...evidence];
  // Too long: drop the least important evidence first.
  while (first.length > 1 && words([...first, closer]) > OPINION_WORDS.max) first.pop();
  const second: Inline[][] = [];
  for (const sentence of pool) {
    if (words([...first, ...second, closer]) >= OPINION_WORDS.target) break;
    if (words([...first, ...second, sentence, closer]) <= OPINION_WORDS.max) second.push(sentence);
  }
  second.push(closer);
  return [paragraph(...first), paragraph(...second)];
}

function argue(plan: EditionPlan, story: Story, v: Voice): Argument {
  switch (story.kind) {
    case 'weekend-surge':
    case 'independent-surge':
      return independents(plan, story);
    case 'author-series':
      return seriesArgument(story);
    case 'star-surge':
      return stars(story);
    case 'big-lab-release':
      return bigLab(story);
    case 'paper-record':
      return paper(story);
    case 'biggest-mover':
      return mover(plan, story);
    default:
      return theme(plan, story, v);
  }
}

const first = (story: Story): PlannedItem | undefined => story.items[0];

function rankedOnList(item: PlannedItem): string {
  return item.rank !== null && item.rank > 0 ? `, ${ordinal(item.rank)} on the trending list` : '';
}

function theme(plan: EditionPlan, story: Story, v: Voice): Argument {
  const label = story.subject.label.replace(/\s*\(.*\)\s*$/, '').trim() || 'This theme';
  const small = /small|tiny/i.test(label);
  const evidence = story.items.slice(0, 3).map((item) => {
    const size = item.facts?.parameters ? `${parameters(item.facts.parameters)} parameters` : null;
    const purpose = item.facts ? DOMAIN_PURPOSE[item.facts.domain] : undefined;
    return s`${itemLink(item)}${purpose ? ` is built for ${purpose}` : ' is on the list'}${size ? ` with ${size}` : ''}${rankedOnList(item)}.`;
  });
  const median = metric(plan, 'median-parameters');
  if (small && median && median.value > 0)
    evidence.push(s`The median trending model has ${parameters(median.value)} parameters.`);
  return {
    titles: small
      ? ['Small Specialised Models Deserve Attention', 'The Case for Narrow Models', 'Focus Beats Scale']
      : [titleCase(`${label} deserve a closer look`), titleCase(`why ${label.toLowerCase()} matter`)],
    thesis: small
      ? v.pick('thesis', [
          s`the most interesting models on today’s list are not the biggest ones.`,
          s`the industry’s obsession with size is missing what today’s list shows.`,
        ])
      : s`${label.toLowerCase()} are telling us where builders see real needs.`,
    evidence,
    reasons: [
      s`A model trained for one job can run on modest hardware, be checked by the people who rely on it, and be replaced when something better comes along.`,
      s`Scale serves the few labs that can afford it; focus serves everyone else.`,
    ],
  };
}

function independents(plan: EditionPlan, story: Story): Argument {
  const share = factNumber(story.facts, 'individualShare');
  const item = first(story);
  const weekend = story.kind === 'weekend-surge';
  return {
    titles: weekend
      ? [
          'The Weekend Advantage',
          'Sunday Scientists Deserve a Hearing',
          'Weekends Are Where the Experiments Are',
        ]
      : ['Independents Are Setting the Pace', 'The Labs Are Not the Whole Story'],
    thesis:
      share !== undefined
        ? s`when ${percent(share)} of the trending models with a known author come from individuals, the labs are no longer the whole story.`
        : s`individual developers are setting the pace on the trending list.`,
    evidence: [
      item ? s`${itemLink(item)} leads them${rankedOnList(item)}.` : null,
      weekend
        ? s`It happens ${relativeDay(plan.date, plan.date)}, when people build what interests them.`
        : null,
    ],
    reasons: [
      s`Without launch calendars or quarterly targets, independent builders can try odd ideas quickly and in public.`,
      s`Their experiments are where the next mainstream technique is often first tested.`,
    ],
  };
}

function seriesArgument(story: Story): Argument {
  const item = first(story);
  const author = item ? authorName(item) : null;
  const names = joinList(story.items.map((i) => itemLink(i, true)));
  const ranks = story.items.flatMap((i) => (i.rank ? [ordinal(i.rank)] : []));
  return {
    titles: [
      'Iteration in Public Deserves Credit',
      'Ship Often, Number Everything',
      'The Quiet Power of Version Numbers',
    ],
    thesis: s`${item ? (authorLink(item) ?? 'one developer') : 'one developer'} shows what shipping often looks like.`,
    evidence: [
      s`${names} ${story.items.length > 1 ? 'are' : 'is'} on the trending list together${ranks.length > 0 ? `, at ${listText(ranks)}` : ''}.`,
      story.items.every((i) => i.facts?.authorKind === 'individual') && author
        ? s`${author} is an individual, not a lab.`
        : null,
    ],
    reasons: [
      s`Each numbered release is a small, testable step, and users can compare one with the next.`,
      s`That is more honest than a single grand launch that nobody can reproduce.`,
    ],
  };
}

function stars(story: Story): Argument {
  const item = first(story);
  const gained = factNumber(story.facts, 'starsInPeriod') ?? item?.metrics.starsInPeriod;
  const total = factNumber(story.facts, 'stars') ?? item?.metrics.stars;
  const period = item?.list.includes('daily') ? 'in a day' : 'in a week';
  return {
    titles: [
      'Stars Are a Vote Worth Counting',
      'Tools Beat Hype',
      titleCase(
        `what ${item ? `${item.title}${possessiveSuffix(item.title)}` : 'a repository’s'} stars tell us`,
      ),
    ],
    thesis: s`the tools developers actually use deserve as much attention as new models.`,
    evidence: [
      item && gained !== undefined
        ? s`${itemLink(item)} gained ${count(gained, 'star')} ${period}${total !== undefined ? `, for ${count(total, 'star')} in all` : ''}.`
        : null,
    ],
    reasons: [
      s`A repository that keeps gaining stars is one people return to because it saves them time.`,
      s`Models come and go; the libraries that run them decide what gets built.`,
    ],
  };
}

function bigLab(story: Story): Argument {
  const item = first(story);
  return {
    titles: ['The Big Labs Still Set the Agenda', 'A Big Release Is Not the Whole List'],
    thesis: s`a big lab’s release will always trend; the question is what it leaves room for.`,
    evidence: [item ? s`${itemLink(item)} is new on the list${rankedOnList(item)}.` : null],
    reasons: [
      s`Attention is finite, and a launch from a famous name can crowd out smaller work that is just as useful.`,
      s`Readers should look a few places down the list before deciding what matters.`,
    ],
  };
}

function paper(story: Story): Argument {
  const item = first(story);
  const upvotes = factNumber(story.facts, 'upvotes') ?? item?.metrics.upvotes;
  return {
    titles: ['Read the Paper, Not Just the Upvotes', 'Upvotes Are an Invitation'],
    thesis: s`the most upvoted paper of the day is an invitation to read, not a verdict.`,
    evidence: [
      item && upvotes !== undefined ? s`${itemLink(item)} leads with ${count(upvotes, 'upvote')}.` : null,
    ],
    reasons: [
      s`Upvotes reward clear titles and timely topics; replication rewards careful work.`,
      s`The best use of a popular paper is to test its claims against your own problem.`,
    ],
  };
}

function mover(plan: EditionPlan, story: Story): Argument {
  const item = first(story);
  const change = factNumber(story.facts, 'rankChange');
  const entry = item ? plan.movers.items.find((m) => m.item.itemId === item.itemId) : undefined;
  const gained = entry?.mover.likesGained;
  return {
    titles: [
      'Slow Climbers Beat Sudden Spikes',
      'Watch the Climbers',
      titleCase(`the lesson of ${item ? shortName(item) : 'a climber'}`),
    ],
    thesis: s`steady climbers tell us more than overnight sensations.`,
    evidence: [
      item && change !== undefined
        ? s`${itemLink(item)} climbed ${count(change, 'place')}${item.rank ? ` to ${ordinal(item.rank)}` : ''}.`
        : null,
      gained !== undefined && gained > 0 ? s`It gained ${count(gained, 'like')} along the way.` : null,
    ],
    reasons: [
      s`A spike can be bought or borrowed; a climb over several days means people keep finding the model useful.`,
      s`Editors, investors and builders would do well to watch the climbers, not only the leaders.`,
    ],
  };
}

function fallback(v: Voice): Argument {
  return {
    titles: ['Thin Data Is Still Data', 'On Quiet Days, Look Closer'],
    thesis: v.pick('thesis', [
      s`a quiet day on the lists is a reminder that attention is not the same as progress.`,
      s`the lists are thin today, and that is worth saying plainly.`,
    ]),
    evidence: [],
    reasons: [
      s`We would rather print less than pretend a pattern where the numbers do not show one.`,
      s`Good work often ships without fanfare and is noticed days later.`,
    ],
  };
}
