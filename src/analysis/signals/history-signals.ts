/**
 * @module analysis/signals/history-signals
 * What only a stored history can say about the day, each signal with the facts behind it:
 *
 * | kind | found when | strength |
 * |---|---|---|
 * | streak | individuals hold most trending models (known author kind) on this weekend and the weekends before it (≥ 2 running), or on ≥ 3 days running | clamp(run / 4) |
 * | record | the most models created in a day (from the next morning's new-models list) in the stored history, by 10% or more (≥ 7 earlier days counted); a model's best rank yet (≥ 3 earlier days ranked, now top 10) | 0.9; 0.3 + 0.5 × (1 − rank / 10) |
 * | first | a model's first appearance on the list (history ≥ 7 days, now top 5); a domain leading the specialised domains for the first time (≥ 7 earlier days) | 0.4 + 0.1 × (5 − rank); 0.6 |
 * | return | a model back in the top 20 after ≥ 3 days with data away | clamp(days away / 10) |
 * | weekday | models created the day before against the same weekday a week earlier, when they differ by ≥ 25% | clamp(|change| / 100%) |
 * | median | individuals' share against the median of up to 30 earlier days (≥ 7), ≥ 8 points apart | clamp(points / 30) |
 * | series-gap | the newest two members of a trending numbered series, created ≤ 72 h apart, the newest in the last 3 days | 0.5 + 0.5 × (1 − hours / 72) |
 * | share-change | individuals' share moved ≥ 15 points since the day before | clamp(points / 40) |
 *
 * "Since records began" is said only when the window reaches back before the first stored day;
 * otherwise a record is "in N days". Weekends are Saturday and Sunday of the edition's date.
 * Pure: everything comes from the History and the item facts.
 */
import { addDays, daysBetween, type History, type HistoryObservation } from '../../core/history.js';
import { compareText } from '../../core/order.js';
import type { Fact, HistorySignal, Subject } from '../../core/plan.js';
import type { ItemFacts, Series } from '../../core/signals.js';
import { median } from './period.js';

export const STREAK_MIN_WEEKENDS = 2;
export const STREAK_MIN_DAYS = 3;
export const RECORD_MIN_DAYS = 7;
/** A new-models record must beat the old one by this factor. */
export const RECORD_MARGIN = 1.1;
export const RETURN_MIN_DAYS_AWAY = 3;
export const WEEKDAY_MIN_CHANGE = 0.25;
export const MEDIAN_MIN_POINTS = 8;
export const MEDIAN_WINDOW = 30;
export const SERIES_GAP_MAX_HOURS = 72;
export const SHARE_CHANGE_MIN_POINTS = 15;

interface Day {
  day: string;
  takenAt: string;
  trending: HistoryObservation[];
  /** Individuals' share of trending models with a known author kind (null: fewer than 4 known). */
  share: number | null;
  individuals: number;
  known: number;
  /** Models created on the day before (the last whole day), as that morning's new-models list shows. */
  newModels: number | null;
  /** The most common specialised domain among trending models, with its count. */
  topDomain: { domain: string; count: number } | null;
}

const clamp = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
const round3 = (v: number) => Math.round(v * 1000) / 1000;
const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

function fact(subject: string, field: string, value: Fact['value'], observedAt: string, label: string): Fact {
  return { id: `analysis:${subject}:${field}`, source: 'analysis', subject, field, value, observedAt, label };
}

/** How many trending models come from individuals, of how many with a known author. */
function countFacts(subject: string, today: Day): Fact[] {
  return [
    fact(
      subject,
      'individualCount',
      today.individuals,
      today.takenAt,
      'trending models by individual accounts',
    ),
    fact(
      subject,
      'knownAuthorCount',
      today.known,
      today.takenAt,
      'trending models whose author kind is known',
    ),
  ];
}

