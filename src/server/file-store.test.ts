import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EDITION_HTML, makeSite, raw, serve } from '../testing/server/site.js';
import { FileStore } from './file-store.js';

const site = makeSite();
afterAll(() => site.remove());

async function version(store: FileStore, segments: string[]) {
  const found = store.lookup(segments, false);
  if (found.kind !== 'file') throw new Error(`expected a file at ${segments.join('/')}`);
  const file = await store.read(found.path, found.stats);
  if (file.kind !== 'file') throw new Error('expected a cached file');
  return file;
}

describe('FileStore', () => {
  it('reads a file once and compresses each encoding once', async () => {
    const store = new FileStore({ siteDir: site.siteDir });
    const first = await version(store, ['index.html']);
    expect(await version(store, ['index.html'])).toBe(first);
    const [br, brAgain] = await Promise.all([store.encode(first, 'br'), store.encode(first, 'br')]);
    expect(br.encoding).toBe('br');
    expect(brAgain.body).toBe(br.body);
    expect((await store.encode(first, 'br')).body).toBe(br.body);
    expect(store.cachedBytes).toBe(EDITION_HTML.length + br.body.length);
  });

  it('keeps within its byte budget', async () => {
    const store = new FileStore({
      siteDir: site.siteDir,
      cacheBytes: EDITION_HTML.length + 10,
      maxCachedFileBytes: EDITION_HTML.length,
    });
    const index = await version(store, ['index.html']);
    await store.encode(index, 'gzip');
    await version(store, ['404.html']);
    expect(store.cachedBytes).toBeLessThanOrEqual(EDITION_HTML.length + 10);
  });

  it('finds directories with an index, and nothing outside the folder or hidden', async () => {
    const store = new FileStore({ siteDir: site.siteDir });
    symlinkSync(site.root, join(site.siteDir, 'up'));
    expect(store.lookup(['editions', '2026-08-23'], false).kind).toBe('directory');
    expect(store.lookup(['assets'], false).kind).toBe('missing');
    expect(store.lookup(['up', 'secret.txt'], false).kind).toBe('missing');
    expect(store.lookup(['up', 'site', 'robots.txt'], false).kind).toBe('file');
    expect(store.lookup(['.secret'], false).kind).toBe('missing');
    expect(store.lookup(['index.html', 'x'], false).kind).toBe('missing');
  });

  it('is missing everything when the site folder does not exist yet', async () => {
    const store = new FileStore({ siteDir: join(site.root, 'not-built') });
    expect(store.lookup([], true).kind).toBe('missing');
  });
});

describe('large files', () => {
  it('are streamed whole with validators, HEAD and 304 included', async () => {
    const big = Buffer.alloc(300_000, 'x');
    site.write('assets/big.txt', big);
    const store = new FileStore({ siteDir: site.siteDir, maxCachedFileBytes: 100_000 });
    const found = store.lookup(['assets', 'big.txt'], false);
    if (found.kind !== 'file') throw new Error('expected a file');
    const file = await store.read(found.path, found.stats);
    expect(file.kind).toBe('large');
    if (file.kind === 'large') await file.handle.close();

    const server = await serve({
      siteDir: site.siteDir,
      publicUrl: 'http://localhost:8080',
      cacheBytes: 100_000,
    });
    try {
      const response = await raw(server.base, '/assets/big.txt', { headers: { 'Accept-Encoding': 'gzip' } });
      expect(response.status).toBe(200);
      expect(response.body.equals(big)).toBe(true);
      expect(response.headers['content-encoding']).toBeUndefined();
      const etag = response.headers.etag ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      const head = await raw(server.base, '/assets/big.txt', { method: 'HEAD' });
      expect(head.headers['content-length']).toBe(String(big.length));
      expect(head.body.length).toBe(0);
      const again = await raw(server.base, '/assets/big.txt', { headers: { 'If-None-Match': etag } });
      expect(again.status).toBe(304);
    } finally {
      await server.close();
    }
  });
});
