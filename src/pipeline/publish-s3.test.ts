import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/load.js';
import { ConfigSchema } from '../config/schema.js';
import type { Edition } from '../core/edition.js';
import { isMorningPostError } from '../core/errors.js';
import { renderSite } from '../renderers/index.js';
import { startServer } from '../server/index.js';
import { generatedEdition, seedEdition } from '../testing/editions/editions.js';
import { startTestS3, type TestS3 } from '../testing/s3/s3rver.js';
import { raw } from '../testing/server/site.js';
import { publishSite } from './publish.js';
import {
  MANIFEST_NAME,
  parseBucketUrl,
  RETIRE_AFTER_MS,
  s3ClientFromEnvironment,
  uploadWaves,
} from './publish-s3.js';

const BASE = 'https://post.example.org';
const ENTRY_POINTS = ['index.html', 'feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml', 'robots.txt'];

let s3: TestS3;
let client: S3Client;
const dirs: string[] = [];
let editions: Edition[];
let withThird: Edition[];

beforeAll(async () => {
  s3 = await startTestS3();
  client = s3.client();
  editions = [generatedEdition('2026-08-22', { number: 1 }), await seedEdition({ number: 2 })];
  withThird = [...editions, generatedEdition('2026-08-24', { number: 3 })];
});
afterAll(async () => {
  await s3?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.unstubAllEnvs());

/** Site settings for a fresh local folder publishing to `s3://site/<prefix>`. */
function siteFor(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mp-s3-site-'));
  dirs.push(dir);
  return ConfigSchema.parse({ site: { dir, url: BASE, publish: `s3://${s3.bucket}/${prefix}` } }).site;
}

async function getObject(key: string) {
  const answer = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return { ...answer, bytes: Buffer.from((await answer.Body?.transformToByteArray()) ?? []) };
}

async function exists(key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
}

async function keysUnder(prefix: string): Promise<string[]> {
  const answer = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (answer.Contents ?? []).map((object) => (object.Key ?? '').slice(prefix.length)).sort();
}

const puts = () => s3.requests.filter((r) => r.method === 'PUT');

/** Paths whose bytes differ between two renders (or that are new). */
async function changedPaths(before: Edition[], after: Edition[]): Promise<string[]> {
  const old = new Map(
    (await renderSite(before, { baseUrl: BASE })).map((f) => [f.path, Buffer.from(f.body)]),
  );
  return (await renderSite(after, { baseUrl: BASE }))
    .filter((f) => !old.get(f.path)?.equals(Buffer.from(f.body)))
    .map((f) => f.path)
    .sort();
}

/**
 * Every same-site link in a page, feed or sitemap, as the site path a reader's request lands on
 * (`/editions/D/` → `editions/D/index.html`).
 */
function localLinks(path: string, body: string): string[] {
  const found = new Set<string>();
  const pattern =
    /(?:href|src)="([^"]+)"|<(?:loc|link|id)>([^<]+)<\/|"(?:url|home_page_url|feed_url)":\s*"([^"]+)"/g;
  for (const match of body.matchAll(pattern)) {
    const link = (match[1] ?? match[2] ?? match[3] ?? '').replaceAll('&amp;', '&').trim();
    if (link === '' || link.startsWith('#') || /^(?:mailto|tg|data):/.test(link)) continue;
    const url = new URL(link, `${BASE}/${path}`);
    if (url.origin !== BASE) continue;
    const target = url.pathname.slice(1);
    found.add(target === '' || target.endsWith('/') ? `${target}index.html` : target);
  }
  return [...found];
}

describe('configuration', () => {
  it('reads MORNING_POST_PUBLISH into site.publish and rejects what is not s3://bucket[/prefix]', () => {
    const env = { MORNING_POST_PUBLISH: 's3://morning-post/www' };
    const { config, origins } = loadConfig({ env, file: false });
    expect(config.site.publish).toBe('s3://morning-post/www');
    expect(origins['site.publish']).toBe('env MORNING_POST_PUBLISH');
    expect(loadConfig({ env: {}, file: false }).config.site.publish).toBeUndefined();
    expect(() => loadConfig({ env: { MORNING_POST_PUBLISH: 'https://bucket/x' }, file: false })).toThrow(
      /s3:\/\//,
    );
    expect(parseBucketUrl('s3://morning-post/www/')).toEqual({ bucket: 'morning-post', prefix: 'www/' });
    expect(parseBucketUrl('s3://morning-post')).toEqual({ bucket: 'morning-post', prefix: '' });
  });

  it('a client from the environment goes path-style when an endpoint of its own is set', () => {
    expect(
      s3ClientFromEnvironment({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000' }).config.forcePathStyle,
    ).toBe(true);
    expect(s3ClientFromEnvironment({}).config.forcePathStyle).toBe(false);
  });
});

describe('upload order', () => {
  it('assets, then each edition folder newest first, then other pages, then entry points', () => {
    const waves = uploadWaves([
      'index.html',
      'feed.xml',
      'editions/index.html',
      'editions/2026-08-22/index.html',
      'editions/2026-08-23/edition.json',
      'editions/2026-08-23/index.html',
      'assets/style.5e60af956c.css',
      'methodology/index.html',
      'sitemap.xml',
    ]);
    expect(waves).toEqual([
      ['assets/style.5e60af956c.css'],
      ['editions/2026-08-23/edition.json', 'editions/2026-08-23/index.html'],
      ['editions/2026-08-22/index.html'],
      ['editions/index.html', 'methodology/index.html'],
      ['index.html', 'feed.xml', 'sitemap.xml'],
    ]);
  });
});

describe('publishing to an S3 bucket (s3rver)', () => {
  it('uploads the site; each object has the body, Content-Type and Cache-Control serve sends for its path', async () => {
    const site = siteFor('full');
    const result = await publishSite(editions, site, { s3: client });
    const uploaded = result.bucket?.uploaded ?? [];
    expect(uploaded).toHaveLength(result.files);
    // Identity bytes only: no .br/.gz keys, plus the manifest.
    expect(await keysUnder('full/')).toEqual([...uploaded, MANIFEST_NAME].sort());

    const server = await startServer({ siteDir: site.dir, publicUrl: site.url, port: 0 });
    try {
      for (const path of uploaded) {
        const object = await getObject(`full/${path}`);
        const urlPath = `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
        const served = await raw(server.url, urlPath, { headers: { 'Accept-Encoding': 'identity' } });
        expect(served.status, urlPath).toBe(200);
        expect(object.bytes.equals(served.body), path).toBe(true);
        expect(object.ContentType, path).toBe(served.headers['content-type']);
        expect(object.CacheControl, path).toBe(served.headers['cache-control']);
        expect(object.ContentEncoding, path).toBeUndefined();
        expect(object.Metadata?.sha256, path).toMatch(/^[0-9a-f]{64}$/);
      }
    } finally {
      await server.close();
    }
    // Both cache policies are exercised: the hashed stylesheet and the pages.
    const policies = new Set(
      await Promise.all(uploaded.map(async (p) => (await getObject(`full/${p}`)).CacheControl)),
    );
    expect([...policies].sort()).toEqual([
      'public, max-age=300, must-revalidate',
      'public, max-age=31536000, immutable',
    ]);
  });

  it('re-publishing an unchanged site uploads nothing; a new edition uploads only what changed', async () => {
    const site = siteFor('incremental');
    await publishSite(editions, site, { s3: client });

    s3.requests.length = 0;
    const again = await publishSite(editions, site, { s3: client });
    expect(again.bucket?.uploaded).toEqual([]);
    expect(again.bucket?.unchanged).toBe(again.files);
    expect(puts()).toEqual([]);
    expect(s3.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // One read: the manifest.
    expect(s3.requests).toHaveLength(1);

    s3.requests.length = 0;
    const next = await publishSite(withThird, site, { s3: client });
    const changed = await changedPaths(editions, withThird);
    expect(changed.length).toBeLessThan(next.files);
    expect(changed).toContain('editions/2026-08-24/index.html');
    expect([...(next.bucket?.uploaded ?? [])].sort()).toEqual(changed);
    // The changed files and the manifest, nothing else.
    expect(puts()).toHaveLength(changed.length + 1);
    for (const path of changed) {
      const local = await getObject(`incremental/${path}`);
      const rendered = (await renderSite(withThird, { baseUrl: BASE })).find((f) => f.path === path);
      expect(local.bytes.equals(Buffer.from(rendered?.body ?? '')), path).toBe(true);
    }
  });

  it('during an upload, no link from the index, feeds or sitemap (and, once the site exists, any page) answers 404 (checked while uploading)', async () => {
    const site = siteFor('links');
    const checker = s3.client();
    const order: string[] = [];
    const broken: string[] = [];
    let checked = 0;
    let checkAll = false;
    const seen = new Set<string>();
    checker.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const input = args.input as { Key?: string; Body?: Buffer };
        if (context.commandName !== 'PutObjectCommand' || !input.Key?.startsWith('links/')) return result;
        const path = input.Key.slice('links/'.length);
        if (path === MANIFEST_NAME) return result;
        order.push(path);
        // A first publish has cycles nothing can order (the archive links to the index, which
        // links back), but no reader reaches a page before an entry point is up: there, only the
        // entry points are checked. Once the site exists, every page is.
        const check = ENTRY_POINTS.includes(path) || (checkAll && /\.(html|xml|json)$/.test(path));
        if (!check) return result;
        // Right after this object went up, a reader following any of its links finds the target.
        for (const target of localLinks(path, Buffer.from(input.Body ?? '').toString('utf8'))) {
          checked++;
          seen.add(target);
          if (!(await exists(`links/${target}`))) broken.push(`${path} → ${target}`);
        }
        return result;
      },
      { step: 'initialize', name: 'checkLinksAfterPut' },
    );

    // Entry points go up after everything else in each publish.
    const entriesLast = () => {
      const firstEntry = order.findIndex((path) => ENTRY_POINTS.includes(path));
      expect(firstEntry).toBeGreaterThan(0);
      expect(
        order.slice(firstEntry).every((path) => ENTRY_POINTS.includes(path)),
        order.join(' '),
      ).toBe(true);
    };
    await publishSite(editions, site, { s3: checker });
    expect(order).toHaveLength(16);
    entriesLast();
    order.length = 0;
    checkAll = true;
    await publishSite(withThird, site, { s3: checker });
    entriesLast();
    expect(order.indexOf('editions/2026-08-24/index.html')).toBeLessThan(
      order.indexOf('editions/2026-08-23/index.html'),
    );

    expect(broken, broken.join('\n')).toEqual([]);
    // The check reached the pages that matter: the new edition from the index and feeds, the stylesheet.
    expect(seen).toContain('editions/2026-08-24/index.html');
    expect([...seen].some((p) => /^assets\/style\.[0-9a-f]+\.css$/.test(p))).toBe(true);
    expect(checked).toBeGreaterThan(50);
  });

  it('a bucket that does not exist is a clear error naming it, without credentials', async () => {
    const site = {
      ...siteFor('unused'),
      publish: 's3://no-such-bucket/www',
    };
    const error = await publishSite(editions, site, { s3: client }).catch((e: unknown) => e);
    expect(isMorningPostError(error) && error.code).toBe('PUBLISH_FAILED');
    const message = (error as Error).message;
    expect(message).toContain('s3://no-such-bucket/www/');
    expect(message).toContain(`s3://no-such-bucket/www/${MANIFEST_NAME}`);
    expect(message).toMatch(/NoSuchBucket/);
    expect(message).not.toContain('S3RVER');
  });

  it('an upload refused half-way names the key; nothing links to what is missing, and the next publish uploads the rest', async () => {
    const site = siteFor('refused');
    const flaky = s3.client();
    const done: string[] = [];
    let refuse = true;
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: string }).Key ?? '';
        if (
          refuse &&
          context.commandName === 'PutObjectCommand' &&
          key === 'refused/editions/2026-08-22/index.html'
        )
          throw Object.assign(new Error('We encountered an internal error. Please try again.'), {
            name: 'InternalError',
          });
        const result = await next(args);
        if (context.commandName === 'PutObjectCommand') done.push(key.slice('refused/'.length));
        return result;
      },
      { step: 'initialize', name: 'refuseOne' },
    );
    const error = await publishSite(editions, site, { s3: flaky }).catch((e: unknown) => e);
    expect(isMorningPostError(error) && error.code).toBe('PUBLISH_FAILED');
    expect((error as Error).message).toContain('s3://site/refused/editions/2026-08-22/index.html');
    expect((error as Error).message).toContain('InternalError');
    // The newer edition went up before; nothing after the failed wave did.
    expect(done).toContain('editions/2026-08-23/index.html');
    for (const path of [...ENTRY_POINTS, 'editions/index.html'])
      expect(await exists(`refused/${path}`), path).toBe(false);
    // The manifest records what did arrive.
    expect(done).toContain(MANIFEST_NAME);

    refuse = false;
    const all = (await renderSite(editions, { baseUrl: BASE })).map((f) => f.path);
    const arrived = [...done];
    const retried = await publishSite(editions, site, { s3: flaky });
    const expected = all.filter((p) => !arrived.includes(p)).sort();
    expect(expected).toContain('editions/2026-08-22/index.html');
    expect(expected).toContain('index.html');
    expect([...(retried.bucket?.uploaded ?? [])].sort()).toEqual(expected);
    expect(await keysUnder('refused/')).toEqual([...all, MANIFEST_NAME].sort());
  });

  it('the server going away mid-upload fails with the bucket and key; the next publish completes the site', async () => {
    const site = siteFor('outage');
    const dying = s3.client();
    let putsSeen = 0;
    dying.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'PutObjectCommand' && ++putsSeen === 2) await s3.stop();
        return result;
      },
      { step: 'initialize', name: 'stopAfterTwo' },
    );
    try {
      const error = await publishSite(editions, site, { s3: dying }).catch((e: unknown) => e);
      expect(isMorningPostError(error) && error.code).toBe('PUBLISH_FAILED');
      expect((error as Error).message).toMatch(
        /^Publishing the site to s3:\/\/site\/outage\/ failed uploading s3:\/\/site\/outage\/\S+: /,
      );
      expect((error as Error).message).not.toContain('S3RVER');
    } finally {
      await s3.restart();
    }
    // The index never went up before the editions it links to.
    expect(await exists('outage/index.html')).toBe(false);

    const resumed = await publishSite(editions, site, { s3: s3.client() });
    expect(resumed.bucket?.uploaded.length).toBeGreaterThan(0);
    const all = (await renderSite(editions, { baseUrl: BASE })).map((f) => f.path);
    expect(await keysUnder('outage/')).toEqual([...all, MANIFEST_NAME].sort());
    const again = await publishSite(editions, site, { s3: s3.client() });
    expect(again.bucket?.uploaded).toEqual([]);
  });

  it('a path that leaves the site is kept a day, then deleted; other objects in the bucket are never touched', async () => {
    const site = siteFor('retire');
    let now = new Date('2026-08-24T06:00:00Z');
    const clock = { s3: client, now: () => now };
    await publishSite(withThird, site, clock);
    // The third edition withdrawn: its folder leaves the site.
    await publishSite(editions, site, clock);
    expect(await exists('retire/editions/2026-08-24/index.html')).toBe(true);
    now = new Date(now.getTime() + RETIRE_AFTER_MS);
    const later = await publishSite(editions, site, clock);
    expect([...(later.bucket?.deleted ?? [])].sort()).toEqual([
      'editions/2026-08-24/edition.json',
      'editions/2026-08-24/edition.md',
      'editions/2026-08-24/index.html',
    ]);
    expect(await exists('retire/editions/2026-08-24/index.html')).toBe(false);
    expect(await exists('retire/editions/2026-08-23/index.html')).toBe(true);
  });

  it('reads endpoint, region and credentials from the standard AWS variables', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_S3', s3.endpoint);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
    const result = await publishSite(editions, siteFor('from-env'));
    expect(result.bucket?.uploaded).toHaveLength(result.files);
    expect(await exists('from-env/index.html')).toBe(true);
  });
});
