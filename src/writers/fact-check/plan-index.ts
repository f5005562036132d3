/**
 * @module writers/fact-check/plan-index
 * What a plan allows a text to say, gathered once per plan (and once per list of section facts)
 * and cached by object identity, so a check costs one pass over the text.
 *
 * Numbers allowed:
 * - every numeric fact value, and every number inside a fact's string value or label;
 * - every item's metrics, rank and parameter count, wherever in the plan the item appears;
 * - metrics: value, previous value, days, breakdown values and their sum, and the change from the
 *   previous value (difference, ratio, relative change);
 * - movers: ranks now and then, rank change, window, gains and the sparkline's values;
 * - counts of the plan's lists (items in a story, trending models, tools, papers, movers);
 * - dates: year, month and day of the edition, the coverage, the metrics and any date in a fact;
 *   the hours in a covered span ("24 hours" for one day, "168 hours" for seven);
 * - numbers inside any name of the plan ("2.5" and "0.5B" of "Qwen2.5-0.5B", "4.41" of "v4.41.0");
 * - integers 0–10 always, unscaled and not as percentages: "two opinions", "over 7 days", "#3"
 *   are structure, not claims worth a failure.
 *
 * Each value also carries what it may be written as (see `Kinds`): a percentage only for a share
 * (0..1, times 100) or a value whose field or label says percent; "+N" only for a gain or change
 * (rankChange, *Gained, starsInPeriod, a metric's rise); "-N" only for a negative value. The
 * word after a number ("likes", "stars") may pick the values of that field only (`byWord`).
 *
 * A section with facts of its own is held to them (`indexScope`): its facts and the items they
 * name; of the rest of the plan only the dates and their parts (`PlanIndex.dateParts`).
 *
 * Derived values (`AllowedIndex.derived`, see derive.ts): differences, sums, ratios, shares and
 * growths of two values of one scope, built with the index and cached with it. A section's scope
 * is its facts and the items they name; the plan's (for newsroom) is each story (its facts and
 * items), the metrics panel (values, previous values, breakdowns), each mover (its item, ranks
 * and gains) and each tool pick (its item and facts) on its own, pooled: never pairs across the
 * plan. Each value takes part with what it counts (its field or label: likes, stars, …) and its
 * subject (item or metric), which decide the pairs it is in.
 */
import { type EditionPlan, type Fact, type PlannedItem, planItems, type Story } from '../../core/plan.js';
import { type Derived, derive, measureOf, type Operand } from './derive.js';
import { NameSet } from './names.js';
import { NumberSet, numbersIn } from './numbers.js';

/** Values of one use: any value (by absolute value), negatives, gains, as percentages. */
export interface Kinds {
  /** Every value, by absolute value: a number shown without a sign. */
  numbers: NumberSet;
  /** Negative values (absolute): "-12", "−12". */
  negatives: NumberSet;
  /** Gains and rises (positive): "+340". */
  gains: NumberSet;
  /** Values a percentage may show, in percent (a share of 0.667 is 66.7), absolute. */
  percents: NumberSet;
  /** Negative percentages (absolute): "-25%". */
  negativePercents: NumberSet;
}

/** Words after a number that say what it counts, and the field or label words that match them. */
export const COUNT_WORDS: ReadonlyMap<string, string> = new Map([
  ['like', 'like'],
  ['likes', 'like'],
  ['star', 'star'],
  ['stars', 'star'],
  ['download', 'download'],
  ['downloads', 'download'],
  ['upvote', 'upvote'],
  ['upvotes', 'upvote'],
  ['parameter', 'param'],
  ['parameters', 'param'],
  ['params', 'param'],
]);

export interface AllowedIndex extends Kinds {
  /** Values by what they count (`like`, `star`, `download`, `upvote`, `param`). */
  byWord: ReadonlyMap<string, NumberSet>;
  names: NameSet;
  /** ISO days (YYYY-MM-DD). */
  dates: ReadonlySet<string>;
  /** Item URLs without scheme, `www.` or trailing slash, lower case. */
  urls: readonly string[];
  /** Differences, sums, ratios, shares and growths of two values of one scope (see derive.ts). */
  derived: Derived;
}

