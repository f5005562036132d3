/**
 * @module writers/newsroom/signals
 * History signals as sentences: the streak, the record, the first appearance, the return, the
 * same weekday last week, the 30-day median, the series gap and the share change. Every number
 * comes from the signal's facts; each kind has its own phrasings, remembered like any slot.
 */
import {
  type EditionPlan,
  type Fact,
  type HistorySignal,
  type PlannedItem,
  planItems,
} from '../../core/plan.js';
import type { Inline } from '../../core/text.js';
import {
  capitalize,
  count,
  dayMonth,
  exact,
  nth,
  numberWord,
  ordinal,
  percent,
  weekdayOf,
} from './format.js';
import { itemLink, s } from './links.js';
import type { Voice } from './phrases.js';

function value(facts: readonly Fact[], field: string): Fact['value'] | undefined {
  return facts.find((f) => f.field === field)?.value;
}
function num(facts: readonly Fact[], field: string): number {
  const v = value(facts, field);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
function str(facts: readonly Fact[], field: string): string {
  const v = value(facts, field);
  return typeof v === 'string' ? v : '';
}

/** Every item the plan names, by external id, so a signal can link what it mentions. */
export function planItemsById(plan: EditionPlan): Map<string, PlannedItem> {
  const map = new Map<string, PlannedItem>();
  for (const item of planItems(plan)) if (!map.has(item.externalId)) map.set(item.externalId, item);
  return map;
}

function name(items: ReadonlyMap<string, PlannedItem>, id: string): Inline {
  const item = items.get(id);
  return item ? itemLink(item) : id;
}

/** "since our records began on 1 October" or "in 30 days". */
function scope(facts: readonly Fact[], edition: string): string {
  const began = str(facts, 'recordsBegan');
  return began
    ? `since our records began on ${dayMonth(began, edition)}`
    : `in ${count(num(facts, 'daysCompared'), 'day')}`;
}

/** One sentence for a signal; `v` remembers which phrasing each kind used. */
export function signalSentence(
  signal: HistorySignal,
  plan: EditionPlan,
  items: ReadonlyMap<string, PlannedItem>,
  v: Voice,
): Inline[] {
  const f = signal.facts;
  const slot = `signal.${signal.kind}`;
  const subjectId = signal.id
    .split(':')
    .slice(signal.kind === 'return' ? 1 : 2)
    .join(':');
  switch (signal.kind) {
    case 'streak': {
      const weekends = value(f, 'weekendStreak');
      const run =
        typeof weekends === 'number' ? `${nth(weekends)} weekend` : `${nth(num(f, 'dayStreak'))} day`;
      return v.pick(slot, [
        s`It is the ${run} running on which individuals hold most of the list.`,
        s`That makes it the ${run} in a row that personal accounts lead.`,
        s`Count it as the ${run} straight with independents on top.`,
        s`No lab has broken the run: this is the ${run} of independent majorities.`,
      ]);
    }
    case 'record': {
      if (value(f, 'modelsCreated') !== undefined) {
        const on = weekdayOf(str(f, 'createdOn'));
        return v.pick(slot, [
          s`${exact(num(f, 'modelsCreated'))} new models were created on the Hub on ${on}, the most in a day ${scope(f, plan.date)}; the previous high was ${exact(num(f, 'previousRecord'))}.`,
          s`${on}’s ${exact(num(f, 'modelsCreated'))} new models are a record ${scope(f, plan.date)}, past the ${exact(num(f, 'previousRecord'))} of ${dayMonth(str(f, 'previousRecordDay'), plan.date)}.`,
          s`A record day for new models: ${exact(num(f, 'modelsCreated'))} created on ${on}, against a previous best of ${exact(num(f, 'previousRecord'))} ${scope(f, plan.date)}.`,
        ]);
      }
      return v.pick(`${slot}.rank`, [
        s`${name(items, subjectId)} reaches ${ordinal(num(f, 'rankToday'))}, its best rank in ${count(num(f, 'daysOnList'), 'day')} on the list.`,
        s`At ${ordinal(num(f, 'rankToday'))}, ${name(items, subjectId)} beats its previous best of ${ordinal(num(f, 'bestRankBefore'))}.`,
        s`${name(items, subjectId)} has never ranked higher than today’s ${ordinal(num(f, 'rankToday'))} (before, ${ordinal(num(f, 'bestRankBefore'))} at best).`,
        s`A new high for ${name(items, subjectId)}: ${ordinal(num(f, 'rankToday'))}, after ${count(num(f, 'daysOnList'), 'day')} on the list.`,
        s`${ordinal(num(f, 'rankToday'))} is the best place yet for ${name(items, subjectId)}, whose previous best was ${ordinal(num(f, 'bestRankBefore'))}.`,
      ]);
    }
    case 'first': {
      const domain = str(f, 'firstTimeTopDomain');
      if (domain)
        return v.pick(`${slot}.domain`, [
          s`For the first time ${scope(f, plan.date)}, ${domain} leads the specialised models on the list, with ${exact(num(f, 'domainModels'))}.`,
          s`${capitalize(numberWord(num(f, 'domainModels')))} ${domain} models make ${domain} the list’s leading speciality, a first ${scope(f, plan.date)}.`,
        ]);
      return v.pick(slot, [
        s`${name(items, subjectId)} enters the list for the first time, at ${ordinal(num(f, 'rankToday'))}.`,
        s`A debut: ${name(items, subjectId)} appears on our lists for the first time, straight in at ${ordinal(num(f, 'rankToday'))}.`,
        s`New to our records today, ${name(items, subjectId)} starts at ${ordinal(num(f, 'rankToday'))}.`,
      ]);
    }
    case 'return':
      return v.pick(slot, [
        s`${name(items, subjectId)} is back at ${ordinal(num(f, 'rankToday'))} after ${count(num(f, 'daysAway'), 'day')} away.`,
        s`After ${count(num(f, 'daysAway'), 'day')} off the list, ${name(items, subjectId)} returns at ${ordinal(num(f, 'rankToday'))}.`,
        s`Gone since ${dayMonth(str(f, 'lastSeen'), plan.date)}, ${name(items, subjectId)} is trending again, ${ordinal(num(f, 'rankToday'))} today.`,
      ]);
    case 'weekday': {
      const now = num(f, 'modelsCreated');
      const then = num(f, 'newModelsLastWeek');
      const day = weekdayOf(str(f, 'lastWeekDay'));
      return v.pick(slot, [
        s`${exact(now)} new models were created on the Hub this ${day}, against ${exact(then)} the ${day} before.`,
        s`Compared with the ${day} before, new models ${now > then ? 'rose' : 'fell'} from ${exact(then)} to ${exact(now)} this ${day}.`,
        s`A week ago, ${day} brought ${exact(then)} new models; this ${day} brought ${exact(now)}.`,
      ]);
    }
    case 'median':
      return v.pick(slot, [
        s`Individuals’ share of trending models stands at ${percent(num(f, 'shareToday'))}, against a median of ${percent(num(f, 'shareMedian'))} over the previous ${count(num(f, 'medianDays'), 'day')}.`,
        s`Set against the median of the last ${count(num(f, 'medianDays'), 'day')}, ${percent(num(f, 'shareMedian'))}, today’s ${percent(num(f, 'shareToday'))} for individuals is ${num(f, 'shareToday') > num(f, 'shareMedian') ? 'high' : 'low'}.`,
        s`The independents’ ${percent(num(f, 'shareToday'))} today compares with a ${count(num(f, 'medianDays'), 'day')} median of ${percent(num(f, 'shareMedian'))}.`,
      ]);
    case 'series-gap':
      return v.pick(slot, [
        s`${name(items, str(f, 'newestMember'))} went up ${count(num(f, 'gapHours'), 'hour')} after ${name(items, str(f, 'previousMember'))}.`,
        s`Only ${count(num(f, 'gapHours'), 'hour')} separate ${name(items, str(f, 'previousMember'))} from ${name(items, str(f, 'newestMember'))}.`,
        s`The gap between ${name(items, str(f, 'previousMember'))} and ${name(items, str(f, 'newestMember'))}: ${count(num(f, 'gapHours'), 'hour')}.`,
      ]);
    case 'share-change': {
      const points = num(f, 'shareChangePoints');
      return v.pick(slot, [
        s`Individuals’ share moved ${points > 0 ? 'up' : 'down'} ${count(Math.abs(points), 'point')} in a day, from ${percent(num(f, 'shareYesterday'))} to ${percent(num(f, 'shareToday'))}.`,
        s`In one day the independents’ share went from ${percent(num(f, 'shareYesterday'))} to ${percent(num(f, 'shareToday'))}.`,
      ]);
    }
  }
}
