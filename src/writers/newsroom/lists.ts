/**
 * @module writers/newsroom/lists
 * The list sections: tools of the week (four one-liners), trending (models, datasets, Spaces,
 * repositories with their counts), biggest movers (rank change or new entry, over the window
 * actually compared) and the reading list (one line per paper).
 */
import type { EditionPlan, PlannedItem, ToolPick } from '../../core/plan.js';
import type { Mover } from '../../core/signals.js';
import type { Inline, ListEntry, Paragraph } from '../../core/text.js';
import { moversTitle, readingTitle, SECTIONS } from '../../core/vocabulary/names.js';
import {
  capitalize,
  count,
  listText,
  localDay,
  numberWord,
  ordinal,
  parameters,
  relativeDay,
  signed,
  windowPhrase,
  withArticle,
} from './format.js';
import { authorLink, flat, itemLink, paragraph, s } from './links.js';
import { voice } from './phrases.js';
import { countsOf, DOMAIN_WORDS } from './story.js';

export interface ListText {
  title: string;
  paragraphs: Paragraph[];
  entries: ListEntry[];
}

const by = (item: PlannedItem): Inline[] => {
  const author = authorLink(item);
  return author ? flat(' by ', author) : [];
};

function entry(item: PlannedItem, blurb: Inline[]): ListEntry {
  return { itemId: item.itemId, name: [itemLink(item)], blurb: paragraph(blurb) };
}

// ——— tools ———

function toolBlurb(plan: EditionPlan, pick: ToolPick): Inline[] {
  const { item } = pick;
  const f = item.facts;
  const m = item.metrics;
  switch (pick.slot) {
    case 'model': {
      const size = f?.parameters ? `${parameters(f.parameters)}-parameter ` : '';
      const domain = f ? (DOMAIN_WORDS[f.domain] ?? item.tagline ?? '') : (item.tagline ?? '');
      const counts = countsOf(item);
      return s`${capitalize(withArticle(`${size}${domain ? `${domain} ` : ''}model`))}${by(item)}${counts ? `, with ${counts}` : ''}.`;
    }
    case 'library': {
      const published = pick.facts.find((fact) => fact.field === 'publishedAt')?.value;
      const day = typeof published === 'string' ? localDay(published, plan.timeZone) : null;
      const repository = item.externalId.split('@')[0] ?? item.externalId;
      return s`A new release of ${repository}${day ? `, published ${relativeDay(day, plan.date)}` : ''}.`;
    }
    case 'app': {
      const sdk = item.tagline ? `${capitalize(item.tagline)} ` : '';
      return s`${capitalize(withArticle(`${sdk}app`))} on Hugging Face Spaces${by(item)}${m.likes !== undefined ? `, with ${count(m.likes, 'like')}` : ''}.`;
    }
    default: {
      const language = item.tagline ? `${item.tagline} ` : '';
      const gained = m.starsInPeriod
        ? `, ${signed(m.starsInPeriod)} ${item.list.includes('daily') ? 'today' : 'this week'}`
        : '';
      return s`${capitalize(withArticle(`${language}repository`))}${m.stars !== undefined ? ` with ${count(m.stars, 'star')}` : ''}${gained}.`;
    }
  }
}

export function toolsText(plan: EditionPlan): ListText {
  const v = voice(plan.date, 'tools');
  return {
    title: SECTIONS.tools.title,
    paragraphs: [
      paragraph(plan.tools.length > 0 ? toolsIntro(plan, v) : s`No tools to recommend from today’s lists.`),
    ],
    entries: plan.tools.map((pick) => entry(pick.item, toolBlurb(plan, pick))),
  };
}

// ——— trending ———

