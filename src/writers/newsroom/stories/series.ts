/**
 * @module writers/newsroom/stories/series
 * author-series: one author's numbered models trending together. The lead's frame (headlines, standfirst, news, people, context) and the opinion's
 * headlines and thesis, together: every sentence written about this kind of story is here.
 */
import { capitalize, count, listText, numberWord, ordinal, parameters, titleCase } from '../format.js';
import { authorLink, authorName, itemLink, joinList, possessiveSuffix, s, shortName } from '../links.js';
import { describe, factNumber, withCounts } from '../story.js';

import { type Ctx, type Frame, type StoryKind, top } from './shared.js';

export function series(ctx: Ctx): Frame {
  const { story, v, today } = ctx;
  const members = factNumber(story.facts, 'seriesMembersTrending') ?? story.items.length;
  const first = top(story);
  const author = first ? authorName(first) : null;
  const who = first ? authorLink(first) : null;
  const links = joinList(story.items.map((i) => itemLink(i, true)));
  const ranks = listText(story.items.flatMap((i) => (i.rank ? [ordinal(i.rank)] : [])));
  const names = listText(story.items.map((i) => shortName(i)));
  const sameSize = story.items.every(
    (i) => i.facts?.parameters && i.facts.parameters === story.items[0]?.facts?.parameters,
  );
  const size = story.items[0]?.facts?.parameters;
  return {
    headlines: [
      titleCase(
        `${author ? `${author}${possessiveSuffix(author)}` : 'one developer’s'} ${names} take ${numberWord(members)} places on the trending list`,
      ),
      titleCase(`one developer, ${numberWord(members)} trending models: ${names}`),
      titleCase(`a numbered series from ${author ?? 'one account'} climbs the charts`),
    ],
    standfirst: `${capitalize(numberWord(members))} numbers of one series, one author: ${names}.`,
    news: [
      v.pick('news', [
        s`${who ?? 'One developer'} has ${numberWord(members)} models of one numbered series on Hugging Face’s trending list ${today}: ${links}${ranks ? `, at ${ranks}` : ''}.`,
        s`A numbered series from ${who ?? 'one developer'} holds ${numberWord(members)} places on Hugging Face’s trending list ${today}: ${links}${ranks ? `, at ${ranks}` : ''}.`,
      ]),
      null,
    ],
    people: story.items.map((item) => {
      const counts = withCounts(item);
      return s`${itemLink(item, true)} is ${describe(item)}${counts ? `, ${counts}` : ''}.`;
    }),
    context: [
      sameSize && size
        ? s`They share a size, ${parameters(size)} parameters, which suggests one recipe refined from version to version.`
        : null,
      first?.facts?.authorKind === 'individual' ? s`The account belongs to an individual, not a lab.` : null,
    ],
  };
}

export const seriesKind: StoryKind = {
  lead: series,
  opinionTitles: ({ name, author }) => [
    `${author ?? name}${possessiveSuffix(author ?? name)} Numbered Experiments`,
    `Iteration in Public: ${author ?? name}`,
  ],
  opinionTheses: ({ story, top, num, mark }) => {
    mark('seriesMembersTrending');
    const n = num('seriesMembersTrending') ?? story.items.length;
    const ranks = listText(story.items.flatMap((i) => (i.rank ? [ordinal(i.rank)] : [])));
    return [
      s`${top?.author ?? 'one developer'} has ${numberWord(n)} models of one numbered series trending at once${ranks ? `, at ${ranks}` : ''}, and shipping in small numbered steps is beating grand launches.`,
      s`${numberWord(n)} numbered models from ${top?.author ?? 'one developer'} on one trending list${ranks ? `, at ${ranks},` : ''} is what iterating in public looks like.`,
      s`one author, ${top?.author ?? 'one developer'}, holds ${ranks || count(n, 'place')} on the list with a numbered series, and that habit of shipping small beats any launch.`,
    ];
  },
};