/** Individuals' share of trending models today (the caller has checked there is one). */
function shareTodayFact(today: Day, share: number): Fact {
  return fact(
    'independents',
    'shareToday',
    round3(share),
    today.takenAt,
    'share of trending models by individual accounts today',
  );
}

function summarise(
  history: History,
  facts: ReadonlyMap<number, ItemFacts>,
  items: ReadonlyMap<number, History['items'][number]>,
): Day[] {
  const byDay = new Map<string, { trending: HistoryObservation[]; fresh: Set<number>; takenAt: string }>();
  for (const o of history.observations) {
    if (o.day > history.day) continue;
    const entry = byDay.get(o.day) ?? { trending: [], fresh: new Set<number>(), takenAt: o.takenAt };
    byDay.set(o.day, entry);
    if (o.source === 'hf-models' && o.list === 'trending') {
      entry.trending.push(o);
      if (o.takenAt > entry.takenAt) entry.takenAt = o.takenAt;
    } else if (o.source === 'hf-new-models') {
      // The list is read in the morning: count the models created on the whole day before.
      const created = items.get(o.itemId)?.attributes.createdAt?.slice(0, 10);
      if (created === addDays(o.day, -1)) entry.fresh.add(o.itemId);
    }
  }
  return [...byDay.entries()]
    .filter(([, entry]) => entry.trending.length > 0)
    .sort(([a], [b]) => compareText(a, b))
    .map(([day, entry]) => {
      const trending = [...entry.trending].sort(
        (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
      );
      let individuals = 0;
      let known = 0;
      const domains = new Map<string, number>();
      for (const o of trending) {
        const f = facts.get(o.itemId);
        if (f?.authorKind) known += 1;
        if (f?.authorKind === 'individual') individuals += 1;
        if (f && f.domain !== 'general' && f.domain !== 'multimodal')
          domains.set(f.domain, (domains.get(f.domain) ?? 0) + 1);
      }
      const top = [...domains].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0];
      return {
        day,
        takenAt: entry.takenAt,
        trending,
        share: known >= 4 ? individuals / known : null,
        individuals,
        known,
        newModels: entry.fresh.size > 0 ? entry.fresh.size : null,
        topDomain: top && top[1] >= 2 ? { domain: top[0], count: top[1] } : null,
      };
    });
}

export interface HistorySignalOptions {
  series: readonly Series[];
}

/** The day's history signals, strongest first. */
export function findHistorySignals(
  history: History,
  facts: ReadonlyMap<number, ItemFacts>,
  options: HistorySignalOptions,
): HistorySignal[] {
  const items = new Map(history.items.map((item) => [item.id, item]));
  const days = summarise(history, facts, items);
  const today = days.at(-1);
  if (!today || today.day !== history.day) return [];
  const earlier = days.slice(0, -1);
  const ctx: Ctx = {
    history,
    facts,
    today,
    earlier,
    items,
    // The window reaches back before the first stored day: a record is then one of all our history.
    sinceStart: (days[0]?.day ?? history.day) > history.from,
    firstDay: days[0]?.day ?? history.day,
  };
  const found = [
    ...streaks(ctx),
    ...newModelsRecord(ctx),
    ...bestRanks(ctx),
    ...firstAppearances(ctx),
    ...firstTopDomain(ctx),
    ...returns(ctx),
    ...sameWeekday(ctx),
    ...againstMedian(ctx),
    ...seriesGaps(ctx, options.series),
    ...shareChange(ctx),
  ];
  return found
    .map((signal) => ({ ...signal, strength: round3(signal.strength) }))
    .sort((a, b) => b.strength - a.strength || compareText(a.id, b.id));
}

interface Ctx {
  history: History;
  facts: ReadonlyMap<number, ItemFacts>;
  today: Day;
  earlier: Day[];
  items: ReadonlyMap<number, History['items'][number]>;
  sinceStart: boolean;
  firstDay: string;
}

const surgeSubject: Subject = { type: 'surge', key: 'independents', label: 'Individual developers' };

