/**
 * @module renderers/site/format
 * Numbers and dates as the page prints them. Dates are formatted by hand from the edition's own
 * strings (no locale data, no clock), so a page renders byte for byte the same everywhere.
 */
import { dayParts, MONTHS, WEEKDAYS } from '../../core/calendar.js';
import type { Metric, Mover } from '../../core/signals.js';

const parts = dayParts;

/** `2026-08-23` → `Sunday, 23 August 2026`. */
export function longDate(day: string): string {
  const p = parts(day);
  if (!p) return day;
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.date)).getUTCDay()];
  return `${weekday}, ${p.date} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** `2026-08-23` → `23 August 2026`. */
export function mediumDate(day: string): string {
  const p = parts(day);
  return p ? `${p.date} ${MONTHS[p.month - 1]} ${p.year}` : day;
}

/** `2026-08-23` → `August 2026`. */
export function monthTitle(day: string): string {
  const p = parts(day);
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

const UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

function scaled(value: number, suffixes: (unit: string) => string): string {
  const sign = value < 0 ? '-' : '';
  let abs = Math.abs(value);
  for (let i = 0; i < UNITS.length; i++) {
    const [size, unit] = UNITS[i] as readonly [number, string];
    if (abs >= size * 0.9995) {
      let shown = Math.round((abs / size) * 10) / 10;
      // 999,950 rounds to 1000k: say 1M instead.
      if (shown >= 1000 && i > 0) {
        const [bigger, biggerUnit] = UNITS[i - 1] as readonly [number, string];
        shown = Math.round((abs / bigger) * 10) / 10;
        return `${sign}${trim(shown)}${suffixes(biggerUnit)}`;
      }
      return `${sign}${trim(shown)}${suffixes(unit)}`;
    }
  }
  abs = Math.round(abs * 10) / 10;
  return `${sign}${trim(abs)}`;
}

const trim = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** 1250 → `1.3k`, 1_900_000 → `1.9M`, 57 → `57`. */
export function compact(value: number): string {
  return scaled(value, (unit) => unit);
}

/** A parameter count: 41_000_000 → `41M`, 1_540_000_000 → `1.5B`. */
export function parameters(value: number): string {
  return scaled(value, (unit) => unit.toUpperCase());
}

export function signed(value: number): string {
  return value > 0 ? `+${compact(value)}` : compact(value);
}

/** What a mover gained, each count with its sign: `+1.2k likes`, `+340 stars`. */
export function moverGains(mover: Mover): string[] {
  return [
    mover.likesGained ? `${signed(mover.likesGained)} likes` : '',
    mover.starsGained ? `${signed(mover.starsGained)} stars` : '',
    mover.downloadsGained ? `${signed(mover.downloadsGained)} downloads` : '',
  ].filter(Boolean);
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

export function metricValue(metric: Pick<Metric, 'unit'>, value: number): string {
  switch (metric.unit) {
    case 'share':
      return percent(value);
    case 'parameters':
      return parameters(value);
    default:
      return compact(value);
  }
}

/** Cuts a label for places that cannot wrap (SVG text), keeping whole code points. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