export interface PlanIndex extends AllowedIndex {
  /** The structural small integers 0–10. */
  structural: NumberSet;
  /** Years, months, days and hours of the plan's dates: allowed in every section. */
  dateParts: NumberSet;
  /** Items by id and by external id: the items a section's facts name. */
  items: ReadonlyMap<number | string, PlannedItem>;
}

/**
 * How a value may be written; `about` (field and label) decides percent, gain and count word.
 * `subject` makes it an operand of the derivations of the scope being collected (`measure`: what
 * it counts, when `about` does not say).
 */
interface Use {
  about?: string;
  gain?: boolean;
  subject?: string;
  measure?: string;
}

const COUNT_STEMS: ReadonlySet<string> = new Set(COUNT_WORDS.values());

const PERCENT_WORDS = /percent|per cent|pct|%/i;
const SHARE_WORDS = /share|ratio|fraction/i;
const GAIN_WORDS = /gain|change|climb|inperiod|in the list period|growth|rise/i;

const ISO_DAY = /\d{4}-\d{2}-\d{2}/g;
const STRUCTURAL = new NumberSet([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

/** Collects allowed values; strings feed names, the numbers inside them, and their dates. */
class Collector {
  readonly numbers: number[] = [];
  readonly gains: number[] = [];
  readonly percents: number[] = [];
  readonly byWord = new Map<string, number[]>();
  readonly dateParts: number[] = [];
  readonly names: string[] = [];
  readonly dates = new Set<string>();
  readonly urls: string[] = [];
  /** Operands of each finished scope, and of the one being collected (if any). */
  private readonly scopes: Operand[][] = [];
  private operands: Operand[] | undefined;

  /** Starts a scope: the values with a subject, until `end()`, are derived from together. */
  begin(): void {
    this.end();
    this.operands = [];
  }

  end(): void {
    if (this.operands) this.scopes.push(this.operands);
    this.operands = undefined;
  }

  number(value: number | null | undefined, use: Use = {}): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    this.numbers.push(value);
    const about = use.about ?? '';
    if (use.subject !== undefined && this.operands)
      this.operands.push({ value, subject: use.subject, measure: use.measure ?? measureOf(about) });
    if ((use.gain || GAIN_WORDS.test(about)) && value > 0) this.gains.push(value);
    if (PERCENT_WORDS.test(about)) this.percents.push(value);
    // A share is written as a percentage (0.667 → 67%): a fraction, or a value of a share field.
    // Counts of 0 and 1 are not shares, so "100%" never traces to a count of one.
    if ((Math.abs(value) < 1 && !Number.isInteger(value)) || SHARE_WORDS.test(about))
      this.percents.push(value * 100);
    const lower = about.toLowerCase();
    for (const stem of new Set(COUNT_WORDS.values())) {
      if (!lower.includes(stem)) continue;
      const list = this.byWord.get(stem) ?? [];
      list.push(value);
      this.byWord.set(stem, list);
    }
  }

  /** A relative change (0.25 for a quarter up): written as a percentage only. */
  relative(value: number): void {
    if (Number.isFinite(value)) this.percents.push(value * 100);
  }

  /** A part of a date: a plain number any section may use ("23 August", "2026"). */
  datePart(value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    this.number(value);
    this.dateParts.push(value);
  }

  /** A name or label: allowed as a name, and the numbers and dates in it allowed too. */
  text(value: string | null | undefined): void {
    if (!value) return;
    this.names.push(value);
    numbersIn(value, this.numbers);
    for (const day of value.matchAll(ISO_DAY)) this.date(day[0]);
  }

  date(day: string): void {
    this.dates.add(day);
    const [year, month, dayOfMonth] = day.split('-').map(Number);
    this.datePart(year);
    this.datePart(month);
    this.datePart(dayOfMonth);
  }

  url(url: string): void {
    this.urls.push(normaliseUrl(url));
  }

  fact(fact: Fact): void {
    this.text(fact.subject);
    this.text(fact.label);
    if (typeof fact.value === 'number')
      this.number(fact.value, {
        about: `${fact.field} ${fact.label ?? ''}`,
        subject: fact.subject,
        measure: measureOf(fact.field, fact.label),
      });
    else if (typeof fact.value === 'string') this.text(fact.value);
  }

  item(item: PlannedItem): void {
    this.text(item.externalId);
    this.text(item.externalId.slice(item.externalId.indexOf('/') + 1));
    this.text(item.title);
    this.text(item.author);
    this.text(item.tagline);
    this.url(item.url);
    const subject = item.externalId;
    this.number(item.rank, { subject, measure: 'rank' });
    for (const [field, value] of Object.entries(item.metrics))
      if (typeof value === 'number') this.number(value, { about: field, subject });
    const facts = item.facts;
    if (facts) {
      this.number(facts.parameters, { about: 'parameters', subject });
      this.text(facts.family);
      this.text(facts.baseModel);
      this.text(facts.series);
    }
  }

  story(story: Story): void {
    this.text(story.subject.key);
    this.text(story.subject.label);
    this.number(story.items.length);
    for (const fact of story.facts) this.fact(fact);
    for (const item of story.items) this.item(item);
    for (const ref of story.previously) {
      this.date(ref.date);
      this.number(ref.number);
      this.text(ref.headline);
    }
  }

  /** Hours in a span of days: "24 hours", "168 hours". */
  days(days: number): void {
    this.datePart(days);
    this.datePart(days * 24);
  }

  index(): AllowedIndex {
    this.end();
    const negatives = this.numbers.filter((v) => v < 0);
    return {
      numbers: new NumberSet(this.numbers),
      negatives: new NumberSet(negatives),
      gains: new NumberSet(this.gains),
      percents: new NumberSet(this.percents),
      negativePercents: new NumberSet(this.percents.filter((v) => v < 0)),
      byWord: new Map([...this.byWord].map(([stem, values]) => [stem, new NumberSet(values)])),
      names: new NameSet(this.names),
      dates: this.dates,
      urls: this.urls,
      derived: derive(this.scopes, COUNT_STEMS),
    };
  }
}

/** `https://www.Example.com/a/` → `example.com/a`. */
export function normaliseUrl(url: string): string {
  return url
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

function collectPlan(plan: EditionPlan): PlanIndex {
  const c = new Collector();
  c.date(plan.date);
  c.date(plan.coverage.from);
  c.date(plan.coverage.to);
  c.days(plan.coverage.daysAvailable);
  c.number(plan.coverage.sources.length);
  for (const source of plan.coverage.sources) {
    c.number(source.itemCount);
    if (source.day) c.date(source.day);
  }

  // Each story, the metrics panel, each mover and each tool pick is a scope of its own for the
  // derived values: never pairs across the whole plan.
  for (const story of [plan.lead, plan.deepDive, ...plan.opinions]) {
    if (!story) continue;
    c.begin();
    c.story(story);
    c.end();
  }
  c.number(plan.opinions.length);

  c.begin();
  c.text(plan.metrics.title);
  for (const fact of plan.metrics.facts) c.fact(fact);
  for (const metric of plan.metrics.metrics) {
    c.text(metric.label);
    c.text(metric.note);
    const about = `${metric.unit} ${metric.label}`;
    const measured = { subject: metric.id, measure: measureOf(about) };
    c.number(metric.value, { about, gain: metric.unit === 'stars', ...measured });
    c.number(metric.previous, { about, ...measured });
    c.days(metric.days);
    c.date(metric.from);
    c.date(metric.to);
    if (metric.previous !== null) {
      // The change of a share is in points: 67% from 50% is "17 points", "+17 points".
      const scale = metric.unit === 'share' ? 100 : 1;
      c.number((metric.value - metric.previous) * scale, { gain: true });
      if (metric.previous !== 0) {
        c.number(metric.value / metric.previous);
        c.relative((metric.value - metric.previous) / metric.previous);
      }
      if (metric.value !== 0) c.number(metric.previous / metric.value);
    }
    if (metric.breakdown) {
      let sum = 0;
      for (const part of metric.breakdown) {
        c.text(part.label);
        c.number(part.value, measured);
        sum += part.value;
      }
      c.number(sum);
      c.number(metric.breakdown.length);
    }
  }
  c.end();

  c.number(plan.tools.length);
  for (const tool of plan.tools) {
    c.begin();
    c.item(tool.item);
    for (const fact of tool.facts) c.fact(fact);
    c.end();
  }

  const { models, datasets, spaces, repositories } = plan.trending;
  for (const list of [models, datasets, spaces, repositories]) {
    c.number(list.length);
    for (const item of list) c.item(item);
  }
  c.number(models.length + datasets.length + spaces.length);

  c.days(plan.movers.windowDays);
  c.number(plan.movers.items.length);
  for (const { item, mover } of plan.movers.items) {
    const subject = item.externalId;
    c.begin();
    c.item(item);
    c.days(mover.windowDays);
    c.days(mover.requestedDays);
    c.number(mover.rankNow, { subject, measure: 'rank' });
    c.number(mover.rankThen, { subject, measure: 'rank' });
    c.number(mover.rankChange, { gain: true, subject, measure: 'rank' });
    c.number(mover.likesGained, { about: 'likesGained', subject });
    c.number(mover.downloadsGained, { about: 'downloadsGained', subject });
    c.number(mover.starsGained, { about: 'starsGained', subject });
    for (const value of mover.sparkline) c.number(value);
    c.end();
  }

  c.number(plan.reading.length);
  for (const { item, facts } of plan.reading) {
    c.item(item);
    for (const fact of facts) c.fact(fact);
  }

  // History signals: what only our records say (streaks, records, returns…), each with its facts.
  for (const signal of plan.signals ?? []) for (const fact of signal.facts) c.fact(fact);

  // Candidates the planner considered name subjects of the plan too (never their scores).
  for (const candidate of plan.candidates) {
    c.text(candidate.subject.key);
    c.text(candidate.subject.label);
  }
  const items = new Map<number | string, PlannedItem>();
  for (const item of planItems(plan)) {
    items.set(item.itemId, item);
    if (!items.has(item.externalId)) items.set(item.externalId, item);
  }
  return { ...c.index(), structural: STRUCTURAL, dateParts: new NumberSet(c.dateParts), items };
}

const planCache = new WeakMap<EditionPlan, PlanIndex>();
const factsCache = new WeakMap<readonly Fact[], AllowedIndex>();
const scopeCache = new WeakMap<EditionPlan, WeakMap<readonly Fact[], AllowedIndex>>();

/** The plan's index, built on first use and kept while the plan object lives. */
export function indexPlan(plan: EditionPlan): PlanIndex {
  let index = planCache.get(plan);
  if (!index) {
    index = collectPlan(plan);
    planCache.set(plan, index);
  }
  return index;
}

/** A section's own facts (usually already in the plan; a writer may pass derived ones). */
export function indexFacts(facts: readonly Fact[]): AllowedIndex {
  let index = factsCache.get(facts);
  if (!index) {
    const c = new Collector();
    c.begin();
    for (const fact of facts) c.fact(fact);
    index = c.index();
    factsCache.set(facts, index);
  }
  return index;
}

/**
 * What a section with facts of its own may say: those facts, and the metrics, rank and parameter
 * count of every item they name (by item id, or by a subject that is an item's external id).
 */
export function indexScope(plan: EditionPlan, facts: readonly Fact[]): AllowedIndex {
  let byFacts = scopeCache.get(plan);
  if (!byFacts) {
    byFacts = new WeakMap();
    scopeCache.set(plan, byFacts);
  }
  let index = byFacts.get(facts);
  if (!index) {
    const planIndex = indexPlan(plan);
    const c = new Collector();
    c.begin();
    const named = new Set<PlannedItem>();
    for (const fact of facts) {
      c.fact(fact);
      const item =
        (fact.itemId !== undefined ? planIndex.items.get(fact.itemId) : undefined) ??
        planIndex.items.get(fact.subject);
      if (item) named.add(item);
    }
    for (const item of named) c.item(item);
    index = c.index();
    byFacts.set(facts, index);
  }
  return index;
}
