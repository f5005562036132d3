/**
 * @module writers/newsroom/stories/mover
 * biggest-mover: the model that climbed furthest. The lead's frame (headlines, standfirst, news, people, context) and the opinion's
 * headlines and thesis, together: every sentence written about this kind of story is here.
 */
import { count, ordinal, titleCase, windowPhrase } from '../format.js';
import { authorLink, flat, itemLink, s, shortName } from '../links.js';
import { describe, factNumber } from '../story.js';

import { type Ctx, type Frame, type StoryKind, top } from './shared.js';
import { wave } from './wave.js';

export function biggestMover(ctx: Ctx): Frame {
  const { plan, story, v } = ctx;
  const item = top(story);
  if (!item) return wave(ctx);
  const change = factNumber(story.facts, 'rankChange');
  // Without a climb in the facts, say where it stands rather than print "0 places".
  const climb = change !== undefined && change > 0 ? count(change, 'place') : null;
  const entry = plan.movers.items.find((m) => m.item.itemId === item.itemId);
  const days = entry?.mover.windowDays ?? plan.movers.windowDays;
  const window = windowPhrase(days);
  const rank = item.rank ? ordinal(item.rank) : null;
  const gained = entry?.mover.likesGained;
  return {
    headlines: [
      titleCase(`${shortName(item)} climbs ${climb ?? 'the trending list'}`),
      titleCase(`the climber: ${shortName(item)}${rank ? ` rises to ${rank}` : ''}`),
      titleCase(`${shortName(item)} makes the biggest move on the trending list`),
    ],
    standfirst:
      entry?.mover.rankThen && rank
        ? `From ${ordinal(entry.mover.rankThen)} to ${rank}: no model rose further.`
        : rank
          ? `Now ${rank}, and no model rose further.`
          : `No model rose further on the list.`,
    news: [
      v.pick('news', [
        s`${itemLink(item)} climbed ${climb ?? ''} ${window}${rank ? `, to ${rank}` : ''} on Hugging Face’s trending list: no model moved further.`,
        s`No model on Hugging Face’s trending list moved further ${window} than ${itemLink(item)}${climb ? `, up ${climb}` : ''}${rank ? ` to ${rank}` : ''}.`,
      ]),
    ],
    people: [
      s`It is ${describe(item)}${authorLink(item) ? flat(' by ', authorLink(item)) : ''}${gained !== undefined && gained > 0 ? `, and gained ${count(gained, 'like')} ${window}` : ''}.`,
    ],
    context: [
      entry?.mover.rankThen
        ? s`It stood at ${ordinal(entry.mover.rankThen)} ${windowPhrase(days).replace(/^over /, '')} ago.`
        : null,
    ],
  };
}

export const moverKind: StoryKind = {
  lead: biggestMover,
  opinionTitles: ({ name }) => [`${name} Keeps Climbing`, `The Slow Rise of ${name}`],
  opinionTheses: ({ link, num, mark }) => {
    mark('rankChange');
    return [
      s`${link} climbed ${count(num('rankChange') ?? 0, 'place')}, and a climb like that says more than a one-day spike.`,
      s`${count(num('rankChange') ?? 0, 'place')} up in a week, ${link} is the model people keep finding.`,
    ];
  },
};
