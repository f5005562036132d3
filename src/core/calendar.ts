/**
 * @module core/calendar
 * Calendar names and day parsing done by hand (no locale data, no clock), so every renderer and
 * writer prints a date the same way on every machine.
 */
export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export interface DayParts {
  year: number;
  /** 1–12. */
  month: number;
  date: number;
}

/** The parts of a `YYYY-MM-DD…` string, or null when it does not start with one. */
export function dayParts(day: string): DayParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), date: Number(match[3]) };
}