function itemSubject(ctx: Ctx, itemId: number): Subject {
  const item = ctx.items.get(itemId);
  return { type: 'item', key: `model:${item?.externalId ?? itemId}`, label: item?.title ?? String(itemId) };
}

function streaks(ctx: Ctx): HistorySignal[] {
  const { today, earlier } = ctx;
  if (today.share === null || today.share <= 0.5) return [];
  const out: HistorySignal[] = [];
  if (isWeekend(today.day)) {
    // Walk back weekend by weekend: each needs data and a majority on every weekend day it has.
    let weekends = 1;
    let saturday = weekdayOf(today.day) === 6 ? today.day : addDays(today.day, -1);
    for (;;) {
      saturday = addDays(saturday, -7);
      const weekend = earlier.filter((d) => d.day === saturday || d.day === addDays(saturday, 1));
      if (weekend.length === 0 || weekend.some((d) => d.share === null || d.share <= 0.5)) break;
      weekends += 1;
    }
    if (weekends >= STREAK_MIN_WEEKENDS) {
      const subject = 'weekend-independents';
      out.push({
        id: 'streak:weekend-independents',
        kind: 'streak',
        subject: { ...surgeSubject, key: subject },
        itemIds: [],
        strength: clamp(weekends / 4),
        statement: `Individuals hold most trending models for the ${weekends}${suffix(weekends)} weekend running (${today.individuals} of ${today.known} today).`,
        facts: [
          fact(
            subject,
            'weekendStreak',
            weekends,
            today.takenAt,
            'weekends running on which individuals hold most trending models',
          ),
          ...countFacts(subject, today),
        ],
      });
    }
  }
  let run = 1;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const day = earlier[i] as Day;
    const next = i === earlier.length - 1 ? today : (earlier[i + 1] as Day);
    if (daysBetween(day.day, next.day) !== 1 || day.share === null || day.share <= 0.5) break;
    run += 1;
  }
  if (run >= STREAK_MIN_DAYS && out.length === 0) {
    out.push({
      id: 'streak:independents-days',
      kind: 'streak',
      subject: surgeSubject,
      itemIds: [],
      strength: clamp(run / 8),
      statement: `Individuals hold most trending models for the ${run}${suffix(run)} day running.`,
      facts: [
        fact(
          'independents',
          'dayStreak',
          run,
          today.takenAt,
          'days running on which individuals hold most trending models',
        ),
        ...countFacts('independents', today),
      ],
    });
  }
  return out;
}

function scope(ctx: Ctx, compared: number): { text: string; fact: Fact } {
  return ctx.sinceStart
    ? {
        text: `since our records began on ${ctx.firstDay}`,
        fact: fact(
          'records',
          'recordsBegan',
          ctx.firstDay,
          ctx.today.takenAt,
          'the first day of our records',
        ),
      }
    : {
        text: `in ${compared + 1} days`,
        fact: fact('records', 'daysCompared', compared + 1, ctx.today.takenAt, 'days of records compared'),
      };
}

function newModelsRecord(ctx: Ctx): HistorySignal[] {
  const { today } = ctx;
  const counted = ctx.earlier.filter((d) => d.newModels !== null);
  if (today.newModels === null || counted.length < RECORD_MIN_DAYS) return [];
  const best = Math.max(...counted.map((d) => d.newModels ?? 0));
  // A record by a hair is noise: it must beat the old one by a tenth.
  if (today.newModels < best * RECORD_MARGIN || today.newModels <= best) return [];
  const bestDay = counted.find((d) => d.newModels === best)?.day ?? '';
  const where = scope(ctx, counted.length);
  return [
    {
      id: 'record:new-models',
      kind: 'record',
      subject: { type: 'metric', key: 'new-models', label: 'New models in a day' },
      itemIds: [],
      strength: 0.9,
      statement: `${today.newModels} new models were created on ${addDays(today.day, -1)}, the most in a day ${where.text} (previous best ${best}, on ${addDays(bestDay, -1)}).`,
      facts: [
        ...createdFacts(today),
        fact(
          'new-models',
          'previousRecord',
          best,
          today.takenAt,
          'the previous most models created in a day',
        ),
        fact(
          'new-models',
          'previousRecordDay',
          addDays(bestDay, -1),
          today.takenAt,
          'the day of the previous record',
        ),
        where.fact,
      ],
    },
  ];
}

