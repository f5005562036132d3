/**
 * The sample day, made from the real recordings: which recording answers which source, and when
 * each was recorded (a snapshot's takenAt is its recording's time, so the page dates each source
 * honestly; all are filed under one day so the planner sees one edition's worth of data).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema } from '../../src/config/schema.js';
import type { SnapshotBundle } from '../../src/core/bundle.js';
import { fixedClock } from '../../src/core/clock.js';
import { createHttpClient } from '../../src/lib/http/client.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { exportBundle, factsOnly } from '../../src/pipeline/bundle.js';
import { collect } from '../../src/pipeline/collect.js';
import { resolveSources } from '../../src/sources/registry.js';
import { openStore, storeAuthorDirectory } from '../../src/store/index.js';
import { SHARED_FIXTURES } from '../../src/testing/sources/fixtures.js';

export const SAMPLE_DAY = '2026-08-22';

interface Recording {
  source: string;
  /** When the recording was made (its commit or response date). */
  recordedAt: string;
  answer(url: URL): Response | undefined;
}

const read = (path: string) => readFileSync(join(SHARED_FIXTURES, path), 'utf8');
const jsonResponse = (body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
const textResponse = (body: string, type: string) =>
  new Response(body, { headers: { 'content-type': type } });

function hfTrendingCache(): unknown[] {
  return Object.values(JSON.parse(read('huggingface/trending-api-models-cache-2026-08-22.json')));
}

const RECORDINGS: Recording[] = [
  {
    // /api/trending's ten models, served both as the trending listing and as its author hints.
    source: 'hf-models',
    recordedAt: '2026-08-22T12:38:52Z',
    answer(url) {
      if (url.pathname === '/api/trending') return jsonResponse({ recentlyTrending: hfTrendingCache() });
      if (url.pathname === '/api/models')
        return jsonResponse(hfTrendingCache().map((item) => (item as { repoData: unknown }).repoData));
      return undefined;
    },
  },
  {
    source: 'hf-papers',
    recordedAt: '2026-08-21T08:19:07Z',
    answer(url) {
      if (url.pathname !== '/api/daily_papers') return undefined;
      return url.searchParams.get('date') === '2026-08-21'
        ? jsonResponse(read('huggingface/daily-papers-date-2026-08-21.json'))
        : jsonResponse([]);
    },
  },
  {
    source: 'github-trending',
    recordedAt: '2026-05-13T00:00:00Z',
    answer(url) {
      if (url.pathname !== '/trending') return undefined;
      const since = url.searchParams.get('since');
      if (since !== 'daily' && since !== 'weekly') return undefined;
      return textResponse(read(`github/trending-${since}-all-2026-05-13.html`), 'text/html; charset=utf-8');
    },
  },
  {
    source: 'arxiv',
    recordedAt: '2025-10-17T00:00:00Z',
    answer: () =>
      textResponse(read('arxiv/api-query-cat_cs.RO-legacy-format-2025-10-17.xml'), 'application/atom+xml'),
  },
];

/** Only the sources with a recording; the rest are absent from the sample and the page says so. */
const config = ConfigSchema.parse({
  source: {
    hfModels: { topN: 10 },
    githubTrending: { periods: ['daily', 'weekly'], languages: [] },
    arxiv: { categories: ['cs.RO'], maxResults: 100, minIntervalMs: 0 },
  },
});

export async function makeSampleDay(): Promise<SnapshotBundle> {
  const store = await openStore({ databaseUrl: 'sqlite::memory:', dataDir: '' });
  try {
    await store.migrate();
    for (const recording of RECORDINGS) {
      const clock = fixedClock(recording.recordedAt);
      const log = memoryLogger();
      const http = createHttpClient({
        clock,
        log,
        retries: 0,
        transport: async (request) => {
          const answer = recording.answer(new URL(request.url));
          if (!answer) throw new Error(`no recording answers ${request.url}`);
          return answer;
        },
      });
      const summary = await collect({
        sources: resolveSources([recording.source]),
        day: SAMPLE_DAY,
        store,
        http,
        clock,
        log,
        config,
        authors: storeAuthorDirectory(store, clock),
      });
      const row = summary.rows[0];
      if (row?.status !== 'ok') throw new Error(`${recording.source}: ${row?.status} ${row?.error ?? ''}`);
    }
    const bundle = await exportBundle(
      store,
      SAMPLE_DAY,
      SAMPLE_DAY,
      'Sample day shipped with The AI Morning Post: facts only (names, titles, numbers, tags, dates), ' +
        'replayed from real recordings by our own sources. Hugging Face models: /api/trending of 2026-08-22; ' +
        'papers: Hugging Face daily papers of 2026-08-21; GitHub: trending pages of 2026-05-13; ' +
        'arXiv: a cs.RO query of 2025-10-17. No datasets, spaces or releases.',
    );
    return factsOnly(bundle);
  } finally {
    await store.close();
  }
}
