/**
 * @module planner/arguments
 * History signals joined to the stories they are about, and the argument of each opinion piece:
 * a thesis from the story's strongest signal (or the story itself), at least three facts of the
 * day that support it, one limitation the data shows, and what to watch next. Every writer
 * argues from this same material.
 *
 * Counterpoints, first that applies: an anomaly flag on one of the story's items; few downloads
 * yet (top item under 1,000, or under five downloads per like); a first day on our lists; the
 * metric behind the story was higher the previous period; today's share under its median;
 * fewer than seven days of history; otherwise that the argument rests on one day's list.
 */

import {
  type Argument,
  type Fact,
  type HistorySignal,
  itemFact,
  type PlannedItem,
  type Story,
} from '../core/plan.js';
import type { Anomaly, Metric } from '../core/signals.js';

const SURGE_KINDS = new Set(['weekend-surge', 'independent-surge']);

/** The signals a story is about: the same subject, one of its items, or (surges) the independents. */
export function relatedSignals(
  story: Pick<Story, 'kind' | 'subject' | 'items'>,
  signals: readonly HistorySignal[],
): HistorySignal[] {
  const ids = new Set(story.items.map((item) => item.itemId));
  return signals.filter(
    (signal) =>
      signal.subject.key === story.subject.key ||
      signal.itemIds.some((id) => ids.has(id)) ||
      (SURGE_KINDS.has(story.kind) && signal.subject.type === 'surge'),
  );
}

/** The story with its signals' ids and facts. */
export function withSignals(story: Story, signals: readonly HistorySignal[]): Story {
  const related = relatedSignals(story, signals);
  if (related.length === 0) return story;
  const known = new Set(story.facts.map((fact) => fact.id));
  const facts = [...story.facts];
  for (const fact of related.flatMap((signal) => signal.facts))
    if (!known.has(fact.id) && known.add(fact.id)) facts.push(fact);
  return { ...story, facts, signals: related.map((signal) => signal.id) };
}

export interface ArgumentInput {
  story: Story;
  signals: readonly HistorySignal[];
  anomalies: readonly Anomaly[];
  metrics: readonly Metric[];
  metricFacts: readonly Fact[];
  daysAvailable: number;
  date: string;
}

/** The story, given an argument; download facts it cites are added to its facts. */
export function argue(input: ArgumentInput): Story {
  const { story } = input;
  const signal = input.signals.find((s) => story.signals.includes(s.id));
  const extra: Fact[] = [];
  const counterpoint = counterpointOf(input, extra);
  const facts = [...story.facts, ...extra.filter((f) => !story.facts.some((g) => g.id === f.id))];
  const argument: Argument = {
    thesis: signal ? signal.statement : thesisOf(story),
    evidence: evidenceOf({ ...story, facts }, signal, counterpoint.facts),
    counterpoint,
    watch: watchOf(story),
    ...(signal ? { signal: signal.id } : {}),
  };
  return { ...story, facts, argument };
}

function evidenceOf(story: Story, signal: HistorySignal | undefined, reserved: readonly string[]): string[] {
  const order = (fact: Fact) =>
    signal?.facts.some((f) => f.id === fact.id)
      ? 0
      : fact.source === 'analysis'
        ? 1
        : fact.field === 'rank'
          ? 2
          : typeof fact.value === 'number'
            ? 3
            : 4;
  return [...story.facts]
    .filter((fact) => !reserved.includes(fact.id) && fact.value !== null && fact.value !== '')
    .sort((a, b) => order(a) - order(b))
    .slice(0, 6)
    .map((fact) => fact.id);
}