function bestRanks(ctx: Ctx): HistorySignal[] {
  const out: HistorySignal[] = [];
  for (const o of ctx.today.trending.slice(0, 10)) {
    if (o.rank === null) continue;
    const before = ctx.earlier.flatMap((d) =>
      d.trending.filter((e) => e.itemId === o.itemId && e.rank !== null).map((e) => e.rank as number),
    );
    if (before.length < 3) continue;
    const best = Math.min(...before);
    if (o.rank >= best) continue;
    const subject = itemSubject(ctx, o.itemId);
    const id = ctx.items.get(o.itemId)?.externalId ?? String(o.itemId);
    out.push({
      id: `record:best-rank:${id}`,
      kind: 'record',
      subject,
      itemIds: [o.itemId],
      strength: 0.3 + 0.5 * (1 - o.rank / 10),
      statement: `${id} reaches ${o.rank}${suffix(o.rank)}, its best rank in ${before.length + 1} days on the list (best before: ${best}${suffix(best)}).`,
      facts: [
        fact(id, 'rankToday', o.rank, o.takenAt, 'rank today on the trending list'),
        fact(id, 'bestRankBefore', best, o.takenAt, 'best rank on earlier days'),
        fact(id, 'daysOnList', before.length + 1, o.takenAt, 'days on the trending list'),
      ],
    });
  }
  return out.sort((a, b) => b.strength - a.strength).slice(0, 2);
}

function firstAppearances(ctx: Ctx): HistorySignal[] {
  if (ctx.earlier.length < RECORD_MIN_DAYS) return [];
  const seenBefore = new Set<number>();
  for (const o of ctx.history.observations) if (o.day < ctx.today.day) seenBefore.add(o.itemId);
  return ctx.today.trending
    .slice(0, 5)
    .filter((o) => o.rank !== null && !seenBefore.has(o.itemId))
    .slice(0, 2)
    .map((o) => {
      const id = ctx.items.get(o.itemId)?.externalId ?? String(o.itemId);
      const rank = o.rank as number;
      return {
        id: `first:appearance:${id}`,
        kind: 'first' as const,
        subject: itemSubject(ctx, o.itemId),
        itemIds: [o.itemId],
        strength: 0.4 + 0.1 * (5 - rank),
        statement: `${id} enters the trending list for the first time, at ${rank}${suffix(rank)}.`,
        facts: [
          fact(id, 'firstAppearance', ctx.today.day, o.takenAt, 'first day on our lists'),
          fact(id, 'rankToday', rank, o.takenAt, 'rank today on the trending list'),
        ],
      };
    });
}

function firstTopDomain(ctx: Ctx): HistorySignal[] {
  const top = ctx.today.topDomain;
  const counted = ctx.earlier.filter((d) => d.topDomain !== null);
  if (!top || counted.length < RECORD_MIN_DAYS) return [];
  if (counted.some((d) => d.topDomain?.domain === top.domain)) return [];
  const key = `domain=${top.domain}`;
  const where = scope(ctx, ctx.earlier.length);
  return [
    {
      id: `first:top-domain:${top.domain}`,
      kind: 'first',
      subject: { type: 'theme', key, label: top.domain },
      itemIds: ctx.today.trending
        .filter((o) => ctx.facts.get(o.itemId)?.domain === top.domain)
        .map((o) => o.itemId),
      strength: 0.6,
      statement: `${top.domain} leads the specialised domains on the trending list for the first time ${where.text}, with ${top.count} models.`,
      facts: [
        fact(
          key,
          'firstTimeTopDomain',
          top.domain,
          ctx.today.takenAt,
          'domain leading the trending list for the first time',
        ),
        fact(key, 'domainModels', top.count, ctx.today.takenAt, `trending ${top.domain} models`),
        where.fact,
      ],
    },
  ];
}

