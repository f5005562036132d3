/**
 * @module writers/fact-check/derive
 * The figures a careful reporter derives from two facts of one story: "57 more likes than H24",
 * "3% of its 41,000 stars came this week", "about 13 downloads per like", "twice as many". Built
 * once per scope (a section's facts and the items they name; for the newsroom writer, each story,
 * the metrics panel, each mover and each tool pick on its own, never pairs across the whole plan)
 * and cached with the scope's index.
 *
 * Which pairs, and what comes of them (a and b are two distinct values; "measure" is what a value
 * counts: likes, stars, downloads, upvotes, parameters, forks, comments, score, rank, days,
 * papers, models, repositories, read from its field and label, else its field):
 * - two values of one measure (H25's likes and H24's likes; a repository's stars and stars gained
 *   this week): the difference |a−b|, the sum a+b, the ratios a/b and b/a, the share min/max as a
 *   percentage, and the growth (a−b)/b and (b−a)/a as a percentage (a fall is also a negative
 *   percentage);
 * - two values of one subject but different measures (one model's downloads and likes): the
 *   ratios only ("13 downloads per like");
 * - ranks and days (`ORDINAL`) give differences only ("14 places apart"); shares (fractions
 *   between 0 and 1) pair only with shares, giving the difference in points ("17 points") and the
 *   growth; zero and negative values are never divided by or into.
 *
 * Bounds: at most `MAX_GROUP` distinct values of one measure or one subject take part, and at
 * most `MAX_PAIRS` pairs per scope, in the order the facts are given (so at most about 7 ×
 * `MAX_PAIRS` derived values per scope); what is beyond the cap is not derived, and a figure
 * made from it fails the check like an invented one.
 */
import { NumberSet } from './numbers.js';

/** Distinct values of one measure, or of one subject, that take part in pairs. */
export const MAX_GROUP = 60;
/** Pairs per scope. */
export const MAX_PAIRS = 4_000;

/** One numeric value of a scope, with what it counts and what it is about. */
export interface Operand {
  value: number;
  /** What it counts: a word of `MEASURES`, else its field in lower case. */
  measure: string;
  /** The item or metric it is about ("hanyc4855/H25", "trending-individual-share"). */
  subject: string;
}

/** Derived values of a scope; sets hold absolute values, as `NumberSet` does. */
export interface Derived {
  /** |a−b| of one measure (shares: also in points, times 100): "57", "+57", "17 points". */
  differences: NumberSet;
  /** a+b of one measure: "767 likes between them". */
  sums: NumberSet;
  /** Differences and sums whose operands both count one thing (`like`, `star`, …): "57 more likes". */
  byWord: ReadonlyMap<string, { differences: NumberSet; sums: NumberSet }>;
  /** a/b and b/a, of one measure or of one subject: "3.2 times", "3.2×", "13 downloads per like", "twice". */
  ratios: NumberSet;
  /** Shares (min/max) and growths, in percent: "3% of its stars", "16% more likes", "fell 14%". */
  percents: NumberSet;
  /** Falls, in percent: "-14%". */
  negativePercents: NumberSet;
  /** Pairs taken, over all scopes (for the bound). */
  pairs: number;
}

/** What a value counts, by the first of these words in its field, else in its label. */
const MEASURES: ReadonlyArray<[string, RegExp]> = [
  ['like', /\blikes?\b/],
  ['star', /\bstars?\b/],
  ['download', /\bdownloads?\b/],
  ['upvote', /\bupvotes?\b/],
  ['param', /\bparam(?:eter)?s?\b/],
  ['fork', /\bforks?\b/],
  ['comment', /\bcomments?\b/],
  ['score', /\bscore\b/],
  ['rank', /\b(?:rank|places?)\b/],
  ['day', /\bdays?\b/],
  ['paper', /\bpapers?\b/],
  ['model', /\bmodels?\b/],
  ['repository', /\brepositor(?:y|ies)\b/],
];

/** Measures whose values are positions or spans: only their differences mean something. */
const ORDINAL = new Set(['rank', 'day']);

