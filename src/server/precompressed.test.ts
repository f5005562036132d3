import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITION_HTML, makeSite, raw, type Served, SITE_FILES, serve } from '../testing/server/site.js';
import { FileStore } from './file-store.js';
import { decodesTo } from './precompressed.js';

// Low effort on purpose: these bytes differ from the server's own (maximum effort) compression,
// so a body equal to them proves the variant came from disk.
const DISK_GZIP = gzipSync(EDITION_HTML, { level: 1 });
const FAST_BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };
const DISK_BR = brotliCompressSync(EDITION_HTML, FAST_BROTLI);
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel>${'<item><title>A model climbs</title></item>'.repeat(60)}</channel></rss>`;
const OLD_FEED = FEED.replace('A model climbs', 'An older story');

const site = makeSite({
  ...SITE_FILES,
  'index.html.gz': DISK_GZIP,
  'index.html.br': DISK_BR,
  'feed.xml': FEED,
  // Left from an earlier publish: decodes, but to other bytes.
  'feed.xml.gz': gzipSync(OLD_FEED),
  'feed.xml.br': Buffer.from('not brotli at all'),
});
let server: Served;

beforeAll(async () => {
  server = await serve({ siteDir: site.siteDir, publicUrl: 'https://post.example' });
});

afterAll(async () => {
  await server.close();
  site.remove();
});

const get = (target: string, headers: Record<string, string> = {}, method = 'GET') =>
  raw(server.base, target, { headers, method });

describe('precompressed variants', () => {
  it('are sent as they lie beside the file, with their own length and tag', async () => {
    const gzip = await get('/', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(DISK_GZIP)).toBe(true);
    expect(gzip.headers['content-length']).toBe(String(DISK_GZIP.length));
    const br = await get('/', { 'Accept-Encoding': 'br' });
    expect(br.body.equals(DISK_BR)).toBe(true);
    expect(br.headers['content-length']).toBe(String(DISK_BR.length));
    expect(brotliDecompressSync(br.body).toString()).toBe(EDITION_HTML);
    const plain = await get('/');
    expect(plain.body.toString()).toBe(EDITION_HTML);
    const tags = [plain, gzip, br].map((response) => response.headers.etag);
    expect(new Set(tags).size).toBe(3);
    expect(gzip.headers.etag).toBe(plain.headers.etag?.replace(/"$/, '-gz"'));
    for (const response of [plain, gzip, br]) {
      expect(response.status).toBe(200);
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
    }
  });

  it('are never sent when they do not decode to the file: the server compresses it itself', async () => {
    const gzip = await get('/feed.xml', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(FEED);
    const br = await get('/feed.xml', { 'Accept-Encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(FEED);
  });

  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.4, gzip;q=0.8', 'gzip'],
    ['br;q=0.4, gzip;q=0.8, identity', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.1, gzip', 'gzip'],
    ['deflate', 'identity'],
    ['gzip, identity;q=0', 'gzip'],
    ['identity', 'identity'],
  ])('Accept-Encoding %j gets %s, the same on HEAD', async (accept, expected) => {
    const response = await get('/', { 'Accept-Encoding': accept });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding'] ?? 'identity').toBe(expected);
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    const decoded =
      expected === 'br'
        ? brotliDecompressSync(response.body)
        : expected === 'gzip'
          ? gunzipSync(response.body)
          : response.body;
    expect(decoded.toString()).toBe(EDITION_HTML);
    const head = await get('/', { 'Accept-Encoding': accept }, 'HEAD');
    expect(head.body.length).toBe(0);
    for (const name of ['content-length', 'content-encoding', 'etag', 'vary', 'last-modified'])
      expect(head.headers[name], name).toEqual(response.headers[name]);
  });

  it('answer 406 when identity and every coding we have are refused', async () => {
    for (const accept of ['identity;q=0', '*;q=0', 'deflate, identity;q=0']) {
      const response = await get('/', { 'Accept-Encoding': accept });
      expect(response.status).toBe(406);
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('answer If-None-Match with 304 per encoding, and ignore an If-Modified-Since in the future', async () => {
    const gzip = await get('/', { 'Accept-Encoding': 'gzip' });
    const br = await get('/', { 'Accept-Encoding': 'br' });
    const again = await get('/', { 'Accept-Encoding': 'gzip', 'If-None-Match': gzip.headers.etag ?? '' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(gzip.headers.etag);
    expect(again.headers.vary).toBe('Accept-Encoding');
    expect(again.headers['content-security-policy']).toBeDefined();
    // The brotli copy is not the gzip one: a client holding one gets the other whole.
    const other = await get('/', { 'Accept-Encoding': 'gzip', 'If-None-Match': br.headers.etag ?? '' });
    expect(other.status).toBe(200);
    expect(other.body.equals(DISK_GZIP)).toBe(true);
    const future = new Date(Date.now() + 86_400_000).toUTCString();
    const pinned = await get('/', { 'Accept-Encoding': 'gzip', 'If-Modified-Since': future });
    expect(pinned.status).toBe(200);
    expect(pinned.body.equals(DISK_GZIP)).toBe(true);
  });

  it('are replaced in memory when a publish renames new files into place', async () => {
    const path = join(site.siteDir, 'editions/2026-08-23/edition.md');
    const first = `# The AI Morning Post\n\n${'The first story. '.repeat(200)}`;
    const second = `# The AI Morning Post\n\n${'The corrected story. '.repeat(200)}`;
    const publish = (text: string) => {
      // Variants first, then the file, each written beside its place and renamed over it.
      for (const [suffix, bytes] of [
        ['.br', brotliCompressSync(text)],
        ['.gz', gzipSync(text)],
        ['', Buffer.from(text)],
      ] as const) {
        writeFileSync(`${path}${suffix}.tmp`, bytes);
        renameSync(`${path}${suffix}.tmp`, `${path}${suffix}`);
      }
    };
    const decode = { br: brotliDecompressSync, gzip: gunzipSync, identity: (body: Buffer) => body };
    publish(first);
    for (const coding of ['br', 'gzip', 'identity'] as const) {
      const response = await get('/editions/2026-08-23/edition.md', { 'Accept-Encoding': coding });
      expect(decode[coding](response.body).toString()).toBe(first);
    }
    publish(second);
    for (const coding of ['br', 'gzip', 'identity'] as const) {
      const response = await get('/editions/2026-08-23/edition.md', { 'Accept-Encoding': coding });
      expect(response.headers['content-encoding'] ?? 'identity').toBe(coding);
      expect(decode[coding](response.body).toString()).toBe(second);
    }
  });

  it('stream a file larger than the memory budget from disk', async () => {
    const big = `<!doctype html><title>Archive</title>${'<p>An edition of the Post. </p>'.repeat(4000)}`;
    site.write('editions/big.html', big);
    site.write('editions/big.html.gz', gzipSync(big));
    const small = await serve({
      siteDir: site.siteDir,
      publicUrl: 'http://localhost:8080',
      cacheBytes: 40_000,
    });
    try {
      const response = await raw(small.base, '/editions/big.html', {
        headers: { 'Accept-Encoding': 'gzip' },
      });
      expect(big.length).toBeGreaterThan(40_000);
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body.toString()).toBe(big);
      expect(response.headers['content-length']).toBe(String(big.length));
      expect(response.headers['x-frame-options']).toBe('DENY');
      // Smaller files are still served from memory, compressed.
      const index = await raw(small.base, '/', { headers: { 'Accept-Encoding': 'gzip' } });
      expect(index.body.equals(DISK_GZIP)).toBe(true);
    } finally {
      await small.close();
    }
  });
});