function trendingBlurb(item: PlannedItem): Inline[] {
  const kind = item.kind === 'space' ? 'Space' : item.kind;
  const m = item.metrics;
  const parts: string[] = [];
  if (m.likes !== undefined) parts.push(count(m.likes, 'like'));
  if (m.downloads !== undefined) parts.push(count(m.downloads, 'download'));
  if (m.stars !== undefined) parts.push(count(m.stars, 'star'));
  if (m.starsInPeriod)
    parts.push(`${signed(m.starsInPeriod)} ${item.list.includes('daily') ? 'today' : 'this week'}`);
  const tag = item.tagline ? ` (${item.tagline})` : '';
  const place = item.rank !== null && item.rank > 0 ? `, ${ordinal(item.rank)} on the list` : '';
  return s`${capitalize(kind)}${tag}${by(item)}${place}${parts.length > 0 ? `: ${listText(parts)}` : ''}.`;
}

export function trendingText(plan: EditionPlan): ListText {
  const v = voice(plan.date, 'trending');
  const { models, datasets, spaces, repositories } = plan.trending;
  const all = [...models, ...datasets, ...spaces, ...repositories];
  const mostLiked = [...models].sort((a, b) => (b.metrics.likes ?? 0) - (a.metrics.likes ?? 0))[0];
  const topRepo = [...repositories].sort(
    (a, b) => (b.metrics.starsInPeriod ?? 0) - (a.metrics.starsInPeriod ?? 0),
  )[0];
  const intro = paragraph(
    all.length > 0
      ? v.pick('intro', [
          s`${count(models.length, 'model')}, ${count(datasets.length, 'dataset')}, ${count(spaces.length, 'Space')} and ${count(repositories.length, 'repository', 'repositories')} make today’s lists.`,
          s`Today’s lists hold ${count(models.length, 'model')} and ${count(repositories.length, 'repository', 'repositories')}, with ${count(datasets.length, 'dataset')} and ${count(spaces.length, 'Space')} beside them.`,
          s`We list ${count(models.length + datasets.length + spaces.length, 'trending Hub item')} this morning, and ${count(repositories.length, 'repository', 'repositories')}.`,
          s`On the Hub, ${count(models.length, 'model')} lead our lists; on GitHub, ${count(repositories.length, 'repository', 'repositories')}.`,
          s`This morning’s tables: ${count(models.length, 'model')}, ${count(datasets.length, 'dataset')}, ${count(spaces.length, 'Space')}, ${count(repositories.length, 'repository', 'repositories')}.`,
        ])
      : s`The trending lists were empty this morning.`,
    models[0]
      ? v.pick('top', [
          s`${itemLink(models[0])} tops the models.`,
          s`First among the models: ${itemLink(models[0])}.`,
          s`The models are led by ${itemLink(models[0])}.`,
          s`At the head of the models sits ${itemLink(models[0])}.`,
          s`${itemLink(models[0])} is the first model on the list.`,
          s`Top of the models this morning: ${itemLink(models[0])}.`,
          s`Number one among the models is ${itemLink(models[0])}.`,
          s`${itemLink(models[0])} holds the first place among the models.`,
        ])
      : null,
    mostLiked?.metrics.likes && mostLiked !== models[0]
      ? v.pick('liked', [
          s`The most liked among them is ${itemLink(mostLiked)}, with ${count(mostLiked.metrics.likes, 'like')}.`,
          s`No model has more likes than ${itemLink(mostLiked)}’s ${count(mostLiked.metrics.likes, 'like')}.`,
          s`${count(mostLiked.metrics.likes, 'like')} make ${itemLink(mostLiked)} the most liked.`,
          s`For likes, ${itemLink(mostLiked)} leads with ${count(mostLiked.metrics.likes, 'like')}.`,
          s`${itemLink(mostLiked)} collects the most likes: ${count(mostLiked.metrics.likes, 'like')}.`,
          s`Most liked: ${itemLink(mostLiked)}, ${count(mostLiked.metrics.likes, 'like')}.`,
          s`${itemLink(mostLiked)} is the readers’ favourite, at ${count(mostLiked.metrics.likes, 'like')}.`,
          s`The like count is highest for ${itemLink(mostLiked)}: ${count(mostLiked.metrics.likes, 'like')}.`,
        ])
      : null,
    topRepo?.metrics.starsInPeriod
      ? v.pick('stars', [
          s`On GitHub, ${itemLink(topRepo)} gained the most stars: ${signed(topRepo.metrics.starsInPeriod)}.`,
          s`${itemLink(topRepo)} leads GitHub’s repositories with ${signed(topRepo.metrics.starsInPeriod)} stars.`,
          s`Among repositories, ${signed(topRepo.metrics.starsInPeriod)} stars put ${itemLink(topRepo)} first.`,
          s`${itemLink(topRepo)} gained ${signed(topRepo.metrics.starsInPeriod)} stars, the most on GitHub’s list.`,
          s`GitHub’s biggest gain belongs to ${itemLink(topRepo)}: ${signed(topRepo.metrics.starsInPeriod)} stars.`,
          s`No repository gained more than ${itemLink(topRepo)}’s ${signed(topRepo.metrics.starsInPeriod)} stars.`,
          s`Stars went fastest to ${itemLink(topRepo)}: ${signed(topRepo.metrics.starsInPeriod)}.`,
          s`${itemLink(topRepo)} tops GitHub’s repositories by stars gained, ${signed(topRepo.metrics.starsInPeriod)}.`,
        ])
      : null,
  );
  return {
    title: SECTIONS.trending.title,
    paragraphs: [intro],
    entries: all.map((item) => entry(item, trendingBlurb(item))),
  };
}

