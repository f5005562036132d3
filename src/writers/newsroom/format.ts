/**
 * @module writers/newsroom/format
 * The newsroom's house grammar for numbers, plurals, articles, lists and dates. Every function is
 * total: a non-finite number prints as 0 rather than leaking `NaN` into an edition.
 */
import { dayParts, MONTHS, WEEKDAYS } from '../../core/calendar.js';

const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

/** One decimal place, without a trailing `.0`. */
function oneDecimal(n: number): string {
  // Math.round on tenths, not toFixed: 2.15 should print 2.2 as a reader would round it.
  return (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

/** 1,234,567: the exact value, with thousands separators. */
export function exact(n: number): string {
  const value = finite(n);
  const [whole = '0', fraction] = Math.abs(value).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction.slice(0, 2)}` : ''}`;
}

/** 412, 1.2k, 41k, 3.4M, 1.2B: compact counts as a newspaper prints them. */
export function compact(n: number): string {
  const value = finite(n);
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs < 1000) return `${sign}${Number.isInteger(abs) ? abs : oneDecimal(abs)}`;
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (let i = units.length - 1; i >= 0; i--) {
    const [size, suffix] = units[i] as [number, string];
    const scaled = abs / size;
    // 999,960 would print as "1000k": step up to the next unit instead.
    if (scaled < 999.95 || i === 0) {
      return `${sign}${scaled < 100 ? oneDecimal(scaled) : Math.round(scaled)}${suffix}`;
    }
  }
  return `${sign}${abs}`;
}

/** +340, +1.3k, -12 (zero prints without a sign). */
export function signed(n: number): string {
  const value = finite(n);
  return value > 0 ? `+${compact(value)}` : compact(value);
}

/** 270M, 0.5B, 1.5B, 70B: model sizes (from 450M up, in billions, as model cards say them). */
export function parameters(n: number): string {
  const value = Math.max(0, finite(n));
  if (value >= 10e9) return `${Math.round(value / 1e9)}B`;
  if (value >= 450e6) return `${oneDecimal(value / 1e9)}B`;
  if (value >= 1e6) return `${Math.round(value / 1e6)}M`;
  if (value >= 1e3) return `${Math.round(value / 1e3)}k`;
  return `${value}`;
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

/** "a model", "two models", "12 models", "no models". */
export function quantity(n: number, noun: string, plural = pluralOf(noun)): string {
  const value = finite(n);
  if (value === 1) return `${article(noun)} ${noun}`;
  return `${numberWord(value)} ${plural}`;
}

/**
 * "a" or "an" by sound: vowels (but not the "you"/"one" sounds of uni-, use-, one-), silent h,
 * letters said with a vowel sound (an LLM, an SQL, an 8B, an 11B, an 18M).
 */
export function article(word: string): 'a' | 'an' {
  const w = word.trim();
  if (/^(8|1[18](?!\d))/.test(w)) return 'an';
  if (/^[0-9]/.test(w)) return 'a';
  // All-capitals initialisms are read letter by letter.
  if (/^[A-Z]{2,}(?![a-z])/.test(w)) return /^[AEFHILMNORSX]/.test(w) ? 'an' : 'a';
  const lower = w.toLowerCase();
  if (/^(hour|honest|honou?r|heir)/.test(lower)) return 'an';
  if (/^(uni|use|usu|ura|uro|eu|one|once|ubi)/.test(lower)) return 'a';
  return /^[aeiou]/.test(lower) ? 'an' : 'a';
}

/** "a 0.5B-parameter model", "an 8B-parameter model". */
export function withArticle(phrase: string): string {
  return `${article(phrase)} ${phrase}`;
}

/** "A", "A and B", "A, B and C". */
export function listText(items: readonly string[], conjunction = 'and'): string {
  const parts = items.filter((item) => item.length > 0);
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts.at(-1)}`;
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Title Case for headlines, keeping short words low and names (mixed case, digits, slashes) as written. */
export function titleCase(text: string): string {
  const small = new Set([
    'a',
    'an',
    'and',
    'as',
    'at',
    'but',
    'by',
    'for',
    'in',
    'of',
    'on',
    'or',
    'the',
    'to',
    'vs',
  ]);
  return text
    .split(' ')
    .map((word, i) => {
      if (/[A-Z0-9/_.@]/.test(word.slice(1)) || /^[^a-z]/.test(word)) return word;
      return i > 0 && small.has(word) ? word : capitalize(word);
    })
    .join(' ');
}

/** Short names for the parts, as this module's arithmetic uses them. */
function parts(day: string): { y: number; m: number; d: number } | null {
  const p = dayParts(day);
  return p ? { y: p.year, m: p.month, d: p.date } : null;
}

function utc(day: string): number | null {
  const p = parts(day);
  return p ? Date.UTC(p.y, p.m - 1, p.d) : null;
}

export function weekdayOf(day: string): string {
  const t = utc(day);
  return t === null ? '' : (WEEKDAYS[new Date(t).getUTCDay()] as string);
}

/** "23 August 2026" (the year left out when `sameYearAs` is in the same year). */
export function dayMonth(day: string, sameYearAs?: string): string {
  const p = parts(day);
  if (!p) return day;
  const year = sameYearAs && parts(sameYearAs)?.y === p.y ? '' : ` ${p.y}`;
  return `${p.d} ${MONTHS[p.m - 1]}${year}`;
}

/** "Sunday 23 August 2026". */
export function longDate(day: string): string {
  return `${weekdayOf(day)} ${dayMonth(day)}`.trim();
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

/** Words in plain text (for opinion lengths). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
