/**
 * @module testing/subjects/world (test-only: excluded from the build)
 * A history and editions for subject pages, at any size: generated days saved as the snapshots
 * the collector would have saved, and one edition a day whose every planned item is an item the
 * store saw that day (a template edition's items swapped for the day's, kind for kind), so
 * mentions, histories and links meet as in production.
 */
import type { Edition } from '../../core/edition.js';
import type { HistoryItem } from '../../core/history.js';
import type { CollectedItem, SourceId } from '../../core/item.js';
import { planMentions } from '../../core/mentions.js';
import type { PlannedItem } from '../../core/plan.js';
import type { SaveSnapshotInput, Store } from '../../store/store.js';
import type { GeneratedDay } from '../history/generator.js';

/** One generated day as the snapshots the collector would have saved. */
export function snapshotsOf(day: GeneratedDay): SaveSnapshotInput[] {
  const items = new Map(day.items.map((item) => [item.id, item]));
  const bySource = new Map<string, CollectedItem[]>();
  for (const o of day.observations) {
    const item = items.get(o.itemId);
    if (!item) continue;
    const list = bySource.get(o.source) ?? [];
    list.push({
      kind: item.kind,
      externalId: item.externalId,
      title: item.title,
      url: item.url,
      ...(item.author ? { author: item.author } : {}),
      attributes: item.attributes,
      list: o.list,
      ...(o.rank === null ? {} : { rank: o.rank }),
      metrics: o.metrics,
    });
    bySource.set(o.source, list);
  }
  return [...bySource].map(([source, collected]) => ({
    source: source as SourceId,
    day: day.day,
    takenAt: `${day.day}T06:00:00.000Z`,
    status: 'ok' as const,
    items: collected,
  }));
}

export async function saveDay(store: Store, day: GeneratedDay): Promise<number> {
  let rows = 0;
  for (const snapshot of snapshotsOf(day)) {
    await store.saveSnapshot(snapshot);
    rows += snapshot.items.length;
  }
  return rows;
}

/**
 * The template edition moved to `day.day` as edition `number`: each planned item becomes one of
 * the day's items of the same kind (in rank order, so the same slot names the day's top items).
 */
export function editionOfDay(template: Edition, day: GeneratedDay, number: number): Edition {
  const edition = structuredClone(template);
  const ranked = new Map<number, number>();
  for (const o of day.observations)
    if (o.rank !== null) ranked.set(o.itemId, Math.min(o.rank, ranked.get(o.itemId) ?? o.rank));
  const byKind = new Map<string, HistoryItem[]>();
  for (const item of [...day.items].sort(
    (a, b) => (ranked.get(a.id) ?? 1e9) - (ranked.get(b.id) ?? 1e9) || a.id - b.id,
  ))
    byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
  const used = new Map<string, number>();
  const swapped = new Map<PlannedItem, true>();
  for (const { item } of planMentions(edition.plan)) {
    if (swapped.has(item)) continue;
    swapped.set(item, true);
    const pool = byKind.get(item.kind) ?? [];
    const n = used.get(item.kind) ?? 0;
    const next = pool[n % Math.max(1, pool.length)];
    used.set(item.kind, n + 1);
    if (!next) continue;
    item.externalId = next.externalId;
    item.title = next.title;
    item.url = next.url;
    item.author = next.author;
  }
  edition.date = day.day;
  edition.number = number;
  edition.plan.date = day.day;
  edition.meta.dataDay = day.day;
  edition.updatedAt = `${day.day}T06:30:00.000Z`;
  edition.publishedAt = edition.updatedAt;
  edition.text.headline = `${edition.text.headline} (${day.day})`;
  return edition;
}
