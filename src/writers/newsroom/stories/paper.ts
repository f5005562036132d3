/**
 * @module writers/newsroom/stories/paper
 * paper-record: the most upvoted paper of the day. The lead's frame (headlines, standfirst, news, people, context) and the opinion's
 * headlines and thesis, together: every sentence written about this kind of story is here.
 */
import { count, titleCase } from '../format.js';
import { flat, itemLink, joinList, s } from '../links.js';
import { factNumber } from '../story.js';

import { type Ctx, type Frame, type StoryKind, top } from './shared.js';
import { wave } from './wave.js';

export function paperRecord(ctx: Ctx): Frame {
  const { plan, story, v, today } = ctx;
  const item = top(story);
  if (!item) return wave(ctx);
  const upvotes = factNumber(story.facts, 'upvotes') ?? item.metrics.upvotes ?? 0;
  const others = plan.reading.filter((r) => r.item.itemId !== item.itemId).slice(0, 2);
  return {
    headlines: [
      titleCase(`readers’ pick: ${item.title}`),
      `${item.title} Tops the Daily Papers`,
      `The Most Upvoted Paper: ${item.title}`,
    ],
    standfirst:
      others[0]?.item.metrics.upvotes !== undefined && upvotes > others[0].item.metrics.upvotes
        ? `Readers’ favourite by ${count(upvotes - others[0].item.metrics.upvotes, 'vote')} over the runner-up.`
        : `Readers’ favourite among ${count(plan.reading.length, 'paper')} we list.`,
    news: [
      v.pick('news', [
        s`${itemLink(item)} is the most upvoted paper on Hugging Face’s daily papers ${today}, with ${count(upvotes, 'upvote')}.`,
        s`Readers of Hugging Face’s daily papers gave ${count(upvotes, 'upvote')} to ${itemLink(item)}, more than to any other paper ${today}.`,
      ]),
    ],
    people: [item.tagline ? s`It is filed under ${item.tagline}.` : null],
    context: [
      others.length > 0
        ? s`Also drawing readers: ${joinList(others.map((o) => flat(itemLink(o.item), o.item.metrics.upvotes !== undefined ? ` (${count(o.item.metrics.upvotes, 'upvote')})` : '')))}.`
        : null,
      null,
    ],
  };
}

export const paperKind: StoryKind = {
  lead: paperRecord,
  opinionTitles: ({ story, name }) => [
    `Read “${story.items[0]?.title ?? name}” Before You Cite It`,
    `The Paper of the Day Needs Testing`,
  ],
  opinionTheses: ({ link, num, mark }) => {
    mark('upvotes');
    return [
      s`${link} drew ${count(num('upvotes') ?? 0, 'upvote')}, the most of the day, and popularity is exactly why its claims need testing.`,
      s`the most upvoted paper of the day, ${link} with ${count(num('upvotes') ?? 0, 'upvote')}, is an invitation to read, not a verdict.`,
    ];
  },
};