describe('FileStore and variants', () => {
  it('loads the variants that decode to the file with it, and counts them in its budget', async () => {
    const store = new FileStore({ siteDir: site.siteDir });
    const found = store.lookup([], true);
    if (found.kind !== 'file') throw new Error('expected the front page');
    const file = await store.read(found.path, found.stats);
    if (file.kind !== 'file') throw new Error('expected a cached file');
    expect(file.variants.gzip?.equals(DISK_GZIP)).toBe(true);
    expect(file.variants.br?.equals(DISK_BR)).toBe(true);
    expect(store.cachedBytes).toBe(EDITION_HTML.length + DISK_GZIP.length + DISK_BR.length);
    expect((await store.encode(file, 'gzip')).body).toBe(file.variants.gzip);
  });

  it('decodesTo accepts only the exact bytes, and stops a variant that inflates past them', async () => {
    const body = Buffer.from(EDITION_HTML);
    expect(await decodesTo(gzipSync(body), 'gzip', body)).toBe(true);
    expect(await decodesTo(gzipSync(`${EDITION_HTML}!`), 'gzip', body)).toBe(false);
    expect(await decodesTo(gzipSync(EDITION_HTML.slice(1)), 'gzip', body)).toBe(false);
    expect(await decodesTo(brotliCompressSync(Buffer.alloc(20_000_000), FAST_BROTLI), 'br', body)).toBe(
      false,
    );
    expect(await decodesTo(Buffer.from('garbage'), 'br', body)).toBe(false);
  });
});