function counterpointOf(input: ArgumentInput, extra: Fact[]): Argument['counterpoint'] {
  const { story } = input;
  const flagged = story.items.find((item) => input.anomalies.some((a) => a.itemId === item.itemId));
  const anomaly = flagged ? input.anomalies.find((a) => a.itemId === flagged.itemId) : undefined;
  if (flagged && anomaly)
    return {
      kind: 'anomaly',
      statement: `${flagged.externalId} is flagged: ${anomaly.reason}`,
      facts: [],
    };
  const top = story.items[0];
  const downloads = top?.metrics.downloads;
  const likes = top?.metrics.likes;
  if (top && downloads !== undefined && (downloads < 1000 || (likes && downloads < likes * 5))) {
    const fact = itemFact(top, 'downloads', downloads, 'downloads');
    extra.push(fact);
    const likesFact = likes !== undefined ? itemFact(top, 'likes', likes, 'likes') : undefined;
    if (likesFact) extra.push(likesFact);
    return {
      kind: 'few-downloads',
      statement: `${top.externalId} has ${downloads} downloads so far${likes !== undefined ? ` against ${likes} likes` : ''}: attention has not yet turned into use.`,
      facts: [fact.id, ...(likesFact ? [likesFact.id] : [])],
    };
  }
  const firstSignal = input.signals.find((s) => story.signals.includes(s.id) && s.kind === 'first');
  if (firstSignal)
    return {
      kind: 'one-day',
      statement: `${firstSignal.subject.label} has one day on our lists, so there is no trend yet.`,
      facts: firstSignal.facts.map((f) => f.id),
    };
  const fell = input.metrics.find(
    (m) => m.previous !== null && m.previous > m.value && relevantMetric(story, m.id),
  );
  if (fell) {
    const ids = input.metricFacts.filter((f) => f.subject === fell.id).map((f) => f.id);
    return {
      kind: 'previous-period',
      statement: `${fell.label} was higher the previous period (${fell.previous} against ${fell.value}).`,
      facts: ids,
    };
  }
  const median = input.signals.find((s) => s.kind === 'median' && story.signals.includes(s.id));
  const today = median?.facts.find((f) => f.field === 'shareToday')?.value;
  const middle = median?.facts.find((f) => f.field === 'shareMedian')?.value;
  if (median && typeof today === 'number' && typeof middle === 'number' && today < middle)
    return { kind: 'below-median', statement: median.statement, facts: median.facts.map((f) => f.id) };
  if (input.daysAvailable < 7)
    return {
      kind: 'short-history',
      statement: `Our history covers ${input.daysAvailable === 1 ? 'one day' : `${input.daysAvailable} days`}, too few to call this a trend.`,
      facts: [],
    };
  const rank = story.facts.find((f) => f.field === 'rank');
  return {
    kind: 'one-day',
    statement: `This rests on the list of ${input.date} alone; one morning's ranking can turn by the next.`,
    facts: rank ? [rank.id] : [],
  };
}

function relevantMetric(story: Story, metricId: string): boolean {
  if (SURGE_KINDS.has(story.kind)) return metricId === 'trending-individual-share';
  if (story.kind === 'star-surge') return metricId === 'github-stars-gained';
  if (story.kind === 'paper-record') return metricId.startsWith('papers');
  return false;
}

function name(item: PlannedItem | undefined): string {
  return item ? item.externalId : 'the subject';
}

function thesisOf(story: Story): string {
  const top = story.items[0];
  switch (story.kind) {
    case 'weekend-surge':
    case 'independent-surge':
      return 'Individual developers, not labs, are setting the pace on the trending list.';
    case 'author-series':
      return `${top?.author ?? 'One developer'} is iterating in public, one numbered release at a time.`;
    case 'star-surge':
      return `${name(top)} is the tool developers reached for this week, and its stars show it.`;
    case 'big-lab-release':
      return `${name(top)} shows a big lab's release still takes the list by default.`;
    case 'paper-record':
      return `${name(top)} is the paper readers want to discuss; its claims now need testing.`;
    case 'biggest-mover':
      return `${name(top)} is climbing steadily, which says more than a one-day spike.`;
    default:
      return `${story.subject.label} are drawing attention together, which points to a real need.`;
  }
}

function watchOf(story: Story): string {
  const top = story.items[0];
  switch (story.kind) {
    case 'weekend-surge':
    case 'independent-surge':
      return 'whether individuals still hold the list on the next working day';
    case 'author-series':
      return `whether ${top?.author ?? 'the author'} publishes the next number and where it enters`;
    case 'star-surge':
      return `whether ${name(top)} keeps gaining stars once the week is over`;
    case 'paper-record':
      return `whether “${top?.title ?? 'the paper'}” gains code and independent results`;
    default: {
      const likes = top?.metrics.likes ?? 0;
      const downloads = top?.metrics.downloads;
      // Downloads far behind likes: the question is use. Otherwise: whether the place holds.
      if (downloads !== undefined && downloads < likes * 5)
        return `whether ${name(top)}'s downloads catch up with its likes`;
      return top?.rank && top.rank <= 10
        ? `whether ${name(top)} holds its place in the top 10`
        : `whether ${name(top)} stays on the list`;
    }
  }
}
