/**
 * Subject pages through the real publish on a SQLite store: every subject gets a page its
 * editions link to; a second publish with nothing changed writes no subject page; one new day
 * rewrites only the subjects whose inputs changed; a subject that left loses its page; the
 * sitemap lists them; a hand-written hostile item stays escaped and inside its section.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/schema.js';
import type { Edition } from '../core/edition.js';
import { planMentions } from '../core/mentions.js';
import { itemPath } from '../core/subjects.js';
import { buildSitemaps } from '../renderers/feeds/index.js';
import type { KyselyStore } from '../store/kysely-store.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import { describeVnu, isVnuError, validate } from '../testing/browser/vnu.js';
import { generatedEdition, HOSTILE_STRINGS } from '../testing/editions/editions.js';
import { createGenerator } from '../testing/history/generator.js';
import { startTestS3, type TestS3 } from '../testing/s3/s3rver.js';
import { editionOfDay, saveDay } from '../testing/subjects/world.js';
import { publishSite } from './publish.js';
import { SUBJECTS_MANIFEST, subjectFile } from './subjects.js';

const root = mkdtempSync(join(tmpdir(), 'mp-subjects-'));
const dir = join(root, 'site');
const site = ConfigSchema.parse({ site: { dir, url: 'https://post.example.org/news/' } }).site;
const END = '2025-06-15';
const generator = createGenerator({ days: 6, itemsPerDay: 60, extras: true, endDay: END });
let store: KyselyStore;
let template: Edition;
const editions: Edition[] = [];

const read = (path: string) => readFileSync(join(dir, path), 'utf8');
const mtimes = () => {
  const times = new Map<string, number>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name === 'index.html')
      times.set(
        join(entry.parentPath, entry.name).slice(dir.length + 1),
        statSync(join(entry.parentPath, entry.name)).mtimeMs,
      );
  return times;
};

beforeAll(async () => {
  store = createSqliteStore({ file: join(root, 'store.db') });
  await store.migrate();
  template = generatedEdition(END);
  for (let n = 1; n <= 5; n++) {
    const day = generator.day(n);
    await saveDay(store, day);
    editions.push(editionOfDay(template, day, n));
  }
}, 120_000);
afterAll(async () => {
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('subject pages through publish', () => {
  let first: Awaited<ReturnType<typeof publishSite>>;

  it('writes a page for every subject, and edition pages link to them under the base path', async () => {
    first = await publishSite(editions, site, { store });
    const subjects = first.subjects;
    expect(subjects?.pages).toBeGreaterThan(100);
    expect(subjects?.written).toBe(subjects?.pages);
    const newest = editions.at(-1) as Edition;
    const page = read(`editions/${newest.date}/index.html`);
    // The list sections print item names (stories link from their prose).
    const named = planMentions(newest.plan)
      .filter(({ section }) => ['tools', 'trending', 'movers', 'reading'].includes(section))
      .map(({ item }) => itemPath(item.kind, item.externalId))
      // The generator's papers have two-part ids no arXiv id has: no page, so their names link upstream.
      .filter((path) => path !== undefined);
    expect(named.length).toBeGreaterThan(10);
    for (const path of named) {
      expect(page).toContain(`href="/news${path}"`);
      expect(existsSync(join(dir, subjectFile(path as string))), path).toBe(true);
    }
    // The upstream page stays one click away.
    expect(page).toMatch(
      /class="upstream" href="https:\/\/example\.test\/[^"]+" rel="noopener">on example\.test/,
    );
    const manifest = JSON.parse(read(SUBJECTS_MANIFEST)) as { pages: Record<string, string> };
    expect(Object.keys(manifest.pages)).toHaveLength(subjects?.pages ?? 0);
    expect(read('editions/index.html')).toContain('href="/news/subjects/"');
    const index = read('subjects/index.html');
    expect(index).toContain('Most mentioned');
    expect(read('sitemap.xml')).toContain(`https://post.example.org/news${named[0]}`);
  }, 90_000);

  it('shows a model’s facts, chart, editions (newest first) and upstream link', async () => {
    const newest = editions.at(-1) as Edition;
    const lead = planMentions(newest.plan).find(({ item }) => item.kind === 'model')?.item;
    const path = itemPath('model', lead?.externalId ?? '') as string;
    const page = read(subjectFile(path));
    expect(page).toContain('<svg class="chart history-chart"');
    expect(page).toContain('role="img"');
    expect(page).not.toContain('<script');
    const dates = [...page.matchAll(/<ol class="mentions">.*?<\/ol>/gs)].flatMap((m) =>
      [...m[0].matchAll(/<time datetime="(\d{4}-\d{2}-\d{2})"/g)].map((t) => t[1]),
    );
    expect(dates[0]).toBe(newest.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(page).toContain(`href="${lead?.url}"`);
    const messages = await validate({ 'page.html': page });
    expect(messages.filter(isVnuError).map(describeVnu)).toEqual([]);
  }, 60_000);

  it('writes no subject page when nothing changed', async () => {
    const before = mtimes();
    const again = await publishSite(editions, site, { store });
    expect(again.subjects?.written).toBe(0);
    expect(again.subjects?.historiesRead).toBe(0);
    expect(again.subjects?.pages).toBe(first.subjects?.pages);
    const after = mtimes();
    const rewritten = [...after].filter(
      ([file, time]) =>
        /^(models|datasets|spaces|repos|papers|authors)\//.test(file) && before.get(file) !== time,
    );
    expect(rewritten).toEqual([]);
  }, 90_000);

  it('rewrites only the subjects one new day changed, and rewrites a page that went missing', async () => {
    const day = generator.day(6);
    await saveDay(store, day);
    editions.push(editionOfDay(template, day, 6));
    const seenToday = new Set(day.items.map((item) => itemPath(item.kind, item.externalId)));
    const gone = subjectFile(
      itemPath('model', editions[0]?.plan.trending.models.at(-1)?.externalId ?? '') as string,
    );
    rmSync(join(dir, gone));
    const next = await publishSite(editions, site, { store });
    const written = next.subjects?.written ?? 0;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(next.subjects?.pages ?? 0);
    expect(existsSync(join(dir, gone))).toBe(true);
    // Items seen on the new day changed (their history grew); nothing else had a reason to, but
    // authors and items named by the new edition.
    expect(next.subjects?.historiesRead).toBeLessThanOrEqual(seenToday.size + 60);
  }, 90_000);

  it('removes the page of a subject that left, with its compressed copies', async () => {
    const manifest = JSON.parse(read(SUBJECTS_MANIFEST)) as { format: string; pages: Record<string, string> };
    const ghost = '/models/ghost/gone/';
    manifest.pages[ghost] = 'stale';
    const ghostFile = join(dir, subjectFile(ghost));
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(dir, 'models/ghost/gone'), { recursive: true });
    writeFileSync(ghostFile, '<!doctype html><title>ghost</title>'.repeat(50));
    writeFileSync(`${ghostFile}.gz`, 'x');
    writeFileSync(join(dir, SUBJECTS_MANIFEST), JSON.stringify(manifest));
    const result = await publishSite(editions, site, { store });
    expect(result.subjects?.removed).toBe(1);
    expect(existsSync(ghostFile)).toBe(false);
    expect(existsSync(`${ghostFile}.gz`)).toBe(false);
    expect(result.subjects?.written).toBe(0);
  }, 90_000);

  it('keeps a hostile item escaped and refuses ids that would leave their section', async () => {
    const hostile = {
      kind: 'model' as const,
      externalId: 'evil/model"><script>x</script>',
      title: HOSTILE_STRINGS.script,
      url: 'https://huggingface.co/evil/model',
      list: 'trending',
      attributes: { description: HOSTILE_STRINGS.breakout },
      metrics: {},
    };
    const fine = { ...hostile, externalId: 'evil/fine-name', author: 'evil', title: HOSTILE_STRINGS.script };
    const traversal = { ...hostile, externalId: '../../etc' };
    await store.saveSnapshot({
      source: 'hf-new-models',
      day: '2025-06-15',
      takenAt: '2025-06-15T06:00:00.000Z',
      status: 'ok',
      items: [hostile, fine, traversal],
    });
    await publishSite(editions, site, { store });
    const page = read('models/evil/fine-name/index.html');
    expect(page).not.toContain('<script>window');
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(page).not.toContain('<img src=x');
    const messages = await validate({ 'page.html': page });
    expect(messages.filter(isVnuError).map(describeVnu)).toEqual([]);
    const author = read('authors/evil/index.html');
    expect(author).toContain('href="/news/models/evil/fine-name/"');
    expect(existsSync(join(root, 'etc'))).toBe(false);
  }, 60_000);
});

describe('subject pages in the bucket', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('uploads every page once, then only the pages a change touched, and never retires kept ones', async () => {
    const client = s3.client();
    const bucketSite = ConfigSchema.parse({
      site: {
        dir: join(root, 'bucket-site'),
        url: 'https://post.example.org',
        publish: `s3://${s3.bucket}/subj`,
      },
    }).site;
    const first = await publishSite(editions, bucketSite, { store, s3: client });
    const pages = first.subjects?.pages ?? 0;
    const isSubject = (path: string) => /^(models|datasets|spaces|repos|papers|authors)\//.test(path);
    expect(first.bucket?.uploaded.filter(isSubject)).toHaveLength(pages);

    const again = await publishSite(editions, bucketSite, { store, s3: client });
    expect(again.bucket?.uploaded).toEqual([]);
    expect(again.bucket?.unchanged).toBeGreaterThan(pages);
    const manifest = JSON.parse(
      Buffer.from(
        (await (
          await client.send(
            new GetObjectCommand({ Bucket: s3.bucket, Key: 'subj/.morning-post-manifest.json' }),
          )
        ).Body?.transformToByteArray()) ?? [],
      ).toString('utf8'),
    ) as { objects: Record<string, { retiredAt?: string }> };
    const subjectEntries = Object.entries(manifest.objects).filter(([path]) => isSubject(path));
    expect(subjectEntries).toHaveLength(pages);
    expect(subjectEntries.filter(([, entry]) => entry.retiredAt)).toEqual([]);

    // One item seen on a new day: its page and its author's change hands; nothing else.
    const item = (await store.subjects.listItems({ limit: 1 }))[0];
    if (!item) throw new Error('no item');
    await store.saveSnapshot({
      source: 'fake',
      day: '2025-06-20',
      takenAt: '2025-06-20T06:00:00.000Z',
      status: 'ok',
      items: [
        {
          kind: item.kind,
          externalId: item.externalId,
          title: item.title,
          url: item.url,
          attributes: {},
          list: 'trending',
          rank: 1,
          metrics: { likes: 123_456 },
        },
      ],
    });
    const next = await publishSite(editions, bucketSite, { store, s3: client });
    const uploaded = next.bucket?.uploaded.filter(isSubject) ?? [];
    expect(uploaded).toContain(subjectFile(itemPath(item.kind, item.externalId) as string));
    expect(uploaded.length).toBe(next.subjects?.written);
    expect(uploaded.length).toBeLessThanOrEqual(2);
  }, 120_000);
});

describe('sitemap past 50,000 URLs', () => {
  it('becomes a sitemap index of files of at most the limit', () => {
    const paths = Array.from({ length: 25 }, (_, i) => `/models/a/m${i}/`);
    const files = buildSitemaps([], { baseUrl: 'https://post.example.org' }, paths, 10);
    expect(files.map((file) => file.path)).toEqual([
      'sitemap.xml',
      'sitemap-1.xml',
      'sitemap-2.xml',
      'sitemap-3.xml',
    ]);
    expect(files[0]?.body).toContain('<sitemapindex');
    expect(files[0]?.body).toContain('<loc>https://post.example.org/sitemap-3.xml</loc>');
    const urls = files
      .slice(1)
      .flatMap((file) => [...file.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
    expect(urls).toHaveLength(28);
    expect(new Set(urls).size).toBe(28);
    expect(buildSitemaps([], { baseUrl: 'https://post.example.org' }, paths)).toHaveLength(1);
  });
});
