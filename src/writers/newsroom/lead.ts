/**
 * @module writers/newsroom/lead
 * The lead story: a headline, a one-sentence standfirst and three or four paragraphs, framed by
 * the kind of story the planner chose (a weekend surge of independents reads differently from a
 * repository's star surge). Paragraphs: the news, who is behind it, what surrounds it, and a
 * closing line (with "Previously in the Post" when an earlier edition covered the subject).
 */
import type { EditionPlan } from '../../core/plan.js';
import type { Paragraph } from '../../core/text.js';
import { unprinted } from '../prose/memory.js';
import { relativeDay } from './format.js';
import { itemLink, paragraph, s } from './links.js';
import { type Voice, voice } from './phrases.js';
import { planItemsById, signalSentence } from './signals.js';
import { STORY_KINDS } from './stories/index.js';
import { type Ctx, listSizeSentence, medianSentence, roster } from './stories/shared.js';
import { previouslySentence, withCounts } from './story.js';

export interface StoryText {
  title: string;
  standfirst: string;
  paragraphs: Paragraph[];
}

export function leadText(plan: EditionPlan): StoryText {
  const v = voice(plan.date, 'lead');
  const story = plan.lead;
  if (!story) return noLead(plan, v);
  const ctx: Ctx = { plan, story, v, today: relativeDay(plan.date, plan.date) };
  const frame = STORY_KINDS[story.kind].lead(ctx);
  const people = frame.people ?? roster(ctx, story.items);
  const paragraphs = [paragraph(...frame.news), paragraph(...people), paragraph(...frame.context)].filter(
    (p) => p.length > 0,
  );
  // What only our history can say about the story, then where the Post covered it before.
  const items = planItemsById(plan);
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
