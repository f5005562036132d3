/**
 * @module core/vocabulary/numbers
 * The one way the Post prints a number, in prose, charts, email, Telegram and feeds alike: a reader
 * must never see 0.5B in the text and 494M on the chart beside it. Every function is total: a
 * non-finite number prints as 0 rather than leaking `NaN` into an edition.
 *
 * The rules, one per kind of value:
 * - compact counts: one decimal below 100 of a unit, whole numbers from 100 up, `.0` dropped, and the
 *   next unit once the rounded figure reaches 1,000: 57, 412, 1.3k, 41k, 150.5k → 151k,
 *   999,960 → 1M, 3.4B. Whole figures from 100 up keep chart labels short, and three significant
 *   figures are all a reader of a daily list can use.
 * - parameters: as model cards say them, in billions from 450M up: 270M, 0.5B, 1.5B, 71B.
 * - shares: whole percent; a share above zero that rounds to 0 is "under 1%".
 *
 * The fact-check accepts any rounding of a value at the precision printed, so each rule here may
 * change without touching it, as long as it rounds rather than truncates.
 */

export const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

/** One decimal place, without a trailing `.0`. */
function oneDecimal(n: number): string {
  // Math.round on tenths, not toFixed: 2.15 should print 2.2 as a reader would round it.
  return (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

/** The figure of a scaled value: one decimal below 100, whole from 100 up. */
function figure(scaled: number): string {
  return scaled < 100 ? oneDecimal(scaled) : String(Math.round(scaled));
}

/** 1,234,567: the exact value, with thousands separators (and at most two decimals). */
export function exact(n: number): string {
  const value = finite(n);
  const [whole = '0', fraction] = Math.abs(value).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction.slice(0, 2)}` : ''}`;
}

const UNITS: ReadonlyArray<readonly [number, string]> = [
  [1, ''],
  [1e3, 'k'],
  [1e6, 'M'],
  [1e9, 'B'],
];

/** 57, 412, 1.3k, 41k, 151k, 3.4M, 1.2B: counts as the Post prints them everywhere. */
export function compact(n: number): string {
  const value = finite(n);
  const abs = Math.abs(value);
  const sign = value < 0 && abs > 0 ? '-' : '';
  let i = UNITS.length - 1;
  while (i > 0 && abs < (UNITS[i] as readonly [number, string])[0]) i--;
  let [size, unit] = UNITS[i] as readonly [number, string];
  // 999,960 would print as "1000k": step up to the next unit instead.
  if (Number(figure(abs / size)) >= 1000 && i < UNITS.length - 1)
    [size, unit] = UNITS[i + 1] as (typeof UNITS)[0];
  const shown = figure(abs / size);
  return shown === '0' ? '0' : `${sign}${shown}${unit}`;
}

/** +340, +1.3k, -12 (zero prints without a sign). */
export function signed(n: number): string {
  const value = finite(n);
  return value > 0 ? `+${compact(value)}` : compact(value);
}

/** 270M, 0.5B, 1.5B, 71B: model sizes (from 450M up, in billions, as model cards say them). */
export function parameters(n: number): string {
  const value = Math.max(0, finite(n));
  if (value >= 10e9) return `${Math.round(value / 1e9)}B`;
  if (value >= 450e6) return `${oneDecimal(value / 1e9)}B`;
  if (value >= 1e6) return `${Math.round(value / 1e6)}M`;
  if (value >= 1e3) return `${Math.round(value / 1e3)}k`;
  return `${Math.round(value)}`;
}

/** 0.667 → 67%; a share above zero that rounds to 0 says "under 1%". */
export function percent(share: number): string {
  const value = finite(share);
  if (value > 0 && value < 0.005) return 'under 1%';
  return `${Math.round(value * 100)}%`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th. */
export function ordinal(n: number): string {
  const value = Math.trunc(finite(n));
  const mod100 = Math.abs(value) % 100;
  const mod10 = Math.abs(value) % 10;
  const suffix =
    mod100 >= 11 && mod100 <= 13 ? 'th' : mod10 === 1 ? 'st' : mod10 === 2 ? 'nd' : mod10 === 3 ? 'rd' : 'th';
  return `${value}${suffix}`;
}

/** like → likes, repository → repositories, class → classes. */
export function pluralOf(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** "1 like", "2 likes", "1.2k likes": a formatted count with a noun that agrees. */
export function count(
  n: number,
  noun: string,
  plural = pluralOf(noun),
  format: (n: number) => string = compact,
): string {
  const value = finite(n);
  return `${format(value)} ${value === 1 ? noun : plural}`;
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Newspaper style: one to nine in words, 10 and above in figures. */
export function numberWord(n: number): string {
  const value = finite(n);
  return Number.isInteger(value) && value >= 0 && value < WORDS.length
    ? (WORDS[value] as string)
    : compact(value);
}
