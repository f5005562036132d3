/**
 * @module writers/llm/scope
 * What one section may talk about: its facts and its items, cut from the plan. The prompt shows
 * the model only this, and the fact-check holds the answer to it. Sections whose plan part has
 * no facts of its own (trending, movers) get facts derived from their items' metrics, so every
 * number the model may use is listed with an id.
 */
import {
  type Argument,
  type EditionPlan,
  type Fact,
  itemFact,
  type PlannedItem,
  type Story,
} from '../../core/plan.js';
import type { SectionId } from '../../core/text.js';

export type SectionKind = 'lead' | 'deepDive' | 'opinion' | 'list';

/** A named thing the section may mention, and link. */
export interface ScopeItem {
  itemId: number;
  /** How the model refers to the item in a list entry. */
  key: string;
  /** The name shown for the item (a release: `owner/repo v1.2.3`). */
  name: string;
  url: string;
  externalId: string;
  title: string;
  author: string | null;
  kind: PlannedItem['kind'];
}

/** One line the model writes a blurb for: an item, or a metric of the metrics panel. */
export interface ScopeEntry {
  key: string;
  name: string;
  itemId?: number;
  url?: string;
}

export interface SectionScope {
  id: SectionId;
  kind: SectionKind;
  /** The story's subject, for story sections. */
  subject?: string;
  facts: Fact[];
  items: ScopeItem[];
  /** List sections: the lines, in plan order. */
  entries: ScopeEntry[];
  /** Opinion pieces: the argument the planner chose, which every writer makes. */
  argument?: Argument;
}

/** The section's scope, or undefined when the plan has nothing for it. */
export function sectionScope(plan: EditionPlan, id: SectionId): SectionScope | undefined {
  switch (id) {
    case 'lead':
      return plan.lead ? storyScope(id, 'lead', plan.lead) : undefined;
    case 'deepDive':
      return plan.deepDive ? storyScope(id, 'deepDive', plan.deepDive) : undefined;
    case 'opinion1':
    case 'opinion2': {
      const story = plan.opinions[id === 'opinion1' ? 0 : 1];
      return story ? storyScope(id, 'opinion', story) : undefined;
    }
    case 'metrics':
      return metricsScope(plan);
    case 'tools':
      return listScope(
        id,
        plan.tools.map((tool) => tool.item),
        plan.tools.flatMap((tool) => tool.facts),
      );
    case 'trending': {
      const { models, datasets, spaces, repositories } = plan.trending;
      return listScope(id, [...models, ...datasets, ...spaces, ...repositories], []);
    }
    case 'movers':
      return listScope(
        id,
        plan.movers.items.map((entry) => entry.item),
        plan.movers.items.flatMap(({ item, mover }) => moverFacts(item, mover)),
      );
    case 'reading':
      return listScope(
        id,
        plan.reading.map((entry) => entry.item),
        plan.reading.flatMap((entry) => entry.facts),
      );
  }
}

function storyScope(id: SectionId, kind: SectionKind, story: Story): SectionScope {
  const items = scopeItems(story.items);
  return {
    id,
    kind,
    subject: story.subject.label,
    facts: withItemFacts(story.facts, story.items),
    items,
    entries: [],
    ...(story.argument ? { argument: story.argument } : {}),
  };
}

function listScope(
  id: SectionId,
  planned: readonly PlannedItem[],
  facts: readonly Fact[],
): SectionScope | undefined {
  if (planned.length === 0) return undefined;
  const items = scopeItems(planned);
  return {
    id,
    kind: 'list',
    facts: withItemFacts(facts, planned),
    items,
    entries: items.map((item) => ({ key: item.key, name: item.name, itemId: item.itemId, url: item.url })),
  };
}

function metricsScope(plan: EditionPlan): SectionScope | undefined {
  const { metrics, facts } = plan.metrics;
  if (metrics.length === 0) return undefined;
  // Breakdowns are drawn in the panel, so a caption may quote them: they become facts too.
  const breakdowns: Fact[] = metrics.flatMap((metric) =>
    (metric.breakdown ?? []).map((part) => ({
      id: `analysis:${metric.id}:breakdown:${part.label}`,
      source: 'analysis' as const,
      subject: metric.id,
      field: `breakdown:${part.label}`,
      value: part.value,
      observedAt: facts[0]?.observedAt ?? `${metric.to}T00:00:00.000Z`,
      label: `${metric.label}: ${part.label}`,
    })),
  );
  const days: Fact[] = metrics.map((metric) => ({
    id: `analysis:${metric.id}:days`,
    source: 'analysis' as const,
    subject: metric.id,
    field: 'days',
    value: metric.days,
    observedAt: facts[0]?.observedAt ?? `${metric.to}T00:00:00.000Z`,
    label: `${metric.label}: days covered`,
  }));
  return {
    id: 'metrics',
    kind: 'list',
    facts: dedupe([...facts, ...breakdowns, ...days]),
    items: [],
    entries: metrics.map((metric) => ({ key: metric.id, name: metric.label })),
  };
}

