/**
 * @module core/weekly
 * The weekly edition: what weekly readers get instead of seven dailies, assembled from the week's
 * stored editions (the seven days ending on the delivery day). It holds only what those editions
 * measured: the lead story of each day, the biggest movers over the newest edition's seven-day
 * window (computed from the week's observations by the planner), and the week's most upvoted
 * papers (each paper once, at its highest count). Pure: the same editions give the same week.
 */

import type { Edition } from './edition.js';
import { addDays } from './history.js';
import type { EditionPlan, PlannedItem } from './plan.js';

export interface WeeklyLead {
  date: string;
  number: number;
  headline: string;
}

export interface WeeklyEdition {
  /** The delivery day: the last day of the week (the key of its delivery rows). */
  date: string;
  /** The first day of the week: `date` less six days. */
  from: string;
  /** Daily editions found in the week, oldest first. */
  leads: WeeklyLead[];
  /** From the newest edition of the week: its window (7 when a week of history was there). */
  movers: EditionPlan['movers'] & { asOf: string };
  /** The week's papers by upvotes, most first, each once. */
  papers: PlannedItem[];
}

export const WEEK_DAYS = 7;
const PAPERS = 8;

/** The first day of the week that ends on `day`. */
export const weekStart = (day: string): string => addDays(day, -(WEEK_DAYS - 1));

/**
 * The week ending on `day` from its published editions (any order; others are ignored). Undefined
 * when the week has no edition: there is nothing to send.
 */
export function assembleWeekly(day: string, editions: readonly Edition[]): WeeklyEdition | undefined {
  const from = weekStart(day);
  const week = editions
    .filter((e) => e.status === 'published' && e.date >= from && e.date <= day)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const newest = week.at(-1);
  if (!newest) return undefined;
  const papers = new Map<string, PlannedItem>();
  for (const edition of week) {
    const items = [
      ...edition.plan.reading.map((entry) => entry.item),
      ...[edition.plan.lead, edition.plan.deepDive, ...edition.plan.opinions].flatMap((s) => s?.items ?? []),
    ];
    for (const item of items) {
      if (item.kind !== 'paper' || item.metrics.upvotes === undefined) continue;
      const key = `${item.source}:${item.externalId}`;
      const seen = papers.get(key);
      if (!seen || (seen.metrics.upvotes ?? 0) < item.metrics.upvotes) papers.set(key, item);
    }
  }
  return {
    date: day,
    from,
    leads: week.map((e) => ({ date: e.date, number: e.number, headline: e.text.headline })),
    movers: { ...newest.plan.movers, asOf: newest.date },
    papers: [...papers.values()]
      .sort(
        (a, b) =>
          (b.metrics.upvotes ?? 0) - (a.metrics.upvotes ?? 0) ||
          (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
      )
      .slice(0, PAPERS),
  };
}
