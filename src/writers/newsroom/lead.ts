/**
 * @module writers/newsroom/lead
 * The lead story: a headline, a one-sentence standfirst and three or four paragraphs, framed by
 * the kind of story the planner chose (a weekend surge of independents reads differently from a
 * repository's star surge). Paragraphs: the news, who is behind it, what surrounds it, and a
 * closing line (with "Previously in the Post" when an earlier edition covered the subject).
 */
import type { EditionPlan, PlannedItem, Story } from '../../core/plan.js';
import type { Inline, Paragraph } from '../../core/text.js';
import { unprinted } from '../prose/memory.js';
import {
  capitalize,
  compact,
  count,
  listText,
  numberWord,
  ordinal,
  parameters,
  percent,
  relativeDay,
  signed,
  titleCase,
  windowPhrase,
} from './format.js';
import {
  authorLink,
  authorName,
  flat,
  itemLink,
  joinList,
  paragraph,
  plain,
  possessiveSuffix,
  s,
  shortName,
} from './links.js';
import { type Voice, voice } from './phrases.js';
import { planItems, signalSentence } from './signals.js';
import {
  byAuthor,
  changeClause,
  DOMAIN_PURPOSE,
  DOMAIN_WORDS,
  describe,
  factNumber,
  groupSentence,
  metric,
  plainRoster,
  previouslySentence,
  withCounts,
} from './story.js';

export interface StoryText {
  title: string;
  standfirst: string;
  paragraphs: Paragraph[];
}

interface Frame {
  headlines: [string, ...string[]];
  standfirst: string;
  news: Array<Inline[] | null>;
  /** Who is behind it; by default, the story's items grouped by author. */
  people?: Array<Inline[] | null>;
  context: Array<Inline[] | null>;
}

interface Ctx {
  plan: EditionPlan;
  story: Story;
  v: Voice;
  /** "this Sunday". */
  today: string;
}

export function leadText(plan: EditionPlan): StoryText {
  const v = voice(plan.date, 'lead');
  const story = plan.lead;
  if (!story) return noLead(plan, v);
  const ctx: Ctx = { plan, story, v, today: relativeDay(plan.date, plan.date) };
  const frame = frameFor(ctx);
  const people = frame.people ?? roster(ctx, story.items);
  const paragraphs = [paragraph(...frame.news), paragraph(...people), paragraph(...frame.context)].filter(
    (p) => p.length > 0,
  );
  // What only our history can say about the story, then where the Post covered it before.
  const items = planItems(plan);
  const history = plan.signals
    .filter((signal) => story.signals.includes(signal.id))
    .slice(0, 2)
    .map((signal) => signalSentence(signal, plan, items, v));
  const closing = paragraph(...history, previouslySentence(story, plan, v));
  if (closing.length > 0) paragraphs.push(closing);
  if (paragraphs.length < 3) {
    const extra = paragraph(medianSentence(plan), listSizeSentence(plan, v));
    if (extra.length > 0) paragraphs.push(extra);
  }
  return {
    title: v.pick(`headline.${story.kind}`, unprinted(frame.headlines, plan.recent?.sentences)),
    standfirst: frame.standfirst,
    paragraphs: paragraphs.slice(0, 4),
  };
}

function frameFor(ctx: Ctx): Frame {
  switch (ctx.story.kind) {
    case 'weekend-surge':
    case 'independent-surge':
      return surge(ctx);
    case 'author-series':
      return series(ctx);
    case 'big-lab-release':
      return labRelease(ctx);
    case 'star-surge':
      return starSurge(ctx);
    case 'paper-record':
      return paperRecord(ctx);
    case 'biggest-mover':
      return biggestMover(ctx);
    default:
      return wave(ctx);
  }
}

/** The items grouped by author, one sentence each, in shapes the edition's memory varies. */
function roster(ctx: Ctx, items: readonly PlannedItem[]): Array<Inline[] | null> {
  const groups = byAuthor(items).slice(0, 4);
  return groups.map((group, i) => groupSentence(group, ctx.v, `roster${i}`));
}

