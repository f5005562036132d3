/**
 * @module pipeline/edition
 * One day's edition, end to end: collect (unless offline) → choose the data → plan → write →
 * save. When collection fails everywhere it falls back to the newest stored snapshots, and on an
 * empty store to the shipped sample day; the edition's meta says which, so the page can say so.
 */
import type { Config } from '../config/schema.js';
import type { SnapshotBundle } from '../core/bundle.js';
import { type Clock, dayIn } from '../core/clock.js';
import {
  type DataMode,
  type Edition,
  EditionMetaSchema,
  EditionSchema,
  type FailedSource,
} from '../core/edition.js';
import { MorningPostError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics/metrics.js';
import type { Store } from '../store/store.js';
import type { Writer } from '../writers/writer.js';
import { importBundle } from './bundle.js';
import type { CollectSummary } from './collect.js';
import { planDay } from './plan.js';

export interface EditionRunOptions {
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  writer: Writer;
  /** The edition's day; default today (UTC). Only an offline run or a replay may name another day. */
  date?: string;
  /** Collects today's data; absent for an offline run. */
  collect?: (day: string) => Promise<CollectSummary>;
  /** The sample day, read only when the store has no snapshots at all. */
  sample: () => SnapshotBundle;
  /** Rebuild a published edition. */
  force?: boolean;
  /** Keep the edition a draft (not in feeds, not delivered). */
  draft?: boolean;
  /** Build time and the writer of each section (inside `serve`). */
  metrics?: Metrics;
}

export interface EditionRunResult {
  /** The edition as it stands now, whether built by this run or left as it was. */
  edition: Edition;
  /** False when a published edition of the day already existed and was left alone. */
  built: boolean;
  dataMode: DataMode;
  failedSources: FailedSource[];
  collection?: CollectSummary;
}

export async function runEdition(options: EditionRunOptions): Promise<EditionRunResult> {
  const { store, clock, log } = options;
  // The edition's day is the calendar day in its time zone (MORNING_POST_TZ), as the job's is.
  const today = dayIn(clock.now(), options.config.edition.timeZone);
  const requested = options.date ?? today;
  const collection = options.collect ? await options.collect(requested) : undefined;
  const failedSources: FailedSource[] = (collection?.rows ?? [])
    .filter((row) => row.status === 'failed')
    .map((row) => ({ source: row.source, error: row.error ?? 'failed' }));
  const { day, dataMode } = await chooseData(options, requested, collection);
  // Debug only: every caller reports the data mode it gets back, in its own words.
  if (dataMode !== 'live') log.debug('edition not built from live data', { dataMode, day });

  const existing = await store.getEdition(day);
  if (existing?.status === 'published' && !options.force) {
    const edition = parseEdition(existing, day);
    if (edition)
      return {
        edition,
        built: false,
        // Kept, but this run still fell back: say so (a sample edition stays a sample).
        dataMode:
          dataMode === 'live' || edition.meta.dataMode === 'sample' ? edition.meta.dataMode : dataMode,
        failedSources,
        ...withCollection(collection),
      };
  }
  const building = performance.now();
  const plan = await planDay(store, day, options.config);
  const text = await options.writer.write(plan);
  // An offline rebuild uses the same data as the edition it replaces, so it says what that one said.
  const previousMeta = !collection ? EditionMetaSchema.safeParse(existing?.meta) : undefined;
  const meta = previousMeta?.success ? previousMeta.data : { dataMode, dataDay: day, failedSources };
  const record = await store.saveEdition({ date: day, plan, text, meta }, clock.now().toISOString(), {
    force: Boolean(options.force),
    publish: !options.draft,
  });
  const edition = EditionSchema.parse({ ...record, plan, text, meta });
  options.metrics?.editionBuilt({
    dataMode: meta.dataMode,
    durationMs: performance.now() - building,
    writers: Object.fromEntries(text.sections.map((section) => [section.id, section.writer])),
    at: clock.now(),
  });
  return { edition, built: true, dataMode: meta.dataMode, failedSources, ...withCollection(collection) };
}

const withCollection = (collection: CollectSummary | undefined) => (collection ? { collection } : {});

/**
 * Today's data when collection got anything; otherwise the newest stored day (or the day asked
 * for, offline); otherwise the sample day, imported into the empty store.
 */
async function chooseData(
  options: EditionRunOptions,
  requested: string,
  collection: CollectSummary | undefined,
): Promise<{ day: string; dataMode: DataMode }> {
  if (collection?.succeeded) return { day: requested, dataMode: 'live' };
  const { store } = options;
  if (!collection && options.date) {
    const stored = await store.listSnapshots({ from: requested, to: requested });
    if (stored.some((s) => s.status !== 'failed'))
      return { day: requested, dataMode: await modeOfStoredDay(store, requested) };
    throw new MorningPostError('NO_DATA', `No snapshots are stored for ${requested}.`, {
      hint: 'Collect that day (or import a bundle of it) first, or leave out --date to use the newest stored day.',
    });
  }
  // A failed snapshot records the failure, not data: the newest day with data is what counts.
  const newest = (await store.listSnapshots({ to: requested })).filter((s) => s.status !== 'failed').at(-1);
  if (newest) {
    const dataMode = collection ? 'stored' : await modeOfStoredDay(store, newest.day);
    return { day: newest.day, dataMode };
  }
  const sample = options.sample();
  await importBundle(store, sample);
  const day = sample.snapshots
    .map((s) => s.day)
    .sort()
    .at(-1);
  if (!day) throw new MorningPostError('NO_DATA', 'The sample day holds no snapshots.');
  return { day, dataMode: 'sample' };
}

/** An offline rebuild keeps what the day's edition said of its data (sample stays sample). */
async function modeOfStoredDay(store: Store, day: string): Promise<DataMode> {
  const meta = (await store.getEdition(day))?.meta as { dataMode?: DataMode } | null | undefined;
  return meta?.dataMode ?? 'live';
}

function parseEdition(record: unknown, day: string): Edition | undefined {
  const parsed = EditionSchema.safeParse(record);
  if (!parsed.success) return undefined;
  if (parsed.data.date !== day) return undefined;
  return parsed.data;
}

/** Every stored edition that has text and reads back whole; a damaged row is skipped and reported. */
export async function loadEditions(store: Store, log: Logger): Promise<Edition[]> {
  const editions: Edition[] = [];
  for (const record of await store.listEditions({ limit: 100_000 })) {
    // A plan-only draft has neither; text without meta (or the reverse) means a damaged row.
    if (record.text === null && record.meta === null) continue;
    const parsed = EditionSchema.safeParse(record);
    if (parsed.success) editions.push(parsed.data);
    else log.warn('stored edition unreadable; left out of the site', { date: record.date });
  }
  return editions;
}
