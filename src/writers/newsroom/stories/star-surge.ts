/**
 * @module writers/newsroom/stories/star-surge
 * star-surge: the repository that gained the most stars. The lead's frame (headlines, standfirst, news, people, context) and the opinion's
 * headlines and thesis, together: every sentence written about this kind of story is here.
 */
import { capitalize, compact, count, percent, signed, titleCase } from '../format.js';
import { authorLink, flat, itemLink, joinList, s } from '../links.js';
import { factNumber } from '../story.js';

import { type Ctx, type Frame, type StoryKind, top } from './shared.js';
import { wave } from './wave.js';

export function starSurge(ctx: Ctx): Frame {
  const { plan, story, v, today } = ctx;
  const item = top(story);
  if (!item) return wave(ctx);
  const gained = factNumber(story.facts, 'starsInPeriod') ?? item.metrics.starsInPeriod ?? 0;
  const stars = factNumber(story.facts, 'stars') ?? item.metrics.stars;
  const period = item.list.includes('daily') ? 'in a day' : 'in a week';
  // Listed by the measure they are listed for: stars gained in the period.
  const others = plan.trending.repositories
    .filter((r) => r.itemId !== item.itemId && (r.metrics.starsInPeriod ?? 0) > 0)
    .sort((a, b) => (b.metrics.starsInPeriod ?? 0) - (a.metrics.starsInPeriod ?? 0))
    .slice(0, 3);
  const language = item.tagline ? `${item.tagline} ` : '';
  return {
    headlines: [
      titleCase(`${item.title} gains ${compact(gained)} stars ${period}`),
      titleCase(`${item.title} leads GitHub’s trending list`),
      titleCase(`${signed(gained)} stars ${period}: ${item.title} surges`),
    ],
    standfirst:
      stars !== undefined && stars > gained && gained > 0
        ? v.pick('standfirst.star-surge', [
            `${percent(gained / stars)} of its ${compact(stars)} stars arrived ${period}.`,
            `A ${compact(stars)}-star repository, and ${percent(gained / stars)} of those stars are new ${period}.`,
            `${compact(gained)} new stars on top of ${compact(stars - gained)} it already had.`,
            `Its star count stands at ${compact(stars)}, ${percent(gained / stars)} of it earned ${period}.`,
          ])
        : `A ${item.tagline ? `${item.tagline} ` : ''}repository tops the weekly star count.`,
    news: [
      v.pick('news.star-surge', [
        s`${itemLink(item)} gained ${count(gained, 'star')} ${period}, the most of any repository on GitHub’s trending list ${today}${stars !== undefined ? `, taking it to ${compact(stars)}` : ''}.`,
        s`No repository on GitHub’s trending list gained more stars ${period} than ${itemLink(item)}: ${signed(gained)}${stars !== undefined ? `, for ${compact(stars)} in all` : ''}.`,
        s`GitHub’s trending list ${today} is led by ${itemLink(item)}, up ${count(gained, 'star')} ${period}.`,
        s`${signed(gained)} stars ${period} put ${itemLink(item)} first among GitHub’s trending repositories ${today}.`,
        s`Developers starred ${itemLink(item)} ${count(gained, 'time')} ${period}, more than any other repository on GitHub’s list.`,
        s`The fastest-rising repository on GitHub ${today} is ${itemLink(item)}, at ${signed(gained)} ${period}.`,
      ]),
    ],
    people: [
      v.pick('people.star-surge', [
        s`The ${language}repository is maintained by ${authorLink(item) ?? 'its owners'}${item.metrics.forks !== undefined ? ` and has ${count(item.metrics.forks, 'fork')}` : ''}.`,
        s`${authorLink(item) ?? 'Its owners'} maintain${authorLink(item) ? 's' : ''} it${item.tagline ? `, in ${item.tagline}` : ''}${item.metrics.forks !== undefined ? `; ${count(item.metrics.forks, 'fork')} so far` : ''}.`,
        s`Behind it: ${authorLink(item) ?? 'its owners'}${item.metrics.forks !== undefined ? `, with ${count(item.metrics.forks, 'fork')} from others` : ''}.`,
        s`${item.metrics.forks !== undefined ? `${capitalize(count(item.metrics.forks, 'fork'))} already` : 'Forks are'} follow${item.metrics.forks === 1 ? 's' : ''} ${authorLink(item) ?? 'the owners'}’s ${language}code.`,
      ]),
    ],
    context: [
      others.length > 0
        ? v.pick('others.star-surge', [
            s`Also gaining stars: ${joinList(others.map((o) => flat(itemLink(o), o.metrics.starsInPeriod ? ` (${signed(o.metrics.starsInPeriod)})` : '')))}.`,
            s`Behind it on the star count: ${joinList(others.map((o) => flat(itemLink(o), o.metrics.starsInPeriod ? ` (${signed(o.metrics.starsInPeriod)})` : '')))}.`,
            s`The next biggest gains went to ${joinList(others.map((o) => flat(itemLink(o), o.metrics.starsInPeriod ? ` (${signed(o.metrics.starsInPeriod)})` : '')))}.`,
            s`Further down, by stars gained: ${joinList(others.map((o) => flat(itemLink(o), o.metrics.starsInPeriod ? ` (${signed(o.metrics.starsInPeriod)})` : '')))}.`,
          ])
        : null,
    ],
  };
}

export const starSurgeKind: StoryKind = {
  lead: starSurge,
  opinionTitles: ({ name }) => [
    `${name} Is the Tool of the Week`,
    `Why ${name} Deserves Its Stars`,
    `${name}: Stars With a Reason`,
  ],
  opinionTheses: ({ top, link, num, mark }) => {
    if (top?.kind !== 'repository') return null;
    mark('starsInPeriod');
    const gained = num('starsInPeriod') ?? top.metrics.starsInPeriod ?? 0;
    return [
      s`${link} gained ${count(gained, 'star')}, more than any repository on GitHub’s list, and that is developers voting with their bookmarks.`,
      s`no repository on GitHub’s list gained more than ${link}’s ${count(gained, 'star')}, which makes it the tool to try this week.`,
    ];
  },
};