// ——— movers ———

function moverBlurb(mover: Mover): Inline[] {
  const window = windowPhrase(mover.windowDays);
  const now = mover.rankNow !== null ? ordinal(mover.rankNow) : null;
  const gains: string[] = [];
  if (mover.likesGained)
    gains.push(`${signed(mover.likesGained)} ${mover.likesGained === 1 ? 'like' : 'likes'}`);
  if (mover.downloadsGained)
    gains.push(`${signed(mover.downloadsGained)} ${mover.downloadsGained === 1 ? 'download' : 'downloads'}`);
  if (mover.starsGained)
    gains.push(`${signed(mover.starsGained)} ${mover.starsGained === 1 ? 'star' : 'stars'}`);
  const gained = gains.length > 0 ? `; ${gains.join(', ')}` : '';
  if (mover.isNew || mover.rankChange === null) {
    const since =
      mover.windowDays === 7
        ? 'this week'
        : mover.windowDays === 1
          ? 'since yesterday'
          : `in the last ${count(mover.windowDays, 'day')}`;
    return s`New to the list ${since}${now ? `, now ${now}` : ''}${gained}.`;
  }
  const change = mover.rankChange;
  const direction = change > 0 ? 'Up' : change < 0 ? 'Down' : 'Holding';
  const places = change === 0 ? '' : ` ${count(Math.abs(change), 'place')}`;
  return s`${direction}${places}${now ? `${change === 0 ? ' at' : ' to'} ${now}` : ''} ${window}${gained}.`;
}

export function moversText(plan: EditionPlan): ListText {
  const v = voice(plan.date, 'movers');
  const days = plan.movers.windowDays;
  const title = moversTitle(days);
  const first = plan.movers.items[0];
  const intro =
    days <= 0
      ? s`We have no earlier list to compare with yet; movers return once a second day is collected.`
      : !first
        ? s`No model climbed the trending list ${windowPhrase(days)}.`
        : v.pick('intro', [
            s`${itemLink(first.item)} leads ${count(plan.movers.items.length, 'climber')} ${windowPhrase(days)}.`,
            s`${count(plan.movers.items.length, 'model')} rose ${windowPhrase(days)}, ${itemLink(first.item)} furthest.`,
            s`The furthest climb ${windowPhrase(days)} belongs to ${itemLink(first.item)}, first of ${count(plan.movers.items.length, 'mover')}.`,
            s`Up the list ${windowPhrase(days)}: ${itemLink(first.item)} and ${count(plan.movers.items.length - 1, 'other')}.`,
            s`${itemLink(first.item)} made the longest climb ${windowPhrase(days)}.`,
            s`Climbing hardest ${windowPhrase(days)}: ${itemLink(first.item)}, ahead of ${count(plan.movers.items.length - 1, 'other mover')}.`,
            s`${count(plan.movers.items.length, 'model')} moved up ${windowPhrase(days)}; ${itemLink(first.item)} moved most.`,
            s`First among ${numberWord(plan.movers.items.length)} climbers ${windowPhrase(days)} is ${itemLink(first.item)}.`,
          ]);
  return {
    title,
    paragraphs: [paragraph(intro)],
    entries: plan.movers.items.map(({ item, mover }) => entry(item, moverBlurb(mover))),
  };
}