const top = (story: Story): PlannedItem | undefined => story.items[0];

function specialistsSentence(items: readonly PlannedItem[], v: Voice): Inline[] | null {
  const specialists = items.filter(
    (i) => i.facts && DOMAIN_PURPOSE[i.facts.domain] && i.facts.domain !== 'multimodal',
  );
  if (specialists.length < 2) return null;
  const named = joinList(
    specialists.map((i) => flat(itemLink(i, true), ` for ${DOMAIN_PURPOSE[i.facts?.domain ?? ''] ?? ''}`)),
  );
  return v.pick('specialists', [
    s`Several are built for one job: ${named}.`,
    s`The specialists stand out: ${named}.`,
  ]);
}

function medianSentence(plan: EditionPlan): Inline[] | null {
  const m = metric(plan, 'median-parameters');
  if (!m || m.value <= 0) return null;
  return s`The median trending model has ${parameters(m.value)} parameters${changeClause(m, parameters)}.`;
}

function listSizeSentence(plan: EditionPlan, v: Voice): Inline[] | null {
  const models = plan.trending.models;
  const top = models[0];
  if (!top) return null;
  return v.pick('list-size', [
    s`${itemLink(top)} heads the ${count(models.length, 'model')} we list from the trending page.`,
    s`Of the ${count(models.length, 'trending model')} we list, ${itemLink(top)} is first.`,
  ]);
}

function noBigLabSentence(items: readonly PlannedItem[], v: Voice): Inline[] | null {
  if (items.length < 2 || !items.every((i) => i.facts && !i.facts.bigLab)) return null;
  const n = numberWord(items.length);
  return v.pick('no-lab', [
    s`None of these ${n} models comes from a big lab.`,
    s`Not one of the ${n} is from a big lab.`,
    s`All ${n} come from outside the big labs.`,
    s`The big labs are missing from these ${n}.`,
    s`Of these ${n}, no model is a big lab’s.`,
  ]);
}

function surge(ctx: Ctx): Frame {
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

function weekendShareSentence(plan: EditionPlan): Inline[] | null {
  const m = metric(plan, 'weekend-share-utc') ?? metric(plan, 'weekend-share-local');
  if (!m || m.value <= 0) return null;
  return s`And the weekend matters: ${percent(m.value)} of the week’s new models were created on a Saturday or Sunday.`;
}

function series(ctx: Ctx): Frame {
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

function wave(ctx: Ctx): Frame {
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

function plainDomain(story: Story): string | null {
  const domains = [...new Set(story.items.map((i) => i.facts?.domain).filter((d) => d && DOMAIN_WORDS[d]))];
  return domains.length === 1 ? (DOMAIN_WORDS[domains[0] as string] ?? null) : null;
}

function labRelease(ctx: Ctx): Frame {
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

function starSurge(ctx: Ctx): Frame {
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

function paperRecord(ctx: Ctx): Frame {
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

function biggestMover(ctx: Ctx): Frame {
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

function noLead(plan: EditionPlan, v: Voice): StoryText {
  const today = relativeDay(plan.date, plan.date);
  const first = plan.trending.models[0] ?? plan.trending.repositories[0];
  const paragraphs: Paragraph[] = [
    paragraph(
      v.pick('quiet', [
        s`Too little arrived ${today} for a lead story, so this edition keeps to the lists.`,
        s`It is a quiet ${plan.weekday}: the data we collected is too thin to carry a lead story.`,
      ]),
    ),
  ];
  if (first) {
    const counts = withCounts(first);
    paragraphs.push(
      paragraph(s`At the top of the trending list: ${itemLink(first)}${counts ? `, ${counts}` : ''}.`),
    );
  }
  return {
    title: v.pick('headline', [
      'A Quiet Morning on the Charts',
      `A Quiet ${plan.weekday}`,
      'The Lists, and Little Else',
    ]),
    standfirst: 'No lead story today: the lists and numbers below are what reached us.',
    paragraphs,
  };
}
