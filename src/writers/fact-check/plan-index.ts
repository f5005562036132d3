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
 */
import type { EditionPlan, Fact, PlannedItem, Story } from '../../core/plan.js';
import { NameSet } from './names.js';
import { NumberSet, numbersIn } from './numbers.js';

export interface AllowedIndex {
  numbers: NumberSet;
  names: NameSet;
  /** ISO days (YYYY-MM-DD). */
  dates: ReadonlySet<string>;
  /** Item URLs without scheme, `www.` or trailing slash, lower case. */
  urls: readonly string[];
}

export interface PlanIndex extends AllowedIndex {
  /** The structural small integers 0–10. */
  structural: NumberSet;
}

const ISO_DAY = /\d{4}-\d{2}-\d{2}/g;
const STRUCTURAL = new NumberSet([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

/** Collects allowed values; strings feed names, the numbers inside them, and their dates. */
class Collector {
  readonly numbers: number[] = [];
  readonly names: string[] = [];
  readonly dates = new Set<string>();
  readonly urls: string[] = [];

  number(value: number | null | undefined): void {
    if (typeof value === 'number') this.numbers.push(value);
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
    this.number(year);
    this.number(month);
    this.number(dayOfMonth);
  }

  url(url: string): void {
    this.urls.push(normaliseUrl(url));
  }

  fact(fact: Fact): void {
    this.text(fact.subject);
    this.text(fact.label);
    if (typeof fact.value === 'number') this.number(fact.value);
    else if (typeof fact.value === 'string') this.text(fact.value);
  }

  item(item: PlannedItem): void {
    this.text(item.externalId);
    this.text(item.externalId.slice(item.externalId.indexOf('/') + 1));
    this.text(item.title);
    this.text(item.author);
    this.text(item.tagline);
    this.url(item.url);
    this.number(item.rank);
    for (const value of Object.values(item.metrics)) if (typeof value === 'number') this.number(value);
    const facts = item.facts;
    if (facts) {
      this.number(facts.parameters);
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
    this.number(days);
    this.number(days * 24);
  }

  index(): AllowedIndex {
    return {
      numbers: new NumberSet(this.numbers),
      names: new NameSet(this.names),
      dates: this.dates,
      urls: this.urls,
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

  for (const story of [plan.lead, plan.deepDive, ...plan.opinions]) if (story) c.story(story);
  c.number(plan.opinions.length);

  c.text(plan.metrics.title);
  for (const fact of plan.metrics.facts) c.fact(fact);
  for (const metric of plan.metrics.metrics) {
    c.text(metric.label);
    c.text(metric.note);
    c.number(metric.value);
    c.number(metric.previous);
    c.days(metric.days);
    c.date(metric.from);
    c.date(metric.to);
    if (metric.previous !== null) {
      c.number(metric.value - metric.previous);
      if (metric.previous !== 0) {
        c.number(metric.value / metric.previous);
        c.number((metric.value - metric.previous) / metric.previous);
      }
      if (metric.value !== 0) c.number(metric.previous / metric.value);
    }
    if (metric.breakdown) {
      let sum = 0;
      for (const part of metric.breakdown) {
        c.text(part.label);
        c.number(part.value);
        sum += part.value;
      }
      c.number(sum);
      c.number(metric.breakdown.length);
    }
  }

  c.number(plan.tools.length);
  for (const tool of plan.tools) {
    c.item(tool.item);
    for (const fact of tool.facts) c.fact(fact);
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
    c.item(item);
    c.days(mover.windowDays);
    c.days(mover.requestedDays);
    c.number(mover.rankNow);
    c.number(mover.rankThen);
    c.number(mover.rankChange);
    c.number(mover.likesGained);
    c.number(mover.downloadsGained);
    c.number(mover.starsGained);
    for (const value of mover.sparkline) c.number(value);
  }

  c.number(plan.reading.length);
  for (const { item, facts } of plan.reading) {
    c.item(item);
    for (const fact of facts) c.fact(fact);
  }

  // Candidates the planner considered name subjects of the plan too (never their scores).
  for (const candidate of plan.candidates) {
    c.text(candidate.subject.key);
    c.text(candidate.subject.label);
  }
  return { ...c.index(), structural: STRUCTURAL };
}

const planCache = new WeakMap<EditionPlan, PlanIndex>();
const factsCache = new WeakMap<readonly Fact[], AllowedIndex>();

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
    for (const fact of facts) c.fact(fact);
    index = c.index();
    factsCache.set(facts, index);
  }
  return index;
}
