/**
 * @module analysis/signals/weekend
 * Share of new models released on Saturday or Sunday, by their createdAt, once in UTC and once in
 * the edition's time zone: a model created on Friday evening in Los Angeles is a Saturday model in
 * UTC, and readers in the edition's zone would call it Friday's.
 */
import { MorningPostError } from '../../core/errors.js';
import { addDays } from '../../core/history.js';
import type { Metric } from '../../core/signals.js';
import { type Measured, type Period, seenIn, toMetric } from './period.js';
import type { SeriesIndex } from './series-index.js';

/** createdAt before this is nonsense for a model on the Hub (it opened to models well after). */
export const EARLIEST_PLAUSIBLE_CREATED_AT = Date.parse('2015-01-01T00:00:00Z');

/** A weekday reader for an IANA zone; throws a configuration error for an unknown zone. */
export function weekdayIn(timeZone: string): (instant: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' });
  } catch (cause) {
    throw new MorningPostError('CONFIG_INVALID', `Unknown time zone "${timeZone}"`, {
      hint: 'Use an IANA time zone name such as "Europe/London" or "UTC".',
      cause,
    });
  }
  return (instant) => format.format(instant);
}

const isWeekend = (weekday: string) => weekday === 'Sat' || weekday === 'Sun';

/**
 * Parses createdAt; null (and counted as nonsense by the caller) when unparsable, before
 * EARLIEST_PLAUSIBLE_CREATED_AT or after the end of the edition day.
 */
export function plausibleCreatedAt(createdAt: string | undefined, editionDay: string): number | null {
  if (createdAt === undefined) return null;
  const instant = Date.parse(createdAt);
  const latest = Date.parse(`${addDays(editionDay, 1)}T00:00:00Z`);
  return Number.isFinite(instant) && instant >= EARLIEST_PLAUSIBLE_CREATED_AT && instant < latest
    ? instant
    : null;
}

function measure(
  index: SeriesIndex,
  p: Period,
  weekday: (instant: number) => string,
  zoneLabel: string,
): Measured | null {
  const seen = seenIn(index, 'hf-new-models', 'new', p);
  if (seen.covered.length === 0) return null;
  const start = Date.parse(`${p.start}T00:00:00Z`);
  const end = Date.parse(`${addDays(p.end, 1)}T00:00:00Z`);
  let weekend = 0;
  let counted = 0;
  let nonsense = 0;
  for (const itemId of seen.latest.keys()) {
    const createdAt = index.items.get(itemId)?.attributes.createdAt;
    const instant = plausibleCreatedAt(createdAt, index.day);
    if (instant === null) {
      if (createdAt !== undefined) nonsense += 1;
      continue;
    }
    // Only models created inside the period: the list also shows the days before it.
    if (instant < start || instant >= end) continue;
    counted += 1;
    if (isWeekend(weekday(instant))) weekend += 1;
  }
  const notes = [
    `${weekend} of ${counted} new models created ${p.start}..${p.end} (UTC) fell on a weekend in ${zoneLabel}`,
  ];
  if (nonsense > 0) notes.push(`${nonsense} with a nonsense createdAt ignored`);
  return {
    value: counted === 0 ? 0 : weekend / counted,
    covered: seen.covered,
    breakdown: [
      { label: 'weekend', value: weekend },
      { label: 'weekday', value: counted - weekend },
    ],
    note: notes.join('; '),
  };
}

/** The two weekend-share metrics (UTC and the edition's zone) for a period and the one before. */
export function weekendMetrics(
  index: SeriesIndex,
  current: Period,
  previous: Period,
  timeZone: string,
): Metric[] {
  const utc = weekdayIn('UTC');
  const local = weekdayIn(timeZone);
  return [
    toMetric(
      'weekend-share-utc',
      'New models released on Saturday or Sunday (UTC)',
      'share',
      measure(index, current, utc, 'UTC'),
      measure(index, previous, utc, 'UTC'),
    ),
    toMetric(
      'weekend-share-local',
      `New models released on Saturday or Sunday (${timeZone})`,
      'share',
      measure(index, current, local, timeZone),
      measure(index, previous, local, timeZone),
    ),
  ].filter((m): m is Metric => m !== null);
}