/** `likesGained` → "likes gained". */
function words(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** What a value counts, from its field and label: `measureOf('starsInPeriod')` is `star`. */
export function measureOf(field: string, label = ''): string {
  for (const text of [words(field), words(label)]) {
    for (const [measure, pattern] of MEASURES) if (pattern.test(text)) return measure;
  }
  return field.toLowerCase();
}

function isShare(value: number): boolean {
  return Math.abs(value) < 1 && !Number.isInteger(value);
}

/** Collects the derived values of several scopes into one `Derived`. */
class Deriver {
  private readonly differences: number[] = [];
  private readonly sums: number[] = [];
  private readonly byWord = new Map<string, { differences: number[]; sums: number[] }>();
  private readonly ratios: number[] = [];
  private readonly percents: number[] = [];
  private readonly falls: number[] = [];
  private pairs = 0;

  constructor(private readonly countWords: ReadonlySet<string>) {}

  scope(operands: readonly Operand[]): void {
    const byMeasure = new Map<string, number[]>();
    const bySubject = new Map<string, Operand[]>();
    const seen = new Set<string>();
    for (const operand of operands) {
      if (!Number.isFinite(operand.value)) continue;
      const measure = byMeasure.get(operand.measure) ?? [];
      if (!measure.includes(operand.value) && measure.length < MAX_GROUP) measure.push(operand.value);
      byMeasure.set(operand.measure, measure);
      const key = `${operand.subject}\u0000${operand.measure}\u0000${operand.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const subject = bySubject.get(operand.subject) ?? [];
      if (subject.length < MAX_GROUP) subject.push(operand);
      bySubject.set(operand.subject, subject);
    }
    let budget = MAX_PAIRS;
    for (const [measure, values] of byMeasure) {
      for (let i = 0; i < values.length && budget > 0; i++) {
        for (let j = i + 1; j < values.length && budget > 0; j++, budget--) {
          this.sameMeasure(measure, values[i] as number, values[j] as number);
        }
      }
    }
    for (const group of bySubject.values()) {
      for (let i = 0; i < group.length && budget > 0; i++) {
        const a = group[i] as Operand;
        for (let j = i + 1; j < group.length && budget > 0; j++) {
          const b = group[j] as Operand;
          // Pairs of one measure were taken above; ordinal values and shares give no ratio.
          if (a.measure === b.measure || ORDINAL.has(a.measure) || ORDINAL.has(b.measure)) continue;
          if (isShare(a.value) || isShare(b.value)) continue;
          budget--;
          this.ratio(a.value, b.value);
        }
      }
    }
    this.pairs += MAX_PAIRS - budget;
  }

  private sameMeasure(measure: string, a: number, b: number): void {
    const shares = isShare(a);
    if (shares !== isShare(b)) return;
    const difference = Math.abs(a - b);
    const sum = a + b;
    this.differences.push(difference);
    if (shares) this.differences.push(difference * 100);
    const counted = this.countWords.has(measure) ? this.wordLists(measure) : undefined;
    counted?.differences.push(difference);
    if (ORDINAL.has(measure)) return;
    this.growth(a, b);
    if (shares) return;
    this.sums.push(sum);
    counted?.sums.push(sum);
    this.ratio(a, b);
    if (a >= 0 && b >= 0 && Math.max(a, b) > 0) this.percents.push((Math.min(a, b) / Math.max(a, b)) * 100);
  }

  private ratio(a: number, b: number): void {
    if (a <= 0 || b <= 0) return;
    this.ratios.push(a / b, b / a);
  }

  private growth(a: number, b: number): void {
    if (a <= 0 || b <= 0) return;
    for (const change of [(a - b) / b, (b - a) / a]) {
      this.percents.push(change * 100);
      if (change < 0) this.falls.push(change * 100);
    }
  }

  private wordLists(stem: string): { differences: number[]; sums: number[] } {
    let lists = this.byWord.get(stem);
    if (!lists) {
      lists = { differences: [], sums: [] };
      this.byWord.set(stem, lists);
    }
    return lists;
  }

  result(): Derived {
    return {
      differences: new NumberSet(this.differences),
      sums: new NumberSet(this.sums),
      byWord: new Map(
        [...this.byWord].map(([stem, lists]) => [
          stem,
          { differences: new NumberSet(lists.differences), sums: new NumberSet(lists.sums) },
        ]),
      ),
      ratios: new NumberSet(this.ratios),
      percents: new NumberSet(this.percents),
      negativePercents: new NumberSet(this.falls),
      pairs: this.pairs,
    };
  }
}

/**
 * The derived values of each scope, pooled: a value derived in one scope is allowed wherever
 * these scopes' text is checked. `countWords`: the measures a count word after a number names
 * (`like`, `star`, …), whose differences and sums are also kept apart (`byWord`).
 */
export function derive(scopes: ReadonlyArray<readonly Operand[]>, countWords: ReadonlySet<string>): Derived {
  const deriver = new Deriver(countWords);
  for (const operands of scopes) deriver.scope(operands);
  return deriver.result();
}
