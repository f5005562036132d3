/**
 * @module writers/newsroom/stories/wave
 * domain-wave and theme: a cluster of trending items with one purpose or shape. The lead's frame (headlines, standfirst, news, people, context) and the opinion's
 * headlines and thesis, together: every sentence written about this kind of story is here.
 */
import { capitalize, count, titleCase } from '../format.js';
import { itemLink, joinList, s } from '../links.js';
import { factNumber, plainRoster } from '../story.js';

import {
  type Ctx,
  type Frame,
  noBigLabSentence,
  type OpinionCtx,
  plainDomain,
  type StoryKind,
  specialistsSentence,
} from './shared.js';

export function wave(ctx: Ctx): Frame {
  const { plan, story, v, today } = ctx;
  const label = story.subject.label.replace(/\s*\(.*\)\s*$/, '').trim() || 'A theme';
  const members = factNumber(story.facts, 'members');
  const links = joinList(story.items.slice(0, 5).map((i) => itemLink(i)));
  const domain = plainDomain(story);
  return {
    headlines:
      story.kind === 'domain-wave'
        ? [
            titleCase(`${label} gather on the trending list`),
            titleCase(`a wave of ${label.toLowerCase()}`),
            titleCase(`${label} are having a moment`),
          ]
        : [
            titleCase(`${label}: a pattern on the trending list`),
            titleCase(`what ${label.toLowerCase()} tell us`),
            titleCase(`the thread running through today’s list: ${label.toLowerCase()}`),
          ],
    standfirst:
      story.items.length > 0
        ? `${plainRoster(story.items, 2)} are among them.`
        : `${label} stand out on the trending lists ${today}.`,
    news: [
      v.pick('news', [
        s`${label} stand out on Hugging Face’s trending lists ${today}${members !== undefined ? `, with ${count(members, 'item')} in the theme` : ''}.`,
        s`${today === `this ${plan.weekday}` ? `This ${plan.weekday}` : capitalize(today)}, the trending lists lean one way: ${label.toLowerCase()}${members !== undefined ? `, ${count(members, 'item')} of them` : ''}.`,
      ]),
      story.items.length > 0 ? s`The names: ${links}.` : null,
    ],
    context: [
      specialistsSentence(story.items, v),
      domain && members !== undefined
        ? s`That is ${count(members, `${domain} item`)} on one morning’s lists.`
        : null,
      noBigLabSentence(story.items, v),
    ],
  };
}

/** Headlines for a piece about what a group shares (themes, waves, and surges argued so). */
export function themeTitles({ story }: OpinionCtx): [string, ...string[]] {
  const label = story.subject.label.replace(/\s*\(.*\)\s*$/, '');
  return [titleCase(`${label}, and what they share`), titleCase(`the case for ${label}`)];
}

export const waveKind: StoryKind = {
  lead: wave,
  opinionTitles: themeTitles,
  opinionTheses: ({ story, mark }) => {
    mark('members');
    const label = inSentence(story.subject.label.replace(/\s*\(.*\)\s*$/, ''));
    const names = joinList(story.items.slice(0, 3).map((i) => itemLink(i)));
    return [
      s`${label} are trending together today, ${names} among them, and a cluster like that points to a need builders share.`,
      s`${names} have one thing in common, ${label}, and that shared purpose is the day’s real signal.`,
    ];
  },
};

/** A label inside a sentence: "Speech and audio models" → "speech and audio models"; names keep their case. */
function inSentence(label: string): string {
  const first = label.split(' ')[0] ?? '';
  return /^\p{Lu}\p{Ll}+$/u.test(first) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
