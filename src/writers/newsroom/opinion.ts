/**
 * @module writers/newsroom/opinion
 * The two opinion pieces, written from the argument the planner chose (`story.argument`): the
 * thesis with the numbers behind it, the evidence (at least three of the day's facts), the one
 * limitation the data shows, and what to watch. Labelled as opinion ("Opinion:"); the headline
 * names the subject. No sentence is general framing: each carries a name or a number of the day.
 */
import type { Argument, EditionPlan, Fact, PlannedItem, Story } from '../../core/plan.js';
import type { Inline, Paragraph } from '../../core/text.js';
import { unprinted } from '../prose/memory.js';
import {
  count,
  dayMonth,
  exact,
  listText,
  nth,
  numberWord,
  ordinal,
  parameters,
  percent,
  signed,
  titleCase,
  weekdayOf,
} from './format.js';
import { flat, itemLink, paragraph, possessiveSuffix, s, shortName } from './links.js';
import { type Voice, voice } from './phrases.js';
import { type OpinionCtx, STORY_KINDS } from './stories/index.js';
import { DOMAIN_PURPOSE } from './story.js';

export interface OpinionText {
  title: string;
  paragraphs: Paragraph[];
}

export function opinionText(plan: EditionPlan, index: 0 | 1): OpinionText {
  const v = voice(plan.date, `opinion${index + 1}`);
  const story = plan.opinions[index] ?? null;
  if (!story?.argument) return thin(plan, v);
  const a = new Facts(story, story.argument);
  const used = new Set<string>();
  const thesis = thesisSentence(story, a, v, used);
  const evidence = evidenceSentences(story, a, v, used);
  const beside = comparison(plan, story, v);
  return {
    title: titleOf(story, a, v, plan.recent?.sentences),
    paragraphs: [
      paragraph(flat('Opinion: ', thesis), ...evidence, beside),
      paragraph(counterSentence(story, story.argument, a, v), watchSentence(plan, story.argument, v)),
    ],
  };
}

