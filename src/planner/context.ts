/**
 * @module planner/context
 * Look-ups the planner shares: items by id, the latest observation of each list, and facts with
 * provenance built from observations. Everything is derived from the history passed in.
 */

import {
  addDays,
  daysBetween,
  type History,
  type HistoryItem,
  type HistoryObservation,
} from '../core/history.js';
import type { SourceId } from '../core/item.js';
import { compareText } from '../core/order.js';
import type { Fact, PlannedItem } from '../core/plan.js';
import type { ItemFacts } from '../core/signals.js';

export interface PlanContext {
  history: History;
  facts: ReadonlyMap<number, ItemFacts>;
  item(id: number): HistoryItem | undefined;
  /** The newest day ≤ the edition's with observations for the source and list. */
  latestDay(source: SourceId, list: string): string | undefined;
  /** That day's observations for the list, by rank (unranked last, then external id). */
  latestList(source: SourceId, list: string): readonly HistoryObservation[];
  planned(observation: HistoryObservation): PlannedItem | undefined;
  /** A theme's members as they stand on today's trending lists (models, then datasets, then spaces). */
  themeObservations(members: readonly number[]): HistoryObservation[];
  /** Days between the edition's and the earliest day of the list within `maxDays` before it. */
  comparedDays(source: SourceId, list: string, maxDays: number): number;
  /** The item was created on or after `from` and not after the edition's day (bad dates never count). */
  createdWithin(itemId: number, from: string): boolean;
  observationFact(
    observation: HistoryObservation,
    field: keyof HistoryObservation['metrics'] | 'rank',
    label?: string,
  ): Fact | undefined;
}

export function createPlanContext(history: History, facts: ReadonlyMap<number, ItemFacts>): PlanContext {
  const items = new Map(history.items.map((item) => [item.id, item]));
  const byList = new Map<string, Map<string, HistoryObservation[]>>();
  for (const observation of history.observations) {
    if (observation.day > history.day) continue;
    const key = `${observation.source}\u0000${observation.list}`;
    const days = byList.get(key) ?? new Map<string, HistoryObservation[]>();
    byList.set(key, days);
    const list = days.get(observation.day);
    if (list) list.push(observation);
    else days.set(observation.day, [observation]);
  }

  const latest = new Map<string, readonly HistoryObservation[]>();
  const externalId = (id: number) => items.get(id)?.externalId ?? '';
  const latestDay = (source: SourceId, list: string) => {
    const days = byList.get(`${source}\u0000${list}`);
    return days ? [...days.keys()].sort().at(-1) : undefined;
  };

  return {
    history,
    facts,
    item: (id) => items.get(id),
    latestDay,
    latestList(source, list) {
      // Sections, candidates and themes all ask for the same few lists: sort each once.
      const key = `${source}\u0000${list}`;
      const known = latest.get(key);
      if (known) return known;
      const day = latestDay(source, list);
      const observations = day ? (byList.get(`${source}\u0000${list}`)?.get(day) ?? []) : [];
      const seen = new Set<number>();
      const sorted = [...observations]
        .sort(
          (a, b) =>
            (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
            compareText(externalId(a.itemId), externalId(b.itemId)),
        )
        .filter((o) => !seen.has(o.itemId) && seen.add(o.itemId));
      latest.set(key, sorted);
      return sorted;
    },
    themeObservations(members) {
      const wanted = new Set(members);
      return (['hf-models', 'hf-datasets', 'hf-spaces'] as const).flatMap((source) =>
        this.latestList(source, 'trending').filter((o) => wanted.has(o.itemId)),
      );
    },
    comparedDays(source, list, maxDays) {
      const earliest = addDays(history.day, -maxDays);
      const days = [...(byList.get(`${source}\u0000${list}`)?.keys() ?? [])]
        .filter((d) => d >= earliest)
        .sort();
      return days.length === 0 ? 0 : daysBetween(days[0] as string, history.day);
    },
    createdWithin(itemId, from) {
      const created = Date.parse(items.get(itemId)?.attributes.createdAt ?? '');
      const endOfDay = Date.parse(`${history.day}T23:59:59.999Z`);
      return Number.isFinite(created) && created >= Date.parse(`${from}T00:00:00Z`) && created <= endOfDay;
    },
    planned(observation) {
      const item = items.get(observation.itemId);
      if (!item) return undefined;
      const itemFacts = facts.get(item.id);
      const tagline = taglineOf(item);
      return {
        itemId: item.id,
        kind: item.kind,
        externalId: item.externalId,
        title: item.title,
        url: item.url,
        author: item.author,
        source: observation.source,
        list: observation.list,
        rank: observation.rank,
        metrics: observation.metrics,
        observedAt: observation.takenAt,
        ...(itemFacts ? { facts: itemFacts } : {}),
        ...(tagline ? { tagline } : {}),
      };
    },
    observationFact(observation, field, label) {
      const item = items.get(observation.itemId);
      const value = field === 'rank' ? observation.rank : observation.metrics[field];
      if (!item || value === undefined) return undefined;
      return {
        id: `${observation.source}:${item.externalId}:${field}:${observation.day}`,
        source: observation.source,
        subject: item.externalId,
        itemId: item.id,
        field,
        value,
        observedAt: observation.takenAt,
        ...(label ? { label } : {}),
      };
    },
  };
}

function taglineOf(item: HistoryItem): string | undefined {
  const a = item.attributes;
  const parts = [a.pipelineTag, a.language, a.sdk, a.primaryCategory, a.tag].filter((p): p is string =>
    Boolean(p),
  );
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** A fact derived by analysis (a share, a count, a series), with the newest input's time. */
export function derivedFact(
  subject: string,
  field: string,
  value: Fact['value'],
  observedAt: string,
  label?: string,
): Fact {
  return {
    id: `analysis:${subject}:${field}`,
    source: 'analysis',
    subject,
    field,
    value,
    observedAt,
    ...(label ? { label } : {}),
  };
}

export function clamp(value: number, low = 0, high = 1): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : low;
}

/** Rounds so JSON stays short and byte-for-byte stable. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
