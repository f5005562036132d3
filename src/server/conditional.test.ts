import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSite, raw, type Served, serve } from '../testing/server/site.js';

const site = makeSite();
let server: Served;
const MTIME = new Date('2026-08-23T06:00:00Z');

beforeAll(async () => {
  utimesSync(join(site.siteDir, 'index.html'), MTIME, MTIME);
  server = await serve({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080' });
});

afterAll(async () => {
  await server.close();
  site.remove();
});

describe('validators', () => {
  it('sends a strong ETag per encoding and Last-Modified from the mtime', async () => {
    const plain = await raw(server.base, '/');
    const gzip = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'gzip' } });
    const br = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'br' } });
    expect(plain.headers.etag).toMatch(/^"[\w-]{22}"$/);
    expect(gzip.headers.etag).toBe(plain.headers.etag?.replace(/"$/, '-gz"'));
    expect(br.headers.etag).toBe(plain.headers.etag?.replace(/"$/, '-br"'));
    expect(plain.headers['last-modified']).toBe(MTIME.toUTCString());
  });

  it('answers If-None-Match with 304 and no body, comparing weakly within a list', async () => {
    const { headers } = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'gzip' } });
    const etag = headers.etag ?? '';
    const response = await raw(server.base, '/', {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': `"other", W/${etag}` },
    });
    expect(response.status).toBe(304);
    expect(response.body.length).toBe(0);
    expect(response.headers.etag).toBe(etag);
    expect(response.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    expect(response.headers.vary).toBe('Accept-Encoding');
  });

  it('does not match the tag of another encoding', async () => {
    const { headers } = await raw(server.base, '/', { headers: { 'Accept-Encoding': 'gzip' } });
    const response = await raw(server.base, '/', { headers: { 'If-None-Match': headers.etag ?? '' } });
    expect(response.status).toBe(200);
  });

  it('answers If-Modified-Since with 304 when not modified since, 200 otherwise', async () => {
    const same = await raw(server.base, '/', { headers: { 'If-Modified-Since': MTIME.toUTCString() } });
    expect(same.status).toBe(304);
    expect(same.body.length).toBe(0);
    const earlier = await raw(server.base, '/', {
      headers: { 'If-Modified-Since': new Date(MTIME.getTime() - 1000).toUTCString() },
    });
    expect(earlier.status).toBe(200);
    const garbage = await raw(server.base, '/', { headers: { 'If-Modified-Since': 'yesterday' } });
    expect(garbage.status).toBe(200);
  });

  it('lets If-None-Match decide when both are sent', async () => {
    const response = await raw(server.base, '/', {
      headers: { 'If-None-Match': '"stale"', 'If-Modified-Since': MTIME.toUTCString() },
    });
    expect(response.status).toBe(200);
  });
});

describe('HEAD', () => {
  it('has the headers of GET and no body', async () => {
    for (const encoding of ['gzip', 'identity']) {
      const get = await raw(server.base, '/', { headers: { 'Accept-Encoding': encoding } });
      const head = await raw(server.base, '/', { method: 'HEAD', headers: { 'Accept-Encoding': encoding } });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of [
        'content-type',
        'content-length',
        'content-encoding',
        'etag',
        'last-modified',
        'vary',
      ]) {
        expect(head.headers[name], name).toEqual(get.headers[name]);
      }
    }
  });
});

describe('cache-control', () => {
  it('marks hashed assets immutable and pages revalidated', async () => {
    const asset = await raw(server.base, '/assets/style.3f9a1c2b7d.css');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/feed.xml', '/assets/small.css', '/editions/2026-08-23/edition.json']) {
      expect((await raw(server.base, path)).headers['cache-control']).toBe(
        'public, max-age=300, must-revalidate',
      );
    }
  });
});

describe('re-publishing', () => {
  it('serves a file replaced by rename with its new content and a new ETag', async () => {
    const before = await raw(server.base, '/robots.txt');
    const staged = join(site.siteDir, '.robots.txt.tmp');
    writeFileSync(staged, 'User-agent: *\nDisallow: /drafts/\n');
    renameSync(staged, join(site.siteDir, 'robots.txt'));
    const after = await raw(server.base, '/robots.txt');
    expect(after.body.toString()).toBe('User-agent: *\nDisallow: /drafts/\n');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const revalidated = await raw(server.base, '/robots.txt', {
      headers: { 'If-None-Match': before.headers.etag ?? '' },
    });
    expect(revalidated.status).toBe(200);
  });

  it('notices a file rewritten in place when its size or mtime changes', async () => {
    const path = join(site.siteDir, 'editions/2026-08-23/edition.md');
    await raw(server.base, '/editions/2026-08-23/edition.md');
    writeFileSync(path, '# The AI Morning Post, corrected');
    const after = await raw(server.base, '/editions/2026-08-23/edition.md');
    expect(after.body.toString()).toBe('# The AI Morning Post, corrected');
  });
});
