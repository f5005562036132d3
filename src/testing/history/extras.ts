/**
 * @module testing/history/extras
 * The generator's small lists on the sources other than hf-models: new models (20 a day, shown
 * for 7 days), trending datasets and spaces, GitHub daily and weekly lists, and daily papers.
 */
import type { HistoryItem, HistoryObservation } from '../../core/history.js';
import type { SourceId } from '../../core/item.js';

/** New models get ids from here: NEW_MODELS_FROM + day number × 100 + index (the day is in the id). */
export const NEW_MODELS_FROM = 10_000_000;

export type Add = (
  source: SourceId,
  list: string,
  ids: number[],
  kind: HistoryItem['kind'],
  metrics: (id: number, rank: number) => HistoryObservation['metrics'],
) => void;

/** Small lists on the other sources: enough for metrics and the planner, cheap for benchmarks. */
export function addExtras(add: Add, n: number): void {
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  // Each day 20 models are created; the new-models list shows those of the last 7 days.
  const fresh = range(0, 7).flatMap((age) =>
    n - age >= 1 ? range(NEW_MODELS_FROM + (n - age) * 100, 20) : [],
  );
  add('hf-new-models', 'new', fresh, 'model', (id) => ({ likes: id % 7, downloads: id % 50 }));
  add('hf-datasets', 'trending', range(2_000_000, 30), 'dataset', (id, rank) => ({
    likes: 500 - rank * 10 + n * 3,
    downloads: id % 1000,
  }));
  add('hf-spaces', 'trending', range(3_000_000, 30), 'space', (_, rank) => ({
    likes: 900 - rank * 20 + n * 5,
  }));
  for (const list of ['daily', 'weekly']) {
    add('github-trending', list, range(4_000_000, 25), 'repository', (id, rank) => ({
      stars: 10_000 + (id % 100) * 100 + n * (30 - rank),
      starsInPeriod: (30 - rank) * (list === 'weekly' ? 7 : 1),
      forks: 1000 + (id % 100),
    }));
  }
  add('hf-papers', 'daily', range(5_000_000 + n * 100, 20), 'paper', (_, rank) => ({
    upvotes: 100 - rank * 4,
  }));
}
