/**
 * @module testing/history/generator
 * A deterministic history generator with planted, known answers, for tests and benchmarks.
 * `hf-models/trending` has `itemsPerDay` items each day; planted items (ids below 100):
 *   ids 1–5  climbers: item k is at rank k·(10 + s), s = days before the end (capped at 7),
 *            so it climbs exactly k ranks a day and 7k over the last week (needs itemsPerDay ≥ 85);
 *   id 6     newcomer: enters at rank 5 on day `newcomerDay` (1-based, default 20) and stays;
 *   id 7     vanisher: rank 3, absent on days 10–12, back afterwards;
 *   id 8     spike: +10 likes a day, then +5,000 likes on the last day, 3 downloads (an anomaly);
 *   id 9     popular: +200 likes a day, +5,000 on the last day, millions of downloads (not one).
 * Background items (ids from 1000) fill the other ranks in id order and never climb.
 * `extras` adds small lists on the other sources. Days are streamed by `generateDay`.
 */
import {
  addDays,
  type History,
  type HistoryItem,
  type HistoryObservation,
  type HistorySnapshot,
} from '../../core/history.js';
import { type Add, addExtras, NEW_MODELS_FROM } from './extras.js';

export interface GeneratorOptions {
  days: number;
  /** Size of the hf-models trending list each day. */
  itemsPerDay: number;
  seed?: number;
  /** The last day (YYYY-MM-DD); default 2025-06-15. */
  endDay?: string;
  /** 1-based day numbers with no data at all (a gap). */
  missingDays?: number[];
  newcomerDay?: number;
  /** Also fill hf-new-models, hf-datasets, hf-spaces, github-trending and hf-papers. */
  extras?: boolean;
}

export interface GeneratedDay {
  day: string;
  /** Items observed that day (objects are shared between days). */
  items: HistoryItem[];
  observations: HistoryObservation[];
  snapshots: HistorySnapshot[];
}

export const PLANTED = { climbers: [1, 2, 3, 4, 5], newcomer: 6, vanisher: 7, spike: 8, popular: 9 } as const;
const VANISHED = [10, 11, 12];
const BACKGROUND_FROM = 1000;
const TASKS = [
  'text-generation',
  'image-text-to-text',
  'text-to-image',
  'automatic-speech-recognition',
  'object-detection',
];

