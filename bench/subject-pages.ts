/**
 * @module bench/subject-pages
 * Subject pages from a stored history of `days` days × 2,000 trending models a day (plus the
 * generator's new models, datasets, Spaces, repositories and papers) and one stored edition a day,
 * on SQLite: a full publish into an empty folder, then one new day (its snapshots and edition
 * saved, the site published again). For each: the subject stage's wall time, the whole publish's
 * (with the editions, feeds and compression), pages written of pages in the site, items whose
 * history was read, and the process's peak RSS while publishing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema } from '../src/config/schema.js';
import type { Edition } from '../src/core/edition.js';
import { silentLogger } from '../src/lib/logger.js';
import { loadEditions } from '../src/pipeline/edition.js';
import { publishSite } from '../src/pipeline/publish.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { generatedEdition } from '../src/testing/editions/editions.js';
import { createGenerator } from '../src/testing/history/generator.js';
import { editionOfDay, saveDay } from '../src/testing/subjects/world.js';

export interface SubjectBuildTiming {
  stageMs: number;
  publishMs: number;
  written: number;
  pages: number;
  historiesRead: number;
  peakRssMb: number;
}

export interface SubjectBenchResult {
  days: number;
  itemsPerDay: number;
  observations: number;
  editions: number;
  fillSeconds: number;
  full: SubjectBuildTiming;
  unchanged: SubjectBuildTiming;
  newDay: SubjectBuildTiming;
}

async function saveEdition(store: Store, edition: Edition): Promise<void> {
  const { plan, text, meta } = edition;
  await store.saveEdition({ date: edition.date, plan, text, meta }, edition.updatedAt, { publish: true });
}

async function timedPublish(store: Store, site: ReturnType<typeof siteFor>): Promise<SubjectBuildTiming> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const editions = await loadEditions(store, silentLogger);
  const result = await publishSite(editions, site, { store });
  const publishMs = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const subjects = result.subjects;
  if (!subjects) throw new Error('publish made no subject pages');
  return {
    stageMs: subjects.durationMs,
    publishMs: Math.round(publishMs),
    written: subjects.written,
    pages: subjects.pages,
    historiesRead: subjects.historiesRead,
    peakRssMb: Math.round(peak / 2 ** 20),
  };
}

const siteFor = (dir: string) => ConfigSchema.parse({ site: { dir, url: 'https://post.example.org' } }).site;

export async function subjectPagesBenchmark(days = 365, itemsPerDay = 2_000): Promise<SubjectBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-subjects-'));
  const store = createSqliteStore({ file: join(dir, 'history.db') });
  try {
    await store.migrate();
    const endDay = '2026-08-23';
    const generator = createGenerator({ days, itemsPerDay, extras: true, endDay });
    const template = generatedEdition(endDay);
    const fillStart = performance.now();
    let observations = 0;
    for (let n = 1; n < days; n += 1) {
      const day = generator.day(n);
      observations += await saveDay(store, day);
      await saveEdition(store, editionOfDay(template, day, n));
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const site = siteFor(join(dir, 'site'));
    const full = await timedPublish(store, site);
    const unchanged = await timedPublish(store, site);
    const last = generator.day(days);
    observations += await saveDay(store, last);
    await saveEdition(store, editionOfDay(template, last, days));
    const newDay = await timedPublish(store, site);
    return {
      days,
      itemsPerDay,
      observations,
      editions: days,
      fillSeconds: Number(fillSeconds.toFixed(1)),
      full,
      unchanged,
      newDay,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSubjectBench(result: SubjectBenchResult): string {
  const row = (name: string, t: SubjectBuildTiming) =>
    `${name.padEnd(22)} ${(t.stageMs / 1000).toFixed(1).padStart(9)}  ${(t.publishMs / 1000).toFixed(1).padStart(11)}  ${`${t.written}/${t.pages}`.padStart(13)}  ${String(t.historiesRead).padStart(9)}  ${String(t.peakRssMb).padStart(13)}`;
  return [
    `history: ${result.days} days, ${result.itemsPerDay.toLocaleString('en')} trending models a day, ${result.observations.toLocaleString('en')} observations, ${result.editions} editions (filled in ${result.fillSeconds} s)`,
    'build                  stage (s)  publish (s)  pages written  histories  peak RSS (MB)',
    row('full (empty folder)', result.full),
    row('again, nothing new', result.unchanged),
    row('one new day', result.newDay),
  ].join('\n');
}

// `npx tsx bench/subject-pages.ts [days]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const days = Number(process.argv[2] ?? process.env.BENCH_SUBJECT_DAYS ?? 365);
  subjectPagesBenchmark(days)
    .then((result) => console.log(formatSubjectBench(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
