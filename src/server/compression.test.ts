import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EDITION_HTML,
  makeSite,
  PNG,
  raw,
  type Served,
  SITE_FILES,
  SMALL_CSS,
  serve,
} from '../testing/server/site.js';

const MEDIUM_CSS = '.a{color:red}'.repeat(40);
const site = makeSite({
  ...SITE_FILES,
  'assets/big.png': Buffer.concat(Array(50).fill(PNG)),
  'assets/medium.css': MEDIUM_CSS,
});
let server: Served;

beforeAll(async () => {
  server = await serve({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080' });
});

afterAll(async () => {
  await server.close();
  site.remove();
});

describe('compression', () => {
  it('sends gzip that decodes to the original', async () => {
    const response = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(response.body.length).toBeLessThan(EDITION_HTML.length / 5);
    expect(gunzipSync(response.body).toString()).toBe(EDITION_HTML);
  });

  it('prefers brotli when both are equally welcome, and it decodes to the original', async () => {
    const response = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(response.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(response.body).toString()).toBe(EDITION_HTML);
  });

  it('follows q-values', async () => {
    const gzip = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'br;q=0.5, gzip;q=0.9' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const none = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'br;q=0, gzip;q=0' } });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.toString()).toBe(EDITION_HTML);
  });

  it('sends identity without Accept-Encoding, still saying the response varies', async () => {
    const response = await raw(server.base, '/');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.body.toString()).toBe(EDITION_HTML);
  });

  it('does not compress small bodies', async () => {
    const response = await raw(server.base, '/assets/small.css', {
      headers: { 'Accept-Encoding': 'br, gzip' },
    });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString()).toBe(SMALL_CSS);
  });

  it('does not compress types that are compressed already', async () => {
    const response = await raw(server.base, '/assets/big.png', {
      headers: { 'Accept-Encoding': 'br, gzip' },
    });
    expect(response.body.length).toBeGreaterThan(1024);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toBeUndefined();
  });

  it('compresses even a small body when identity is refused, and answers 406 when nothing is left', async () => {
    expect(MEDIUM_CSS.length).toBeLessThan(1024);
    const forced = await raw(server.base, '/assets/medium.css', {
      headers: { 'Accept-Encoding': 'gzip, identity;q=0' },
    });
    expect(forced.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(forced.body).toString()).toBe(MEDIUM_CSS);
    const refused = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'identity;q=0' } });
    expect(refused.status).toBe(406);
  });

  it('compresses the 404 page too', async () => {
    const response = await raw(server.base, '/missing', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(404);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.body).toString()).toContain('No such page.');
  });

  it('serves the same compressed bytes on repeated requests', async () => {
    const first = await raw(server.base, '/feed.json', { headers: { 'Accept-Encoding': 'br' } });
    const second = await raw(server.base, '/assets/style.3f9a1c2b7d.css', {
      headers: { 'Accept-Encoding': 'br' },
    });
    const third = await raw(server.base, '/assets/style.3f9a1c2b7d.css', {
      headers: { 'Accept-Encoding': 'br' },
    });
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(second.headers['content-encoding']).toBe('br');
    expect(third.body.equals(second.body)).toBe(true);
    expect(third.headers.etag).toBe(second.headers.etag);
  });
});
