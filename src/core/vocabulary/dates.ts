/**
 * @module core/vocabulary/dates
 * The one way the Post prints a date. Days are `YYYY-MM-DD` strings formatted by hand (no locale
 * data, no clock), so an edition reads byte for byte the same on every machine. A string that is
 * not a day prints as given.
 */
import { dayParts, MONTHS, WEEKDAYS } from '../calendar.js';
import { count, finite } from './numbers.js';

function utc(day: string): number | null {
  const p = dayParts(day);
  return p ? Date.UTC(p.year, p.month - 1, p.date) : null;
}

/** `2026-08-23` → `Sunday` (empty when it is not a day). */
export function weekdayOf(day: string): string {
  const t = utc(day);
  return t === null ? '' : (WEEKDAYS[new Date(t).getUTCDay()] as string);
}

/** `2026-08-23` → `23 August 2026` (the year left out when `sameYearAs` is in the same year). */
export function dayMonth(day: string, sameYearAs?: string): string {
  const p = dayParts(day);
  if (!p) return day;
  const year = sameYearAs && dayParts(sameYearAs)?.year === p.year ? '' : ` ${p.year}`;
  return `${p.date} ${MONTHS[p.month - 1]}${year}`;
}

/** `2026-08-23` → `Sunday, 23 August 2026`: the dateline of an edition. */
export function longDate(day: string): string {
  return dayParts(day) ? `${weekdayOf(day)}, ${dayMonth(day)}` : day;
}

/** `2026-08-23` → `23 August 2026`. */
export function mediumDate(day: string): string {
  return dayMonth(day);
}

/** `2026-08-23` → `August 2026`. */
export function monthTitle(day: string): string {
  const p = dayParts(day);
  return p ? `${MONTHS[p.month - 1]} ${p.year}` : day;
}

/** An ISO timestamp → `23 Aug 2026, 06:00 UTC`. */
export function timestamp(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const month = MONTHS[time.getUTCMonth()]?.slice(0, 3);
  const hh = String(time.getUTCHours()).padStart(2, '0');
  const mm = String(time.getUTCMinutes()).padStart(2, '0');
  return `${time.getUTCDate()} ${month} ${time.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** Whole days from `edition` to `day` (negative: in the past). */
export function daysFrom(edition: string, day: string): number | null {
  const a = utc(edition);
  const b = utc(day);
  return a === null || b === null ? null : Math.round((b - a) / 86_400_000);
}

/**
 * A day as the edition of `edition` would say it: "this Sunday" (the edition's own day),
 * "yesterday", "on Thursday" (earlier this week), "last Sunday" (a week ago), "tomorrow",
 * otherwise "on 12 August".
 */
export function relativeDay(day: string, edition: string): string {
  const diff = daysFrom(edition, day);
  if (diff === null) return `on ${day}`;
  if (diff === 0) return `this ${weekdayOf(day)}`;
  if (diff === -1) return 'yesterday';
  if (diff === 1) return 'tomorrow';
  if (diff < -1 && diff > -7) return `on ${weekdayOf(day)}`;
  if (diff === -7) return `last ${weekdayOf(day)}`;
  return `on ${dayMonth(day, edition)}`;
}

/** The calendar day of an ISO timestamp in a time zone (UTC when the zone is unknown). */
export function localDay(timestamp: string, timeZone: string): string | null {
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return null;
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(t);
  } catch {
    return new Date(t).toISOString().slice(0, 10);
  }
}

/** "over 7 days", "over the past day", never pretending a week when fewer days were compared. */
export function windowPhrase(days: number): string {
  const value = Math.max(0, Math.trunc(finite(days)));
  if (value === 7) return 'over the past week';
  if (value === 1) return 'since yesterday';
  return `over ${count(value, 'day')}`;
}
