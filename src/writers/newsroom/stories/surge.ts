/**
 * @module writers/newsroom/stories/surge
 * weekend-surge and independent-surge: individuals hold most of the trending list. The lead's frame (headlines, standfirst, news, people, context) and the opinion's
 * headlines and thesis, together: every sentence written about this kind of story is here.
 */
import type { Inline } from '../../../core/text.js';
import { capitalize, exact, numberWord, percent, titleCase } from '../format.js';
import { s, shortName } from '../links.js';
import { changeClause, factNumber, metric, plainRoster } from '../story.js';
import {
  type Ctx,
  type Frame,
  noBigLabSentence,
  type StoryKind,
  specialistsSentence,
  top,
  weekendShareSentence,
} from './shared.js';
import { themeTitles } from './wave.js';

export function surge(ctx: Ctx): Frame {
  const { plan, story, v, today } = ctx;
  const share = factNumber(story.facts, 'individualShare');
  const individuals = factNumber(story.facts, 'individualCount');
  const known = factNumber(story.facts, 'knownAuthorCount');
  const weekend = story.kind === 'weekend-surge';
  const first = top(story);
  const shareMetric = metric(plan, 'trending-individual-share');
  // The sentence states today's share, so the direction compares that share (not the 7-day value) with the previous period.
  const change =
    shareMetric && share !== undefined ? changeClause({ ...shareMetric, value: share }, percent) : '';
  const ofKnown =
    individuals !== undefined && known !== undefined
      ? `${capitalize(numberWord(individuals))} of the ${known}`
      : null;
  const names = plainRoster(story.items);
  const news: Inline[] =
    ofKnown && share !== undefined
      ? v.pick('news', [
          s`${ofKnown} trending models on Hugging Face whose author we can identify come from individual accounts ${today}, or ${percent(share)}${change}.`,
          s`Individual developers, not labs, hold ${percent(share)} of Hugging Face’s trending models ${today}: ${ofKnown.toLowerCase()} whose author we can identify${change}.`,
        ])
      : s`Individual accounts lead Hugging Face’s trending models ${today}.`;
  const second = weekend
    ? v.pick('weekend', [
        s`The weekend list belongs to people working on their own.`,
        s`It is a weekend list, and it reads like one: personal projects ahead of corporate launches.`,
        s`On a ${plan.weekday}, the names at the top are personal accounts.`,
      ])
    : v.pick('weekday', [
        s`Even on a working ${plan.weekday}, the names at the top are personal accounts.`,
        s`The list reads like a roll call of personal projects.`,
      ]);
  const headline = first ? shortName(first) : 'Independents';
  return {
    headlines: weekend
      ? [
          `While the Labs Rest, Independents Lead ${plan.weekday}’s Trending Models`,
          `${plan.weekday} Belongs to the Independents`,
          titleCase(`${headline} heads an independent ${plan.weekday} on Hugging Face`),
        ]
      : [
          'Independent Developers Lead the Trending List',
          titleCase(`${headline} heads a trending list led by individuals`),
          'Individuals, Not Labs, Top Hugging Face’s Trending Models',
        ],
    standfirst: names
      ? `Personal accounts outnumber the labs, with ${names} near the top.`
      : 'Personal accounts outnumber the labs on the list.',
    news: [news, second],
    context: [
      specialistsSentence(story.items, v),
      noBigLabSentence(story.items, v),
      weekend ? weekendShareSentence(plan) : null,
    ],
  };
}

export const surgeKind: StoryKind = {
  lead: surge,
  // Argued as a theme would be: the headline names what the list shares.
  opinionTitles: (ctx) => themeTitles(ctx),
  opinionTheses: ({ num, link, mark }) => {
    mark('individualCount', 'knownAuthorCount');
    return [
      s`with ${exact(num('individualCount') ?? 0)} of the ${exact(num('knownAuthorCount') ?? 0)} trending models with a known author coming from individuals, the labs are no longer the whole story.`,
      s`individual accounts hold ${exact(num('individualCount') ?? 0)} of ${exact(num('knownAuthorCount') ?? 0)} trending models today, led by ${link}, and builders should read that as a map of where experiments happen.`,
    ];
  },
};
