/**
 * @module testing/month/random
 * The month generator's randomness and clock arithmetic: a seeded PRNG (mulberry32) split into
 * named streams, so that adding a draw to one part of the generator (say, datasets) does not shift
 * every other part; and local wall-clock times in an IANA zone turned into UTC instants.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(values: readonly T[]): T;
  /** One of `values`, chosen with the given weights. */
  weighted<T>(values: ReadonlyArray<readonly [T, number]>): T;
  /** Roughly normal around 1 with this spread (sum of three uniforms), never below 0.05. */
  jitter(spread: number): number;
}

/** mulberry32: small, fast, and the same sequence on every platform for the same seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a label, to give each named stream its own seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The stream called `label` of `seed`: the same seed and label always give the same draws. */
export function stream(seed: number, label: string): Random {
  const next = mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ hash(label)) >>> 0);
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (values) => {
      if (values.length === 0) throw new RangeError('pick from an empty list');
      return values[Math.floor(next() * values.length)] as (typeof values)[number];
    },
    weighted: (values) => {
      const total = values.reduce((sum, [, weight]) => sum + weight, 0);
      let r = next() * total;
      for (const [value, weight] of values) {
        r -= weight;
        if (r < 0) return value;
      }
      const last = values[values.length - 1];
      if (!last) throw new RangeError('pick from an empty list');
      return last[0];
    },
    jitter: (spread) => Math.max(0.05, 1 + spread * ((next() + next() + next()) / 1.5 - 1)),
  };
  return random;
}

const HOUR = 3_600_000;
export const DAY_MS = 24 * HOUR;

/** Midnight UTC of a YYYY-MM-DD day, in ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The calendar weekday of a YYYY-MM-DD day: 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(dayStart(day)).getUTCDay();
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant (ms) at which `timeZone`'s clocks show `day` at `hours` (fractional hours allowed). */
export function localInstant(day: string, hours: number, timeZone: string): number {
  const wall = dayStart(day) + Math.round(hours * HOUR);
  const guess = wall - zoneOffset(wall, timeZone);
  // Once more, for the days the offset changes between the guess and the answer.
  return wall - zoneOffset(guess, timeZone);
}

export function iso(instant: number): string {
  return new Date(instant).toISOString();
}

export { HOUR };
