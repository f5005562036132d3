/**
 * @module server/site-sync
 * Keeps a `serve` instance's site folder on the newest edition in the store, whichever process
 * built it: the daily job of another instance, or a separate `morning-post edition` run. Every
 * few seconds one small query (store.editionsVersion) is compared with what this folder was last
 * built from; when the store has moved on, the folder is published again from the store (the
 * same publishSite the daily job runs, to the folder only: the bucket is the daily job's) and the
 * file store, which checks each file's identity, serves the renamed-in files from the next
 * request on.
 *
 * What a folder was built from is written beside it in `.edition-version.json` (a hidden name,
 * never served), after the publish and with the version read *before* it: an edition saved while
 * publishing makes the next check publish once more, never a loop. Instances sharing one folder
 * read the stamp before publishing, so the first to publish spares the others; two that start
 * together both write the same bytes, each through its own temporary file and a rename.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteSettings } from '../config/schema.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../lib/logger.js';
import type { EditionsVersion } from '../store/store.js';

export const STAMP_FILE = '.edition-version.json';

/** What the folder holds, as `/healthz` reports it. */
export interface ServedEdition {
  date: string;
  number: number;
  status: string;
  /** Editions in the folder. */
  editions: number;
  /** When the newest change in the store that the folder holds was made. */
  changedAt: string | null;
}

export type SyncOutcome = 'current' | 'adopted' | 'published' | 'skipped' | 'failed';

export interface SiteSyncOptions {
  store: { editionsVersion(): Promise<EditionsVersion> };
  site: SiteSettings;
  /** Renders every stored edition into `site.dir`: publishSite(loadEditions(store), site) in `serve`. */
  publish(): Promise<unknown>;
  log: Logger;
  /** Between checks; 0 checks only when asked (start). */
  intervalMs: number;
  /**
   * What the pages depend on besides the editions (e.g. `search`: they carry the search form).
   * Kept in the stamp: a folder stamped with another key, or with none, is published again.
   */
  renderKey?: string;
}

export class SiteSync {
  #served: EditionsVersion | undefined;
  #running: Promise<SyncOutcome> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;
  #skip = 0;
  #stopped = false;

  constructor(private readonly options: SiteSyncOptions) {
    this.#served = readStamp(options.site.dir, options.renderKey);
  }

  /** The edition this instance's folder serves, from memory: cheap enough for every /healthz. */
  served(): ServedEdition | undefined {
    const version = this.#served;
    if (!version?.newest) return undefined;
    const { date, number, status } = version.newest;
    return { date, number, status, editions: version.count, changedAt: version.changedAt };
  }

  /** Checks now, then every `intervalMs` until stop(). */
  async start(): Promise<SyncOutcome> {
    const first = await this.check();
    this.#schedule();
    return first;
  }

  stop(): Promise<unknown> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    return this.#running ?? Promise.resolve();
  }

  /** One check; a check already running is joined rather than doubled. */
  check(): Promise<SyncOutcome> {
    this.#running ??= this.#check().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #check(): Promise<SyncOutcome> {
    const { site, log } = this.options;
    try {
      const version = await this.options.store.editionsVersion();
      if (sameVersion(version, this.#served) && existsSync(join(site.dir, 'index.html'))) return 'current';
      // Another instance on this folder may have published it already.
      const stamp = readStamp(site.dir, this.options.renderKey);
      if (sameVersion(version, stamp)) {
        this.#served = version;
        return 'adopted';
      }
      if (version.count === 0 && existsSync(join(site.dir, 'index.html'))) {
        // Nothing in the store to build from: a folder made some other way is kept as it is.
        return 'skipped';
      }
      if (
        !stamp &&
        this.#served === undefined &&
        !this.options.renderKey &&
        !existsSync(join(site.dir, STAMP_FILE)) &&
        holdsNewest(site.dir, version)
      ) {
        // A folder published before stamps existed, by the run that saved this very edition.
        this.#served = version;
        writeStamp(site.dir, version, this.options.renderKey);
        return 'adopted';
      }
      const started = performance.now();
      await this.options.publish();
      writeStamp(site.dir, version, this.options.renderKey);
      const before = this.served();
      this.#served = version;
      this.#failures = 0;
      log.info('site republished from the store', {
        dir: site.dir,
        edition: version.newest?.date ?? null,
        number: version.newest?.number ?? null,
        previous: before?.date ?? null,
        editions: version.count,
        ms: Math.round(performance.now() - started),
      });
      return 'published';
    } catch (error) {
      this.#failures++;
      // Waits 1, 2, 4 … 32 intervals before trying again, so a broken store is not hammered.
      this.#skip = 2 ** Math.min(this.#failures - 1, 5) - 1;
      log.warn('site sync failed; the folder is served as it is', {
        dir: site.dir,
        failures: this.#failures,
        error: describeError(error),
      });
      return 'failed';
    }
  }

  #schedule(): void {
    if (this.#stopped || this.options.intervalMs <= 0) return;
    this.#timer = setTimeout(() => {
      if (this.#skip > 0) {
        this.#skip--;
        this.#schedule();
        return;
      }
      void this.check().finally(() => this.#schedule());
    }, this.options.intervalMs);
    // The poll alone never keeps the process alive.
    this.#timer.unref();
  }
}

function sameVersion(a: EditionsVersion | undefined, b: EditionsVersion | undefined): boolean {
  return a !== undefined && b !== undefined && versionKey(a) === versionKey(b);
}

function versionKey(version: EditionsVersion): string {
  const { newest } = version;
  return JSON.stringify([newest?.date, newest?.number, newest?.status, version.count, version.changedAt]);
}

/** Whether the folder has the newest edition's page (the signs of a publish by the run that saved it). */
function holdsNewest(dir: string, version: EditionsVersion): boolean {
  const date = version.newest?.date;
  return (
    date !== undefined &&
    existsSync(join(dir, 'index.html')) &&
    existsSync(join(dir, 'editions', date, 'index.html'))
  );
}

function readStamp(dir: string, renderKey: string | undefined): EditionsVersion | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')) as {
      version?: EditionsVersion;
      renderKey?: string;
    };
    if (parsed.renderKey !== renderKey) return undefined;
    const version = parsed.version;
    return version && typeof version.count === 'number' ? version : undefined;
  } catch {
    return undefined;
  }
}

function writeStamp(dir: string, version: EditionsVersion, renderKey: string | undefined): void {
  const target = join(dir, STAMP_FILE);
  const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(
    temporary,
    `${JSON.stringify({ version, at: new Date().toISOString(), ...(renderKey ? { renderKey } : {}) })}\n`,
  );
  renameSync(temporary, target);
}