/** Keys are external ids, prefixed with the kind only where two items share one. */
function scopeItems(planned: readonly PlannedItem[]): ScopeItem[] {
  const seen = new Set<number>();
  const unique = planned.filter((item) => !seen.has(item.itemId) && seen.add(item.itemId));
  const counts = new Map<string, number>();
  for (const item of unique) counts.set(item.externalId, (counts.get(item.externalId) ?? 0) + 1);
  return unique.map((item) => ({
    itemId: item.itemId,
    key: (counts.get(item.externalId) ?? 0) > 1 ? `${item.kind}:${item.externalId}` : item.externalId,
    name: displayName(item),
    url: item.url,
    externalId: item.externalId,
    title: item.title,
    author: item.author,
    kind: item.kind,
  }));
}

/** A release is titled by its tag alone; the repository makes it a name. */
export function displayName(item: Pick<PlannedItem, 'kind' | 'externalId' | 'title'>): string {
  if (item.kind === 'release') {
    const repo = item.externalId.split('@')[0] ?? item.externalId;
    return `${repo} ${item.title}`;
  }
  return item.title || item.externalId;
}

const METRIC_LABELS: Record<string, string> = {
  likes: 'likes',
  downloads: 'downloads',
  trendingScore: 'trending score',
  stars: 'stars',
  starsInPeriod: 'stars gained in the list period',
  forks: 'forks',
  upvotes: 'upvotes',
  comments: 'comments',
};

/** The section's facts plus its items' metrics, rank, tagline and analysis facts. */
function withItemFacts(facts: readonly Fact[], planned: readonly PlannedItem[]): Fact[] {
  const derived: Fact[] = [];
  for (const item of planned) {
    const add = (field: string, value: Fact['value'] | undefined, label: string) => {
      if (value !== undefined) derived.push(itemFact(item, field, value, label));
    };
    for (const [field, value] of Object.entries(item.metrics))
      add(field, value, METRIC_LABELS[field] ?? field);
    if (item.rank !== null) add('rank', item.rank, `rank in the ${item.list} list`);
    add('tagline', item.tagline, 'tag');
    add('parameters', item.facts?.parameters, 'parameters');
    add('domain', item.facts?.domain, 'domain');
    add('family', item.facts?.family, 'model family');
    add('baseModel', item.facts?.baseModel, 'base model');
    add('authorKind', item.facts?.authorKind, 'author kind');
  }
  return dedupe([...facts, ...derived]);
}

/** The mover's change (its current rank is among the item's facts). */
function moverFacts(item: PlannedItem, mover: EditionPlan['movers']['items'][number]['mover']): Fact[] {
  const fields: Array<[string, Fact['value'] | undefined, string]> = [
    ['rankThen', mover.rankThen, `rank ${mover.windowDays} days ago`],
    ['rankChange', mover.rankChange, 'places climbed (negative: fell)'],
    ['isNew', mover.isNew, 'new to the list in the window'],
    ['likesGained', mover.likesGained, 'likes gained'],
    ['downloadsGained', mover.downloadsGained, 'downloads gained'],
    ['starsGained', mover.starsGained, 'stars gained'],
    ['windowDays', mover.windowDays, 'days compared'],
  ];
  return (
    fields
      // No value, no fact: an item new to the list has no earlier rank to mention.
      .filter(
        (field): field is [string, Fact['value'], string] => field[1] !== undefined && field[1] !== null,
      )
      .map(([field, value, label]) => ({
        id: `analysis:mover:${item.externalId}:${field}`,
        source: 'analysis' as const,
        subject: item.externalId,
        itemId: item.itemId,
        field,
        value,
        observedAt: item.observedAt,
        label,
      }))
  );
}

/** The first fact of each id, and of each subject × field (a story's own fact wins over a derived one). */
function dedupe(facts: readonly Fact[]): Fact[] {
  const ids = new Set<string>();
  const fields = new Set<string>();
  return facts.filter((fact) => {
    const field = `${fact.subject}\u0000${fact.field}`;
    if (ids.has(fact.id) || (fact.itemId !== undefined && fields.has(field))) return false;
    ids.add(fact.id);
    fields.add(field);
    return true;
  });
}