function returns(ctx: Ctx): HistorySignal[] {
  const out: HistorySignal[] = [];
  for (const o of ctx.today.trending.slice(0, 20)) {
    if (o.rank === null) continue;
    const present = ctx.earlier.filter((d) => d.trending.some((e) => e.itemId === o.itemId));
    const last = present.at(-1);
    if (!last) continue;
    const away = ctx.earlier.filter((d) => d.day > last.day).length;
    if (away < RETURN_MIN_DAYS_AWAY) continue;
    const id = ctx.items.get(o.itemId)?.externalId ?? String(o.itemId);
    const days = daysBetween(last.day, ctx.today.day);
    out.push({
      id: `return:${id}`,
      kind: 'return',
      subject: itemSubject(ctx, o.itemId),
      itemIds: [o.itemId],
      strength: clamp(days / 10),
      statement: `${id} is back on the trending list at ${o.rank}${suffix(o.rank)} after ${days} days away (last seen ${last.day}).`,
      facts: [
        fact(id, 'daysAway', days, o.takenAt, 'days since last on the trending list'),
        fact(id, 'lastSeen', last.day, o.takenAt, 'last day on the trending list before today'),
        fact(id, 'rankToday', o.rank, o.takenAt, 'rank today on the trending list'),
      ],
    });
  }
  return out.sort((a, b) => b.strength - a.strength).slice(0, 1);
}

/** The count of models created the day before, and that day. */
function createdFacts(today: Day): Fact[] {
  return [
    fact('new-models', 'modelsCreated', today.newModels, today.takenAt, 'models created on the day before'),
    fact('new-models', 'createdOn', addDays(today.day, -1), today.takenAt, 'the day they were created'),
  ];
}

function sameWeekday(ctx: Ctx): HistorySignal[] {
  const { today } = ctx;
  const lastWeek = ctx.earlier.find((d) => d.day === addDays(today.day, -7));
  if (today.newModels === null || !lastWeek?.newModels) return [];
  const change = (today.newModels - lastWeek.newModels) / lastWeek.newModels;
  if (Math.abs(change) < WEEKDAY_MIN_CHANGE) return [];
  return [
    {
      id: 'weekday:new-models',
      kind: 'weekday',
      subject: { type: 'metric', key: 'new-models', label: 'New models' },
      itemIds: [],
      strength: clamp(Math.abs(change)),
      statement: `${today.newModels} new models were created on ${addDays(today.day, -1)}, against ${lastWeek.newModels} on the same weekday a week earlier.`,
      facts: [
        ...createdFacts(today),
        fact(
          'new-models',
          'newModelsLastWeek',
          lastWeek.newModels,
          today.takenAt,
          'models created on the same weekday a week earlier',
        ),
        fact(
          'new-models',
          'lastWeekDay',
          addDays(lastWeek.day, -1),
          today.takenAt,
          'the same weekday last week',
        ),
      ],
    },
  ];
}

function againstMedian(ctx: Ctx): HistorySignal[] {
  const { today } = ctx;
  const shares = ctx.earlier
    .slice(-MEDIAN_WINDOW)
    .map((d) => d.share)
    .filter((s): s is number => s !== null);
  const middle = median(shares);
  if (today.share === null || middle === null || shares.length < RECORD_MIN_DAYS) return [];
  const points = Math.round(today.share * 100) - Math.round(middle * 100);
  if (Math.abs(points) < MEDIAN_MIN_POINTS) return [];
  return [
    {
      id: 'median:individual-share',
      kind: 'median',
      subject: surgeSubject,
      itemIds: [],
      strength: clamp(Math.abs(points) / 30),
      statement: `Individuals hold ${Math.round(today.share * 100)}% of trending models with a known author, against a median of ${Math.round(middle * 100)}% over the previous ${shares.length} days.`,
      facts: [
        shareTodayFact(today, today.share),
        fact(
          'independents',
          'shareMedian',
          round3(middle),
          today.takenAt,
          `median share of trending models by individuals over ${shares.length} days`,
        ),
        fact('independents', 'medianDays', shares.length, today.takenAt, 'days in the median'),
      ],
    },
  ];
}

