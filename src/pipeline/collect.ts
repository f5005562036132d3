/**
 * @module pipeline/collect
 * Runs the chosen sources side by side and stores what each returns as that day's snapshot.
 * A source that fails is recorded with its reason and never stops the others.
 *
 * Same-day re-runs: a source whose snapshot for the day is `ok` is skipped unless `force` is set;
 * a `partial` or `failed` snapshot is retried and replaced atomically. A failed attempt never
 * replaces data: it is stored only when the day has no snapshot for that source yet.
 */

import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { describeError, MorningPostError } from '../core/errors.js';
import { type CollectedItem, CollectedItemSchema, type SnapshotStatus, type SourceId } from '../core/item.js';
import type { HttpClient } from '../lib/http/types.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics/metrics.js';
import { resolveSources } from '../sources/registry.js';
import type { AuthorDirectory, Source, SourceContext } from '../sources/source.js';
import { summariseIssues } from '../sources/validate.js';
import { storeAuthorDirectory } from '../store/author-directory.js';
import type { Store } from '../store/store.js';
import { countingClient, createRuntimeHttp, type HttpRuntimeOptions } from './runtime.js';

export type CollectStatus = SnapshotStatus | 'skipped';

export interface CollectRow {
  source: SourceId;
  status: CollectStatus;
  items: number;
  newItems: number;
  dropped: number;
  requests: number;
  durationMs: number;
  error?: string;
  /** What to do about `error` (its last words, in parentheses), said once by a summary. */
  hint?: string;
  warnings: string[];
  replaced: boolean;
}

export type CollectEvent = { type: 'start'; source: SourceId } | { type: 'finish'; row: CollectRow };

export interface CollectOptions {
  sources: readonly Source[];
  day: string;
  store: Store;
  http: HttpClient;
  clock: Clock;
  log: Logger;
  config: Config;
  authors: AuthorDirectory;
  force?: boolean;
  onEvent?: (event: CollectEvent) => void;
  signal?: AbortSignal;
  /** Each source's outcome, items and duration (inside `serve`). */
  metrics?: Metrics;
}

export interface CollectSummary {
  day: string;
  rows: CollectRow[];
  /** At least one source has usable data for the day (collected now or earlier). */
  succeeded: boolean;
  durationMs: number;
}

export async function collect(options: CollectOptions): Promise<CollectSummary> {
  const started = options.clock.now().getTime();
  const rows = await Promise.all(options.sources.map((source) => collectOne(source, options)));
  return {
    day: options.day,
    rows,
    succeeded: rows.some((row) => row.status !== 'failed'),
    durationMs: options.clock.now().getTime() - started,
  };
}

/**
 * Collects a day from the configured sources through a fresh runtime HTTP client (live, recording
 * or replaying), finished afterwards so recordings are written: what `edition` and the daily job run.
 */
export function dayCollector(options: {
  store: Store;
  runtime: HttpRuntimeOptions;
  onEvent?: (event: CollectEvent) => void;
}): (day: string) => Promise<CollectSummary> {
  const { store, runtime } = options;
  const { config, clock, log } = runtime;
  return async (day) => {
    const http = createRuntimeHttp(runtime);
    try {
      const sources = resolveSources(config.sources);
      const authors = storeAuthorDirectory(store, clock);
      const events = options.onEvent ? { onEvent: options.onEvent } : {};
      const metrics = runtime.metrics ? { metrics: runtime.metrics } : {};
      return await collect({ sources, day, store, http, clock, log, config, authors, ...events, ...metrics });
    } finally {
      await http.finish();
    }
  };
}

async function collectOne(source: Source, options: CollectOptions): Promise<CollectRow> {
  const { store, clock, log, day } = options;
  options.onEvent?.({ type: 'start', source: source.id });
  const started = performance.now();
  const finish = (row: Omit<CollectRow, 'source' | 'durationMs'>): CollectRow => {
    const done = { source: source.id, durationMs: Math.round(performance.now() - started), ...row };
    options.onEvent?.({ type: 'finish', row: done });
    options.metrics?.sourceRun({ ...done, at: clock.now() });
    return done;
  };

  let existing: Awaited<ReturnType<Store['findSnapshot']>>;
  try {
    existing = await store.findSnapshot(source.id, day);
  } catch (error) {
    return finish({
      status: 'failed',
      items: 0,
      newItems: 0,
      dropped: 0,
      requests: 0,
      error: describeError(error),
      warnings: [],
      replaced: false,
    });
  }
  if (existing?.status === 'ok' && !options.force) {
    log.info('source already collected today; skipped', { source: source.id, day });
    return finish({
      status: 'skipped',
      items: existing.itemCount,
      newItems: 0,
      dropped: 0,
      requests: 0,
      warnings: [],
      replaced: false,
    });
  }

  const http = countingClient(options.http);
  const ctx: SourceContext = {
    http,
    clock,
    log,
    endpoints: options.config.endpoints,
    settings: options.config.source,
    authors: options.authors,
    hasGithubToken: Boolean(options.config.tokens.github),
    day,
    ...(options.signal ? { signal: options.signal } : {}),
  };

  try {
    const result = await source.collect(ctx);
    if (http.replayMisses.length > 0) {
      const [first, ...rest] = http.replayMisses;
      throw new MorningPostError(
        'REPLAY_MISS',
        `${first}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`,
        {
          hint: 'The recording does not cover every request this source makes; record it again with --record DIR.',
        },
      );
    }
    const { items, invalid } = validateItems(result.items);
    const dropped = result.dropped + invalid.length;
    const warnings = [...result.warnings, ...invalid];
    const status: SnapshotStatus = result.status;
    const saved = await store.saveSnapshot({
      source: source.id,
      day,
      takenAt: clock.now().toISOString(),
      status,
      items,
      dropped,
      warnings,
      durationMs: Math.round(performance.now() - started),
      requests: http.count(),
    });
    log.info('source collected', { source: source.id, status, items: items.length, dropped });
    return finish({
      status,
      items: items.length,
      newItems: saved.newItems,
      dropped,
      requests: http.count(),
      warnings,
      replaced: saved.replaced,
    });
  } catch (error) {
    const reason = describeError(error);
    // A display that shows each source's outcome has said it already; a log is all a job has.
    if (options.onEvent) log.debug('source failed', { source: source.id, reason });
    else log.error('source failed', { source: source.id, reason });
    if (!existing) {
      await store
        .saveSnapshot({
          source: source.id,
          day,
          takenAt: clock.now().toISOString(),
          status: 'failed',
          error: reason,
          items: [],
          requests: http.count(),
        })
        .catch((storeError: unknown) =>
          log.error('could not record the failure', { source: source.id, reason: describeError(storeError) }),
        );
    }
    return finish({
      status: 'failed',
      items: 0,
      newItems: 0,
      dropped: 0,
      requests: http.count(),
      error: reason,
      ...(error instanceof MorningPostError && error.hint ? { hint: error.hint } : {}),
      warnings: [],
      replaced: false,
    });
  }
}

/** The pipeline's own guard: whatever a source returns is checked against the domain schema. */
function validateItems(items: readonly CollectedItem[]): { items: CollectedItem[]; invalid: string[] } {
  const valid: CollectedItem[] = [];
  const invalid: string[] = [];
  for (const item of items) {
    const parsed = CollectedItemSchema.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else invalid.push(`item ${String(item?.externalId)} dropped: ${summariseIssues(parsed.error)}`);
  }
  return { items: valid, invalid };
}
