/**
 * @module pipeline/bundle
 * Moves snapshots between a store and the project's bundle format.
 */
import { BUNDLE_FORMAT, type SnapshotBundle, SnapshotBundleSchema } from '../core/bundle.js';
import { MorningPostError } from '../core/errors.js';
import type { CollectedItem } from '../core/item.js';
import { summariseIssues } from '../sources/validate.js';
import type { Store } from '../store/store.js';

export function parseBundle(value: unknown, where: string): SnapshotBundle {
  const parsed = SnapshotBundleSchema.safeParse(value);
  if (!parsed.success) {
    throw new MorningPostError(
      'UPSTREAM_INVALID',
      `${where} is not a ${BUNDLE_FORMAT} bundle: ${summariseIssues(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** Saves every snapshot of the bundle (each replacing that source's snapshot for its day). */
export async function importBundle(
  store: Store,
  bundle: SnapshotBundle,
): Promise<{ snapshots: number; items: number }> {
  let items = 0;
  for (const snapshot of bundle.snapshots) {
    await store.saveSnapshot({ ...snapshot, error: snapshot.error });
    items += snapshot.items.length;
  }
  return { snapshots: bundle.snapshots.length, items };
}

/** The snapshots of a day range as a bundle, rebuilt from items and observations. */
export async function exportBundle(
  store: Store,
  from: string,
  to: string,
  description?: string,
): Promise<SnapshotBundle> {
  const snapshots = await store.listSnapshots({ from, to });
  const observations = await store.observations({ from, to });
  const items = new Map(
    (await store.getItems([...new Set(observations.map((o) => o.itemId))])).map((item) => [item.id, item]),
  );
  return {
    format: BUNDLE_FORMAT,
    ...(description ? { description } : {}),
    snapshots: snapshots.map((snapshot) => ({
      source: snapshot.source,
      day: snapshot.day,
      takenAt: snapshot.takenAt,
      status: snapshot.status,
      error: snapshot.error,
      items: observations
        .filter((o) => o.snapshotId === snapshot.id)
        .flatMap((o): CollectedItem[] => {
          const item = items.get(o.itemId);
          if (!item) return [];
          return [
            {
              kind: item.kind,
              externalId: item.externalId,
              title: item.title,
              url: item.url,
              ...(item.author === null ? {} : { author: item.author }),
              attributes: item.attributes,
              list: o.list,
              ...(o.rank === null ? {} : { rank: o.rank }),
              metrics: o.metrics,
            },
          ];
        }),
    })),
  };
}

/** Upstream prose: descriptions and abstracts belong to their authors, so shipped data leaves them out. */
const PROSE_ATTRIBUTES = ['summary', 'description'] as const;

/** The bundle with the facts kept (names, titles, numbers, tags, dates) and upstream prose removed. */
export function factsOnly(bundle: SnapshotBundle): SnapshotBundle {
  return {
    ...bundle,
    snapshots: bundle.snapshots.map((snapshot) => ({
      ...snapshot,
      items: snapshot.items.map((item) => {
        const attributes = { ...item.attributes };
        for (const key of PROSE_ATTRIBUTES) delete attributes[key];
        return { ...item, attributes };
      }),
    })),
  };
}
