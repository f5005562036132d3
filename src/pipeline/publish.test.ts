import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/schema.js';
import { contentTypeFor, isCompressible } from '../server/content-types.js';
import { startServer } from '../server/index.js';
import { compress } from '../server/precompressed.js';
import { generatedEdition, seedEdition } from '../testing/editions/editions.js';
import { raw } from '../testing/server/site.js';
import { publishSite } from './publish.js';

const dir = mkdtempSync(join(tmpdir(), 'mp-publish-'));
const site = ConfigSchema.parse({ site: { dir, url: 'https://post.example.org' } }).site;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (path: string) => readFileSync(join(dir, path));
const files = () =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
const DECODE = { '.br': brotliDecompressSync, '.gz': gunzipSync } as const;

describe('publishing compressed copies', () => {
  it('writes .br and .gz beside each file that compresses, decoding to its bytes, only when smaller', async () => {
    const result = await publishSite([await seedEdition()], site);
    let checked = 0;
    let skipped = 0;
    for (const path of files().filter((name) => !/\.(br|gz)$/.test(name))) {
      const body = read(path);
      for (const suffix of ['.br', '.gz'] as const) {
        const variant = join(dir, path + suffix);
        if (!isCompressible(contentTypeFor(path))) {
          expect(existsSync(variant), `${path}${suffix}`).toBe(false);
        } else if (existsSync(variant)) {
          const bytes = readFileSync(variant);
          expect(bytes.length, `${path}${suffix}`).toBeLessThan(body.length);
          expect(DECODE[suffix](bytes).equals(body), `${path}${suffix}`).toBe(true);
          checked++;
        } else {
          // Not written: compressing this file did not make it smaller.
          const made = await compress(body, suffix === '.br' ? 'br' : 'gzip');
          expect(made.length, `${path}${suffix}`).toBeGreaterThanOrEqual(body.length);
          skipped++;
        }
      }
    }
    expect(checked).toBe(result.variantsWritten);
    expect(checked).toBeGreaterThan(20);
    // robots.txt is shorter than gzip's own header and trailer.
    expect(existsSync(join(dir, 'robots.txt.gz'))).toBe(false);
    expect(skipped).toBeGreaterThan(0);
    expect(files().some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it('keeps copies that still match, rewrites stale ones, and removes those left without their file', async () => {
    const edition = await seedEdition();
    const indexBr = read('index.html.br');
    // Left from earlier publishes: a stale copy, a copy of a page that is gone, an old
    // stylesheet with its copies, a copy of a file that no longer compresses, and an archive
    // someone keeps in the folder.
    writeFileSync(join(dir, 'feed.xml.gz'), gzipSync('<rss>an older feed</rss>'));
    writeFileSync(join(dir, 'editions/1999-01-01.html.gz'), gzipSync('gone'));
    writeFileSync(join(dir, 'assets/style.0123456789abcdef.css'), 'body{}');
    writeFileSync(join(dir, 'assets/style.0123456789abcdef.css.br'), 'x');
    writeFileSync(join(dir, 'robots.txt.gz'), gzipSync('User-agent: *\nDisallow: /\n'));
    writeFileSync(join(dir, 'data.tar.gz'), gzipSync('an archive'));

    const result = await publishSite([edition], site);
    expect(result.variantsWritten).toBe(1);
    expect(gunzipSync(read('feed.xml.gz')).equals(read('feed.xml'))).toBe(true);
    expect(read('index.html.br').equals(indexBr)).toBe(true);
    for (const gone of [
      'editions/1999-01-01.html.gz',
      'assets/style.0123456789abcdef.css',
      'assets/style.0123456789abcdef.css.br',
      'robots.txt.gz',
    ])
      expect(existsSync(join(dir, gone)), gone).toBe(false);
    expect(result.removed).toEqual(
      expect.arrayContaining(['assets/style.0123456789abcdef.css', 'editions/1999-01-01.html.gz']),
    );
    expect(existsSync(join(dir, 'data.tar.gz'))).toBe(true);
  });

  it('is what the server sends, and a new publish is served at once with its new bytes', async () => {
    const server = await startServer({ siteDir: dir, publicUrl: site.url, port: 0 });
    try {
      const get = (coding: string) => raw(server.url, '/', { headers: { 'Accept-Encoding': coding } });
      const before = await get('br');
      expect(before.headers['content-encoding']).toBe('br');
      expect(before.body.equals(read('index.html.br'))).toBe(true);
      expect((await get('gzip')).body.equals(read('index.html.gz'))).toBe(true);

      await publishSite(
        [await seedEdition({ number: 2 }), generatedEdition('2026-08-24', { number: 3 })],
        site,
      );
      const after = await get('br');
      expect(after.body.equals(before.body)).toBe(false);
      expect(after.body.equals(read('index.html.br'))).toBe(true);
      expect(brotliDecompressSync(after.body).equals(read('index.html'))).toBe(true);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const gzip = await get('gzip');
      expect(gunzipSync(gzip.body).equals(read('index.html'))).toBe(true);
      expect((await get('identity')).body.equals(read('index.html'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
