/**
 * @module writers/newsroom/lists
 * The list sections: tools of the week (four one-liners), trending (models, datasets, Spaces,
 * repositories with their counts), biggest movers (rank change or new entry, over the window
 * actually compared) and the reading list (one line per paper).
 */
import type { EditionPlan, PlannedItem, ToolPick } from '../../core/plan.js';
import type { Mover } from '../../core/signals.js';
import type { Inline, ListEntry, Paragraph } from '../../core/text.js';
import {
  capitalize,
  count,
  listText,
  localDay,
  ordinal,
  parameters,
  relativeDay,
  signed,
  windowPhrase,
  withArticle,
} from './format.js';
import { authorLink, flat, itemLink, paragraph, s } from './links.js';
import { READING_INTROS, TOOLS_INTROS, TRENDING_INTROS, voice } from './phrases.js';
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
    title: 'Tools of the Week',
    paragraphs: [
      paragraph(
        plan.tools.length > 0
          ? s`${v.pick('intro', TOOLS_INTROS)}`
          : s`No tools to recommend from today’s lists.`,
      ),
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
    all.length > 0 ? s`${v.pick('intro', TRENDING_INTROS)}` : s`The trending lists were empty this morning.`,
    models[0] ? s`${itemLink(models[0])} tops the models.` : null,
    mostLiked?.metrics.likes && mostLiked !== models[0]
      ? s`The most liked among them is ${itemLink(mostLiked)}, with ${count(mostLiked.metrics.likes, 'like')}.`
      : null,
    topRepo?.metrics.starsInPeriod
      ? s`On GitHub, ${itemLink(topRepo)} gained the most stars: ${signed(topRepo.metrics.starsInPeriod)}.`
      : null,
  );
  return {
    title: 'Trending: What’s Gaining Momentum',
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
  const title =
    days === 7
      ? 'Biggest Movers This Week'
      : days === 1
        ? 'Biggest Movers Since Yesterday'
        : days > 0
          ? `Biggest Movers Over ${days} Days`
          : 'Biggest Movers';
  const first = plan.movers.items[0];
  const intro =
    days <= 0
      ? s`We have no earlier list to compare with yet; movers return once a second day is collected.`
      : !first
        ? s`No model climbed the trending list ${windowPhrase(days)}.`
        : v.pick('intro', [
            s`The models that climbed Hugging Face’s trending list ${windowPhrase(days)}, and the newcomers.`,
            s`Who rose ${windowPhrase(days)}: climbers and new entries on Hugging Face’s trending list.`,
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
    title: plan.isWeekend ? 'Weekend Reading' : 'Reading List',
    paragraphs: [
      paragraph(
        plan.reading.length > 0 ? s`${v.pick('intro', READING_INTROS)}` : s`No new papers reached us today.`,
      ),
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