function seriesGaps(ctx: Ctx, series: readonly Series[]): HistorySignal[] {
  const trending = new Set(ctx.today.trending.map((o) => o.itemId));
  // News while the newest member is new: created in the last three days.
  const weekAgo = Date.parse(`${addDays(ctx.today.day, -2)}T00:00:00Z`);
  const endOfDay = Date.parse(`${ctx.today.day}T23:59:59.999Z`);
  const out: HistorySignal[] = [];
  for (const s of series) {
    const members = s.members
      .map((id, i) => ({
        id,
        label: s.labels[i] ?? '',
        created: Date.parse(ctx.items.get(id)?.attributes.createdAt ?? ''),
      }))
      .filter((m) => Number.isFinite(m.created) && m.created <= endOfDay);
    const newest = members.at(-1);
    const before = members.at(-2);
    if (!newest || !before || !trending.has(newest.id) || newest.created < weekAgo) continue;
    const hours = Math.round((newest.created - before.created) / 3_600_000);
    if (hours < 0 || hours > SERIES_GAP_MAX_HOURS) continue;
    const newestId = ctx.items.get(newest.id)?.externalId ?? '';
    const beforeId = ctx.items.get(before.id)?.externalId ?? '';
    out.push({
      id: `series-gap:${s.key}`,
      kind: 'series-gap',
      subject: { type: 'series', key: s.key, label: `${s.author}'s ${s.stem} series` },
      itemIds: [before.id, newest.id],
      strength: 0.5 + 0.5 * (1 - hours / SERIES_GAP_MAX_HOURS),
      statement: `${newestId} was published ${hours} hours after ${beforeId}.`,
      facts: [
        fact(
          s.key,
          'gapHours',
          hours,
          ctx.today.takenAt,
          `hours between ${before.label} and ${newest.label}`,
        ),
        fact(s.key, 'newestMember', newestId, ctx.today.takenAt, 'newest member of the series'),
        fact(s.key, 'previousMember', beforeId, ctx.today.takenAt, 'the member before it'),
      ],
    });
  }
  return out.sort((a, b) => b.strength - a.strength).slice(0, 1);
}

function shareChange(ctx: Ctx): HistorySignal[] {
  const { today } = ctx;
  const yesterday = ctx.earlier.at(-1);
  if (!yesterday || daysBetween(yesterday.day, today.day) !== 1) return [];
  if (today.share === null || yesterday.share === null) return [];
  const points = Math.round(today.share * 100) - Math.round(yesterday.share * 100);
  if (Math.abs(points) < SHARE_CHANGE_MIN_POINTS) return [];
  return [
    {
      id: 'share-change:individual-share',
      kind: 'share-change',
      subject: surgeSubject,
      itemIds: [],
      strength: clamp(Math.abs(points) / 40),
      statement: `Individuals' share of trending models moved ${points > 0 ? 'up' : 'down'} ${Math.abs(points)} points in a day, to ${Math.round(today.share * 100)}%.`,
      facts: [
        shareTodayFact(today, today.share),
        fact(
          'independents',
          'shareYesterday',
          round3(yesterday.share),
          today.takenAt,
          'share of trending models by individual accounts the day before',
        ),
        fact(
          'independents',
          'shareChangePoints',
          points,
          today.takenAt,
          'change of the share in points since the day before',
        ),
      ],
    },
  ];
}

function suffix(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return 'th';
  return n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
}