// ——— reading ———

export function readingText(plan: EditionPlan): ListText {
  const v = voice(plan.date, 'reading');
  return {
    title: readingTitle(plan.isWeekend),
    paragraphs: [
      paragraph(plan.reading.length > 0 ? readingIntro(plan, v) : s`No new papers reached us today.`),
    ],
    entries: plan.reading.map(({ item, facts }) => {
      const upvotes = facts.find((f) => f.field === 'upvotes')?.value ?? item.metrics.upvotes;
      const authors = facts.find((f) => f.field === 'authorCount' || f.field === 'authors')?.value;
      const parts: Inline[][] = [];
      if (typeof upvotes === 'number')
        parts.push(s`${count(upvotes, 'upvote')} on Hugging Face’s daily papers`);
      else parts.push(s`New on ${item.source === 'arxiv' ? 'arXiv' : 'Hugging Face’s daily papers'}`);
      if (typeof authors === 'number') parts.push(s`, by ${count(authors, 'author')}`);
      if (item.tagline) parts.push(s`; ${item.tagline}`);
      return entry(item, flat(...parts, '.'));
    }),
  };
}

function toolsIntro(plan: EditionPlan, v: ReturnType<typeof voice>): Inline[] {
  const first = plan.tools[0]?.item;
  const last = plan.tools.at(-1)?.item;
  if (!first || !last || first === last) return s`One pick from this week’s lists.`;
  return v.pick('intro', [
    s`This week’s ${count(plan.tools.length, 'pick')} run from ${itemLink(first)} to ${itemLink(last)}.`,
    s`From ${itemLink(first)} to ${itemLink(last)}: ${count(plan.tools.length, 'pick')}, one of each kind.`,
    s`${capitalize(numberWord(plan.tools.length))} tools to try, starting with ${itemLink(first)}.`,
    s`Our ${count(plan.tools.length, 'pick')} end with ${itemLink(last)}.`,
    s`${itemLink(first)} opens this week’s picks; ${itemLink(last)} closes them.`,
    s`This week: ${itemLink(first)}, and ${count(plan.tools.length - 1, 'more pick')} after it.`,
    s`Start with ${itemLink(first)}, end with ${itemLink(last)}.`,
    s`${capitalize(numberWord(plan.tools.length))} picks, ${itemLink(last)} among them.`,
  ]);
}

function readingIntro(plan: EditionPlan, v: ReturnType<typeof voice>): Inline[] {
  const top = plan.reading[0]?.item;
  const upvotes = top?.metrics.upvotes;
  if (!top || upvotes === undefined)
    return s`${capitalize(numberWord(plan.reading.length))} new papers, one line each.`;
  return v.pick('intro', [
    s`${capitalize(numberWord(plan.reading.length))} papers, led by ${itemLink(top)} with ${count(upvotes, 'upvote')}.`,
    s`${itemLink(top)} heads the reading with ${count(upvotes, 'upvote')}.`,
    s`Readers gave ${count(upvotes, 'upvote')} to ${itemLink(top)}, the first of ${numberWord(plan.reading.length)} papers here.`,
    s`Start with ${itemLink(top)} (${count(upvotes, 'upvote')}), then ${count(plan.reading.length - 1, 'more paper')}.`,
    s`The most upvoted paper we list is ${itemLink(top)}, with ${count(upvotes, 'upvote')}.`,
    s`${count(upvotes, 'upvote')} put ${itemLink(top)} at the top of the reading.`,
    s`First on the reading list: ${itemLink(top)}, ${count(upvotes, 'upvote')}.`,
    s`${itemLink(top)} leads ${numberWord(plan.reading.length)} papers with ${count(upvotes, 'upvote')}.`,
  ]);
}
