/**
 * @module writers/fact-check/numbers
 * Numbers as a newspaper writes them ("1,234", "1.2k", "0.5B", "67%", "3rd") and the sorted
 * sets of plan values they are matched against. A shown number stands for every value that
 * rounds to it at the precision shown, so "1.2k" covers 1,150 to 1,250.
 */

const SCALES: ReadonlyMap<string, number> = new Map([
  ['k', 1e3],
  ['thousand', 1e3],
  ['m', 1e6],
  ['mn', 1e6],
  ['million', 1e6],
  ['b', 1e9],
  ['bn', 1e9],
  ['billion', 1e9],
  ['t', 1e12],
  ['trillion', 1e12],
]);

/** The multiplier a suffix or word stands for ("k", "M", "billion"), if it is one. */
export function scaleOf(word: string): number | undefined {
  return SCALES.get(word.toLowerCase());
}

/** A number read from the text. */
export interface ShownNumber {
  /** As written, for messages. */
  text: string;
  /** The value it stands for, scale applied ("1.2k" → 1200), without its sign. */
  value: number;
  /** `+` ("+340": a gain), `-` ("-12", "−12": a negative value), or none. */
  sign: '+' | '-' | '';
  /** Half the unit of the last digit shown, scale applied ("1.2k" → 50, "1,234" → 0.5). */
  halfUnit: number;
  /** Written as a percentage: matches a percentage or a share (67% ↔ 0.67). */
  percent: boolean;
  /** Scaled by a suffix or word; structural small numbers then do not apply. */
  scaled: boolean;
}

/** `digits` may hold thousands separators; `fraction` is what follows the decimal point. */
export function shownNumber(
  text: string,
  digits: string,
  fraction: string,
  scale: number,
  percent: boolean,
  sign: ShownNumber['sign'] = '',
): ShownNumber {
  const plain = Number(fraction ? `${digits.replaceAll(',', '')}.${fraction}` : digits.replaceAll(',', ''));
  return {
    text,
    value: plain * scale,
    sign,
    halfUnit: (scale * 10 ** -fraction.length) / 2,
    percent,
    scaled: scale !== 1,
  };
}

/** Absolute values, sorted and deduplicated, searched by interval. */
export class NumberSet {
  private readonly values: Float64Array;

  constructor(input: Iterable<number>) {
    const finite = [...input].filter((v) => Number.isFinite(v)).map((v) => Math.abs(v));
    const sorted = Float64Array.from(finite).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (n === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] as number;
    }
    this.values = sorted.subarray(0, n);
  }

  get size(): number {
    return this.values.length;
  }

  /** Whether a value lies in [lo, hi]. */
  hasWithin(lo: number, hi: number): boolean {
    const i = this.lowerBound(lo);
    return i < this.values.length && (this.values[i] as number) <= hi;
  }

  /** The value closest to `v`, if any. */
  nearest(v: number): number | undefined {
    const i = this.lowerBound(v);
    const above = this.values[i];
    const below = i > 0 ? this.values[i - 1] : undefined;
    if (above === undefined) return below;
    if (below === undefined) return above;
    return v - below <= above - v ? below : above;
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.values[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Whether the shown number rounds from some value of the set (percentages also from shares).
 * Both ends are included: writers round halves either way ((2.15).toFixed(1) is "2.1", since
 * 2.15 is stored as 2.1499…), so 1,250 may honestly be written 1.2k or 1.3k.
 */
export function matchesSet(shown: ShownNumber, set: NumberSet): boolean {
  // A little slack for binary floating point (0.67 - 0.005 is not exactly 0.665).
  const eps = Math.max(shown.value, 1) * 1e-9;
  return set.hasWithin(shown.value - shown.halfUnit - eps, shown.value + shown.halfUnit + eps);
}

/** The sign written before a number: `+`, a minus (hyphen, U+2212, en dash), or none. */
export function signOf(prefix: string): ShownNumber['sign'] {
  const last = prefix.at(-1);
  if (last === '+') return '+';
  if (last === '-' || last === '\u2212' || last === '\u2013') return '-';
  return '';
}

const LOOSE_NUMBER =
  /(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(\d+))?(?:\s?(k|mn|m|bn|b|t|thousand|million|billion|trillion)(?![a-z]))?/gi;

/**
 * Every number inside a string of the plan (a title, a label, a note, an id such as
 * "Qwen2.5-0.5B" or "2608.01234"), as written and with its scale: the text may repeat them.
 */
export function numbersIn(text: string, into: number[]): void {
  for (const match of text.matchAll(LOOSE_NUMBER)) {
    const plain = Number(`${(match[1] as string).replaceAll(',', '')}${match[2] ? `.${match[2]}` : ''}`);
    into.push(plain);
    const scale = match[3] ? scaleOf(match[3]) : undefined;
    if (scale) into.push(plain * scale);
  }
}

const FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** A plan value for a message: "4,100", "0.6667". */
export function formatValue(v: number): string {
  return FORMAT.format(v);
}
