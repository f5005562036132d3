/**
 * @module writers/newsroom/stories/lab-release
 * big-lab-release: a new model from a big lab on the list. The lead's frame (headlines, standfirst, news, people, context) and the opinion's
 * headlines and thesis, together: every sentence written about this kind of story is here.
 */
import { count, ordinal, titleCase } from '../format.js';
import { authorLink, authorName, flat, itemLink, joinList, plain, s, shortName } from '../links.js';
import { describe, withCounts } from '../story.js';

import { type Ctx, type Frame, type StoryKind, top } from './shared.js';
import { wave } from './wave.js';

export function labRelease(ctx: Ctx): Frame {
  const { plan, story, v, today } = ctx;
  const item = top(story);
  if (!item) return wave(ctx);
  const who = authorLink(item);
  const author = authorName(item) ?? 'A big lab';
  const rank = item.rank ? ordinal(item.rank) : null;
  const others = plan.trending.models.filter((m) => m.itemId !== item.itemId && m.rank !== null).slice(0, 3);
  return {
    headlines: [
      titleCase(
        `new from ${author}: ${shortName(item)}${rank ? ` enters the trending list at ${rank}` : ''}`,
      ),
      titleCase(`${author} releases ${shortName(item)}`),
      titleCase(`${shortName(item)} arrives${rank ? ` at ${rank}` : ''} on the trending list`),
    ],
    standfirst: `${shortName(item)} is ${plain(describe(item))}${item.metrics.likes !== undefined ? `, with ${count(item.metrics.likes, 'like')} so far` : ''}.`,
    news: [
      v.pick('news', [
        s`${who ?? author} has a new model on Hugging Face’s trending list ${today}: ${itemLink(item, who !== null)}${rank ? `, at ${rank}` : ''}.`,
        s`A fresh release from ${who ?? author} is on Hugging Face’s trending list ${today}: ${itemLink(item, who !== null)}${rank ? `, at ${rank}` : ''}.`,
      ]),
    ],
    people: [
      s`${itemLink(item, true)} is ${describe(item)}${withCounts(item) ? `, ${withCounts(item)}` : ''}.`,
    ],
    context: [
      others.length > 0
        ? s`Around it on the list: ${joinList(others.map((o) => flat(itemLink(o), ` (${ordinal(o.rank ?? 0)})`)))}.`
        : null,
      item.metrics.downloads !== undefined && item.metrics.likes
        ? s`So far it counts ${count(item.metrics.downloads, 'download')} to ${count(item.metrics.likes, 'like')}.`
        : null,
    ],
  };
}

export const labReleaseKind: StoryKind = {
  lead: labRelease,
  opinionTitles: ({ name, author }) => [
    `${name} and the Room It Leaves`,
    `${author ?? 'A Big Lab'} Ships ${name}`,
  ],
  opinionTheses: ({ top, link, mark }) => {
    mark('rank');
    return [
      s`${link} went straight onto the list${top?.rank ? ` at ${ordinal(top.rank)}` : ''}, as big-lab releases do, and the question is what it leaves room for.`,
      s`a release like ${link}${top?.rank ? `, ${ordinal(top.rank)} on its first days` : ''}, trends by default; the work below it is where the surprises are.`,
    ];
  },
};
