/**
 * @module pipeline/weekly
 * The weekly edition of a delivery day, read from the store: the week's stored editions, assembled
 * by core/weekly. Every worker that sends a weekly batch assembles the same week from the same rows.
 */
import { EditionSchema } from '../core/edition.js';
import { MorningPostError } from '../core/errors.js';
import { addDays } from '../core/history.js';
import { assembleWeekly, WEEK_DAYS, type WeeklyEdition } from '../core/weekly.js';
import type { Store } from '../store/store.js';

/** Weekdays as the config names them, Sunday first (as Date#getUTCDay counts). */
export const WEEKDAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** True when `day` (YYYY-MM-DD, the edition's day) falls on the weekly edition's weekday. */
export function isWeeklyDay(day: string, weekday: WeekdayName): boolean {
  return WEEKDAY_NAMES[new Date(`${day}T00:00:00Z`).getUTCDay()] === weekday;
}

export async function loadWeeklyEdition(
  store: Pick<Store, 'listEditions'>,
  day: string,
): Promise<WeeklyEdition> {
  const records = await store.listEditions({ before: addDays(day, 1), limit: WEEK_DAYS });
  const editions = records.flatMap((record) => {
    const parsed = EditionSchema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  });
  const weekly = assembleWeekly(day, editions);
  if (!weekly)
    throw new MorningPostError('NO_DATA', `There is no published edition in the week ending ${day}.`, {
      hint: 'The weekly edition is assembled from the daily editions of its seven days; build them first.',
    });
  return weekly;
}