/** A story's facts by field, for the sentences below. */
class Facts {
  constructor(
    readonly story: Story,
    readonly argument: Argument,
  ) {}
  get(field: string, subject?: string): Fact | undefined {
    return this.story.facts.find(
      (f) => f.field === field && (subject === undefined || f.subject === subject),
    );
  }
  num(field: string, subject?: string): number | undefined {
    const value = this.get(field, subject)?.value;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  str(field: string, subject?: string): string | undefined {
    const value = this.get(field, subject)?.value;
    return typeof value === 'string' && value ? value : undefined;
  }
  item(externalId: string): PlannedItem | undefined {
    return this.story.items.find((i) => i.externalId === externalId);
  }
}

const signalKind = (story: Story) => story.argument?.signal?.split(':')[0];

function named(a: Facts, id: string | undefined): Inline[] {
  if (!id) return ['it'];
  const item = a.item(id);
  return item ? [itemLink(item)] : [id];
}

function titleOf(story: Story, a: Facts, voiceOf: Voice, recent: readonly string[] = []): string {
  // Headlines are picked whole: never one a recent edition printed while another is left.
  const v = {
    pick: <T extends string>(slot: string, options: readonly [T, ...T[]]) =>
      voiceOf.pick(slot, unprinted(options, recent)),
  };
  const top = story.items[0];
  const name = top ? shortName(top) : story.subject.label;
  const author = top?.author ?? null;
  const slot = `title.${signalKind(story) ?? story.kind}`;
  switch (signalKind(story)) {
    case 'streak': {
      const n = a.num('weekendStreak') ?? a.num('dayStreak') ?? 0;
      const unit = a.num('weekendStreak') !== undefined ? 'Weekend' : 'Day';
      return v.pick(slot, [
        `Independents, ${titleCase(nth(n))} ${unit} Running`,
        `${n} ${unit}s On, the Independents Still Lead`,
        `The Independents’ Streak Reaches ${n} ${unit}s`,
      ]);
    }
    case 'series-gap':
      return v.pick(slot, [
        `${author ?? 'One Author'}${possessiveSuffix(author ?? 'Author')} Release Clock Is Ticking Fast`,
        `${name} and the Pace of ${author ?? 'One Author'}`,
        `What ${author ?? 'One Author'}${possessiveSuffix(author ?? 'Author')} ${name} Says About Shipping`,
      ]);
    case 'record':
      return v.pick(slot, [
        `A Record, and What ${name} Makes of It`,
        `${name} Sets a Mark Worth Reading Closely`,
      ]);
    case 'return':
      return v.pick(slot, [`${name} Comes Back`, `Why ${name} Returned to the List`]);
    case 'first':
      return v.pick(slot, [`${name} Arrives`, `First Day for ${name}: Read It Carefully`]);
    case 'median':
    case 'share-change':
      return v.pick(slot, [
        `Independents at ${percent(a.num('shareToday') ?? 0)}`,
        `The Independent Share Moves`,
      ]);
  }
  return v.pick(slot, STORY_KINDS[story.kind].opinionTitles(opinionCtx(story, a, () => undefined)));
}

function thesisSentence(story: Story, a: Facts, v: Voice, used: Set<string>): Inline[] {
  const mark = (...fields: string[]) => {
    for (const field of fields) {
      const fact = a.get(field);
      if (fact) used.add(fact.id);
    }
  };
  const slot = `thesis.${signalKind(story) ?? story.kind}`;
  switch (signalKind(story)) {
    case 'streak': {
      const weekends = a.num('weekendStreak');
      const days = a.num('dayStreak');
      const c = a.num('individualCount') ?? 0;
      const k = a.num('knownAuthorCount') ?? 0;
      mark('weekendStreak', 'dayStreak', 'individualCount', 'knownAuthorCount');
      const run = weekends !== undefined ? `${nth(weekends)} weekend` : `${nth(days ?? 0)} day`;
      return v.pick(slot, [
        s`for the ${run} running, individual developers hold most of Hugging Face’s trending models, ${exact(c)} of the ${exact(k)} with a known author, and that is now a pattern rather than a blip.`,
        s`a streak has become a habit: this is the ${run} in a row on which personal accounts hold the trending list, with ${exact(c)} of ${exact(k)} models today.`,
        s`the labs have ceded the list again: individuals hold ${exact(c)} of the ${exact(k)} trending models with a known author, the ${run} running.`,
      ]);
    }
    case 'record': {
      const created = a.num('modelsCreated');
      if (created !== undefined) {
        const best = a.num('previousRecord') ?? 0;
        mark('modelsCreated', 'previousRecord', 'createdOn');
        return v.pick(slot, [
          s`${exact(created)} new models in one day, against a previous best of ${exact(best)}, is a sign that publishing a model now costs almost nothing.`,
          s`the Hub gained ${exact(created)} new models in a single day, beating the old high of ${exact(best)}, and the sheer volume changes how anyone should read a trending list.`,
        ]);
      }
      const id = story.argument?.signal?.split(':').slice(2).join(':');
      const rank = a.num('rankToday');
      const before = a.num('bestRankBefore');
      mark('rankToday', 'bestRankBefore', 'daysOnList');
      return v.pick(slot, [
        s`${named(a, id)} at ${ordinal(rank ?? 0)}, its best rank yet after a previous best of ${ordinal(before ?? 0)}, is the kind of slow build that outlasts launch-day spikes.`,
        s`${named(a, id)} reaching ${ordinal(rank ?? 0)} after ${count(a.num('daysOnList') ?? 0, 'day')} on the list shows staying power that a one-day spike never does.`,
      ]);
    }
    case 'series-gap': {
      const hours = a.num('gapHours') ?? 0;
      const top = story.items[0];
      mark('gapHours', 'newestMember', 'previousMember');
      return v.pick(slot, [
        s`${named(a, a.str('newestMember'))} went up ${count(hours, 'hour')} after ${named(a, a.str('previousMember'))}, and a release cadence that fast is a method, not an accident.`,
        s`publishing ${named(a, a.str('newestMember'))} only ${count(hours, 'hour')} after ${named(a, a.str('previousMember'))} is iteration in public at its most literal.`,
        s`${count(hours, 'hour')} between ${named(a, a.str('previousMember'))} and ${named(a, a.str('newestMember'))} is the pace of someone testing ideas on the public list.`,
        s`${top?.author ?? 'the author'} needed ${count(hours, 'hour')} to follow ${named(a, a.str('previousMember'))} with ${named(a, a.str('newestMember'))}, and the speed is the point.`,
      ]);
    }
    case 'return': {
      const id = story.argument?.signal?.split(':').slice(1).join(':');
      mark('daysAway', 'rankToday', 'lastSeen');
      return v.pick(slot, [
        s`${named(a, id)} is back at ${ordinal(a.num('rankToday') ?? 0)} after ${count(a.num('daysAway') ?? 0, 'day')} away, and a return says more about a model than its first week did.`,
        s`a model that comes back after ${count(a.num('daysAway') ?? 0, 'day')} off the list, as ${named(a, id)} has at ${ordinal(a.num('rankToday') ?? 0)}, is being used, not just noticed.`,
      ]);
    }
    case 'first': {
      const id = story.argument?.signal?.split(':').slice(2).join(':');
      mark('firstAppearance', 'rankToday');
      return v.pick(slot, [
        s`${named(a, id)} entering the list for the first time at ${ordinal(a.num('rankToday') ?? 0)} deserves a look, and a careful one.`,
        s`a debut at ${ordinal(a.num('rankToday') ?? 0)}, as ${named(a, id)} makes today, earns attention before it earns trust.`,
      ]);
    }
    case 'median':
    case 'share-change': {
      const share = a.num('shareToday') ?? 0;
      const other = a.num('shareMedian') ?? a.num('shareYesterday') ?? 0;
      mark('shareToday', 'shareMedian', 'shareYesterday');
      return v.pick(slot, [
        s`individuals hold ${percent(share)} of trending models with a known author against ${percent(other)} ${a.num('shareMedian') !== undefined ? 'as the median of recent days' : 'the day before'}, and the gap is the story.`,
        s`at ${percent(share)} of the list, against ${percent(other)} ${a.num('shareMedian') !== undefined ? 'as a recent median' : 'yesterday'}, independent developers are moving the Hub more than any launch.`,
      ]);
    }
  }
  return kindThesis(story, a, v, slot, mark);
}

function kindThesis(
  story: Story,
  a: Facts,
  v: Voice,
  slot: string,
  mark: (...fields: string[]) => void,
): Inline[] {
  const ctx = opinionCtx(story, a, mark);
  const theses = STORY_KINDS[story.kind].opinionTheses(ctx) ?? STORY_KINDS.theme.opinionTheses(ctx);
  return theses ? v.pick(slot, theses) : s`${story.subject.label}.`;
}

/** What a story kind's opinion wording is written from. */
function opinionCtx(story: Story, a: Facts, mark: (...fields: string[]) => void): OpinionCtx {
  const top = story.items[0];
  return {
    story,
    top,
    link: top ? itemLink(top) : story.subject.label,
    name: top ? shortName(top) : story.subject.label,
    author: top?.author ?? null,
    num: (field) => a.num(field),
    mark,
  };
}

/** Sentences carrying the argument's evidence, one per subject, until three facts are cited. */
function evidenceSentences(story: Story, a: Facts, v: Voice, used: Set<string>): Inline[][] {
  const out: Inline[][] = [];
  let cited = used.size;
  const subjects = new Map<string, Fact[]>();
  for (const id of story.argument?.evidence ?? []) {
    const fact = story.facts.find((f) => f.id === id);
    if (!fact || used.has(fact.id)) continue;
    const list = subjects.get(fact.subject) ?? [];
    list.push(fact);
    subjects.set(fact.subject, list);
  }
  for (const [subject, facts] of subjects) {
    if (out.length >= 3 || (cited >= 5 && out.length >= 2)) break;
    const sentence = itemEvidence(a.item(subject), facts, v) ?? plainEvidence(facts);
    if (!sentence) continue;
    out.push(sentence);
    cited += facts.length;
  }
  // Too few facts in the evidence: the story's items carry more.
  for (const item of story.items) {
    if (cited >= 3 || out.length >= 3) break;
    if (subjects.has(item.externalId)) continue;
    const sentence = itemEvidence(item, [], v);
    if (sentence) {
      out.push(sentence);
      cited += 2;
    }
  }
  return out;
}

function itemEvidence(item: PlannedItem | undefined, facts: readonly Fact[], v: Voice): Inline[] | null {
  if (!item) return null;
  const rank = item.rank && item.rank > 0 ? ordinal(item.rank) : null;
  const m = item.metrics;
  const counts = [
    m.likes !== undefined ? count(m.likes, 'like') : '',
    m.downloads !== undefined ? count(m.downloads, 'download') : '',
    m.stars !== undefined ? count(m.stars, 'star') : '',
    m.upvotes !== undefined ? count(m.upvotes, 'upvote') : '',
  ].filter(Boolean);
  const size = item.facts?.parameters ? `${parameters(item.facts.parameters)}-parameter ` : '';
  const purpose = item.facts ? DOMAIN_PURPOSE[item.facts.domain] : undefined;
  const what = `${size}${item.kind === 'model' ? 'model' : item.kind === 'space' ? 'Space' : item.kind}${purpose ? ` for ${purpose}` : ''}`;
  if (!rank && counts.length === 0 && facts.length === 0) return null;
  // One slot for every evidence sentence, so two in one piece never share a shape.
  const slot = 'evidence';
  return v.pick(slot, [
    s`${itemLink(item)}${rank ? `, ${rank} on the list,` : ''} is a ${what}${counts.length ? ` with ${listText(counts)}` : ''}.`,
    s`Look at ${itemLink(item)}: a ${what}${rank ? ` at ${rank}` : ''}${counts.length ? `, ${listText(counts)}` : ''}.`,
    s`${counts.length ? `${capitalFirst(listText(counts))} for` : 'Then there is'} ${itemLink(item)}, a ${what}${rank ? ` ranked ${rank}` : ''}.`,
    s`Consider ${itemLink(item)}${rank ? ` at ${rank}` : ''}, a ${what}${counts.length ? ` with ${listText(counts)}` : ''}.`,
    s`${itemLink(item)} makes the point${rank ? ` from ${rank}` : ''}: a ${what}${counts.length ? `, ${listText(counts)}` : ''}.`,
    s`The numbers for ${itemLink(item)}${rank ? ` (${rank})` : ''}${counts.length ? `: ${listText(counts)}` : ''}, for a ${what}.`,
    s`Add ${itemLink(item)}, a ${what}${rank ? ` in ${rank} place` : ''}${counts.length ? ` with ${listText(counts)}` : ''}.`,
  ]);
}

/**
 * Facts of analysis (not of one item) that carry evidence, each in words a reader can use; a
 * fact without such words is left to the thesis or the counterpoint rather than printed raw.
 */
function plainEvidence(facts: readonly Fact[]): Inline[] | null {
  const value = (field: string) => {
    const fact = facts.find((f) => f.field === field);
    return typeof fact?.value === 'number' ? fact.value : undefined;
  };
  const parts: string[] = [];
  const individuals = value('individualCount');
  const known = value('knownAuthorCount');
  if (individuals !== undefined && known !== undefined)
    parts.push(
      `${exact(individuals)} of the ${exact(known)} trending models with a known author come from individuals`,
    );
  const members = value('seriesMembersTrending');
  if (members !== undefined) parts.push(`${numberWord(members)} models of the series are trending at once`);
  const themed = value('members');
  if (themed !== undefined) parts.push(`${numberWord(themed)} trending items share the theme`);
  const climbed = value('rankChange');
  if (climbed !== undefined && climbed > 0) parts.push(`it climbed ${count(climbed, 'place')}`);
  const bestBefore = value('previousBestUpvotes');
  if (bestBefore !== undefined) parts.push(`the best earlier paper had ${count(bestBefore, 'upvote')}`);
  return parts.length > 0 ? s`${capitalFirst(listText(parts))}.` : null;
}

const capitalFirst = (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);

function counterSentence(story: Story, argument: Argument, _facts: Facts, v: Voice): Inline[] {
  const c = argument.counterpoint;
  const top = story.items[0];
  const slot = `counter.${c.kind}`;
  switch (c.kind) {
    case 'few-downloads': {
      const downloads = top?.metrics.downloads ?? 0;
      const likes = top?.metrics.likes;
      return v.pick(slot, [
        s`The caution: ${top ? itemLink(top) : 'the leader'} has ${count(downloads, 'download')} so far${likes !== undefined ? ` against ${count(likes, 'like')}` : ''}, so the attention has not yet turned into use.`,
        s`Still, ${count(downloads, 'download')}${likes !== undefined ? ` beside ${count(likes, 'like')}` : ''} for ${top ? itemLink(top) : 'the leader'} means people are looking more than running it.`,
        s`A limit worth stating: ${top ? itemLink(top) : 'the leader'} counts ${count(downloads, 'download')}${likes !== undefined ? ` to ${count(likes, 'like')}` : ''}, early numbers that can fade as fast as they came.`,
        s`Use lags interest: ${count(downloads, 'download')} for ${top ? itemLink(top) : 'the leader'}${likes !== undefined ? `, ${count(likes, 'like')}` : ''}.`,
        s`${top ? itemLink(top) : 'The leader'} is liked more than it is run${likes !== undefined ? ` (${count(likes, 'like')}, ${count(downloads, 'download')})` : ''}, and that is the weakness here.`,
        s`Downloads are the honest measure, and ${top ? itemLink(top) : 'the leader'} has ${count(downloads, 'download')} of them${likes !== undefined ? ` to ${count(likes, 'like')}` : ''}.`,
      ]);
    }
    case 'anomaly':
      return v.pick(slot, [
        s`One caveat from our own checks: ${c.statement}.`,
        s`Treat part of this with care, because our checks flag it: ${c.statement}.`,
      ]);
    case 'one-day': {
      const day = weekdayOf(top?.observedAt.slice(0, 10) ?? '') || 'one day';
      return top
        ? v.pick(slot, [
            s`The limit is plain: all of this rests on ${day}’s list and ${itemLink(top)}’s place on it, and one morning’s ranking can turn.`,
            s`It is one day of data for ${itemLink(top)}, the list of ${dayMonth(story.items[0]?.observedAt.slice(0, 10) ?? '')}, and a single ranking proves less than a week of them.`,
            s`Caution is due: ${itemLink(top)} has the ${dayMonth(story.items[0]?.observedAt.slice(0, 10) ?? '')} list behind it, not a trend.`,
            s`One list, that of ${dayMonth(story.items[0]?.observedAt.slice(0, 10) ?? '')}, is all the evidence there is for ${itemLink(top)} so far.`,
            s`${itemLink(top)} may look different by next ${day}; one ranking is thin ground.`,
            s`Before anyone builds on ${itemLink(top)}, remember this is a single ${day}’s ranking.`,
            s`The weak point: ${itemLink(top)}${top.rank ? `’s ${ordinal(top.rank)} place` : ''} is one reading of one ${day}.`,
          ])
        : s`The limit is plain: all of this rests on ${day}’s list alone.`;
    }
    case 'previous-period':
      return v.pick(slot, [
        s`The counterpoint is in our own panel: ${c.statement}`,
        s`Yet the week before was stronger: ${c.statement}`,
      ]);
    case 'below-median':
      return v.pick(slot, [
        s`Against the longer record it is weaker: ${c.statement}`,
        s`Set it against recent days and it shrinks: ${c.statement}`,
      ]);
    case 'short-history':
      return v.pick(slot, [s`${c.statement}`, s`A caveat on our side: ${lowerFirst(c.statement)}`]);
  }
  return s`${c.statement}`;
}

function watchSentence(plan: EditionPlan, argument: Argument, v: Voice): Inline[] {
  const next = weekdayOf(nextDay(plan.date, plan.isWeekend ? 2 : 3));
  return v.pick('watch', [
    s`What to watch: ${argument.watch}, by ${next}.`,
    s`The test comes by ${next}: ${argument.watch}.`,
    s`We will check ${argument.watch}; ${next}’s edition will say.`,
    s`Watch ${argument.watch} before ${next}.`,
    s`Our question for ${next}: ${argument.watch}.`,
    s`By ${next} we should know ${argument.watch}.`,
    s`Next on our list, by ${next}: ${argument.watch}.`,
  ]);
}

function nextDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A day with too little for an argument: say so with the day's own numbers. */
function thin(plan: EditionPlan, v: Voice): OpinionText {
  const models = plan.trending.models.length;
  const repos = plan.trending.repositories.length;
  const top = plan.trending.models[0];
  return {
    title: v.pick('title.thin', ['Too Little Today for an Argument', `A Thin ${plan.weekday}`]),
    paragraphs: [
      paragraph(
        s`Opinion: ${count(models, 'trending model')} and ${count(repos, 'repository', 'repositories')} reached us this ${plan.weekday}, too few signals for an argument we could stand behind.`,
        top
          ? s`The list is led by ${itemLink(top)}; we will argue from it when a second day confirms it.`
          : null,
      ),
    ],
  };
}

/** The story's first item against the next one on its list, by the list's own measure. */
function comparison(plan: EditionPlan, story: Story, v: Voice): Inline[] | null {
  const top = story.items[0];
  if (!top || story.items.length > 1) return null;
  if (top.kind === 'repository') {
    const gained = top.metrics.starsInPeriod ?? 0;
    const next = plan.trending.repositories
      .filter((r) => r.itemId !== top.itemId && (r.metrics.starsInPeriod ?? 0) > 0)
      .sort((a, b) => (b.metrics.starsInPeriod ?? 0) - (a.metrics.starsInPeriod ?? 0))[0];
    const theirs = next?.metrics.starsInPeriod ?? 0;
    if (!next || gained <= 0 || theirs <= 0) return null;
    return v.pick('beside.stars', [
      s`The runner-up, ${itemLink(next)}, gained ${count(theirs, 'star')}.`,
      s`Next on the star count comes ${itemLink(next)} with ${signed(theirs)}.`,
      s`${itemLink(next)} follows at ${signed(theirs)} stars.`,
      s`Second place, ${itemLink(next)}, managed ${count(theirs, 'star')}.`,
    ]);
  }
  if (top.kind === 'paper') {
    const next = plan.reading.map((r) => r.item).find((i) => i.itemId !== top.itemId);
    if (next?.metrics.upvotes === undefined) return null;
    return v.pick('beside.paper', [
      s`The next paper, ${itemLink(next)}, has ${count(next.metrics.upvotes, 'upvote')}.`,
      s`${itemLink(next)} follows with ${count(next.metrics.upvotes, 'upvote')}.`,
      s`Behind it: ${itemLink(next)}, ${count(next.metrics.upvotes, 'upvote')}.`,
    ]);
  }
  const neighbour = plan.trending.models.find(
    (m) => m.itemId !== top.itemId && m.rank !== null && top.rank !== null && m.rank === top.rank + 1,
  );
  if (!neighbour || neighbour.metrics.likes === undefined) return null;
  return v.pick('beside.model', [
    s`Just below it sits ${itemLink(neighbour)}, with ${count(neighbour.metrics.likes, 'like')}.`,
    s`One place down: ${itemLink(neighbour)}, ${count(neighbour.metrics.likes, 'like')}.`,
    s`Its neighbour on the list, ${itemLink(neighbour)}, counts ${count(neighbour.metrics.likes, 'like')}.`,
  ]);
}

/** A plain first word in lower case, after a colon; a name keeps its case. */
function lowerFirst(text: string): string {
  const first = text.split(' ')[0] ?? '';
  return /^\p{Lu}\p{Ll}+$/u.test(first) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