/** Small, fast, seedable PRNG (mulberry32) so the same seed always gives the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Generator {
  days: string[];
  day(n: number): GeneratedDay;
}

export function createGenerator(options: GeneratorOptions): Generator {
  const end = options.endDay ?? '2025-06-15';
  const total = options.days;
  const seed = options.seed ?? 1;
  const newcomerDay = options.newcomerDay ?? Math.min(20, total);
  const missing = new Set(options.missingDays ?? []);
  const days = Array.from({ length: total }, (_, i) => addDays(end, i + 1 - total));
  const first = days[0] ?? end;
  const cache = new Map<number, HistoryItem>();
  const traits = new Map<number, { likes: number; growth: number; downloads: number }>();

  const item = (
    id: number,
    kind: HistoryItem['kind'],
    seenOn: string,
    createdOnSeen: boolean,
  ): HistoryItem => {
    let found = cache.get(id);
    if (found) return found;
    const rng = random(seed * 7919 + id);
    const author = `author-${id % 97}`;
    const createdDay = createdOnSeen ? seenOn : addDays(seenOn, -1 - Math.floor(rng() * 30));
    const hour = String(createdOnSeen ? id % 24 : Math.floor(rng() * 24)).padStart(2, '0');
    found = {
      id,
      kind,
      externalId: `${author}/${kind}-${id}`,
      title: `${kind} ${id}`,
      url: `https://example.test/${author}/${kind}-${id}`,
      author,
      attributes: {
        createdAt: `${createdDay}T${hour}:00:00.000Z`,
        authorKind: rng() < 0.5 ? 'user' : 'org',
        ...(kind === 'model' ? { pipelineTag: TASKS[id % TASKS.length] } : {}),
        ...(kind === 'model' && rng() < 0.8 ? { parameters: Math.round(rng() * 70) * 1e8 + 5e8 } : {}),
      },
      firstSeenAt: `${seenOn}T06:00:00.000Z`,
    };
    cache.set(id, found);
    traits.set(id, {
      likes: Math.floor(rng() * 5000),
      growth: Math.floor(rng() * 50),
      downloads: 1000 + Math.floor(rng() * 1e5),
    });
    return found;
  };

  const modelMetrics = (id: number, n: number): HistoryObservation['metrics'] => {
    const last = n === total ? 5000 : 0;
    const before = Math.min(n, total - 1);
    if (id === PLANTED.spike) return { likes: 100 + 10 * before + last, downloads: 3 };
    if (id === PLANTED.popular)
      return { likes: 1000 + 200 * before + last, downloads: 2_000_000 + 10_000 * n };
    const t = traits.get(id) ?? { likes: 0, growth: 0, downloads: 0 };
    return { likes: t.likes + t.growth * n, downloads: t.downloads + 100 * n, trendingScore: 1000 - n };
  };

  const trending = (n: number): number[] => {
    const size = options.itemsPerDay;
    const slots: (number | undefined)[] = new Array(size + 1);
    const s = Math.min(total - n, 7);
    const place = (id: number, rank: number) => {
      if (rank <= size) slots[rank] = id;
    };
    for (const k of PLANTED.climbers) place(k, k * (10 + s));
    if (n >= newcomerDay) place(PLANTED.newcomer, 5);
    if (!VANISHED.includes(n)) place(PLANTED.vanisher, 3);
    place(PLANTED.spike, 7);
    place(PLANTED.popular, 8);
    let next = BACKGROUND_FROM;
    const ranked: number[] = [];
    for (let rank = 1; rank <= size; rank++) ranked.push(slots[rank] ?? next++);
    return ranked;
  };

  const day = (n: number): GeneratedDay => {
    const date = days[n - 1] ?? end;
    const takenAt = `${date}T06:00:00.000Z`;
    const out: GeneratedDay = { day: date, items: [], observations: [], snapshots: [] };
    if (missing.has(n)) return out;
    const add: Add = (source, list, ids, kind, metrics) => {
      ids.forEach((id, i) => {
        // New models were first seen the day they were created (encoded in their id).
        const created =
          source === 'hf-new-models' ? days[Math.floor((id - NEW_MODELS_FROM) / 100) - 1] : undefined;
        const seenOn =
          id === PLANTED.newcomer
            ? (days[newcomerDay - 1] ?? date)
            : kind === 'paper'
              ? date
              : (created ?? first);
        out.items.push(item(id, kind, seenOn, source === 'hf-new-models'));
        out.observations.push({
          itemId: id,
          source,
          day: date,
          takenAt,
          list,
          rank: i + 1,
          metrics: metrics(id, i + 1),
        });
      });
      out.snapshots.push({ source, day: date, takenAt, status: 'ok', error: null, itemCount: ids.length });
    };
    add('hf-models', 'trending', trending(n), 'model', (id) => modelMetrics(id, n));
    if (options.extras) addExtras(add, n);
    return out;
  };
  return { days, day };
}

/** One day of a generated history (1-based day number), for streaming large benchmarks. */
export function generateDay(options: GeneratorOptions, n: number): GeneratedDay {
  return createGenerator(options).day(n);
}

/** A whole generated history ending on `endDay`. */
export function generateHistory(options: GeneratorOptions): History {
  const generator = createGenerator(options);
  const items = new Map<number, HistoryItem>();
  const observations: HistoryObservation[] = [];
  const snapshots: HistorySnapshot[] = [];
  for (let n = 1; n <= options.days; n++) {
    const generated = generator.day(n);
    for (const it of generated.items) items.set(it.id, it);
    for (const o of generated.observations) observations.push(o);
    for (const s of generated.snapshots) snapshots.push(s);
  }
  const days = generator.days;
  return {
    day: days[days.length - 1] ?? options.endDay ?? '2025-06-15',
    from: days[0] ?? options.endDay ?? '2025-06-15',
    items: [...items.values()].sort((a, b) => a.id - b.id),
    observations,
    snapshots,
  };
}
