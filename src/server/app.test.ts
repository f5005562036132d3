import { symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.js';
import { makeSite, raw, type Served, serve } from '../testing/server/site.js';
import { CONTENT_SECURITY_POLICY } from './headers.js';

const site = makeSite();
let server: Served;
const log = memoryLogger();

beforeAll(async () => {
  symlinkSync(join(site.root, 'secret.txt'), join(site.siteDir, 'leak.txt'));
  symlinkSync(join(site.siteDir, 'robots.txt'), join(site.siteDir, 'robots-alias.txt'));
  server = await serve({
    siteDir: site.siteDir,
    publicUrl: 'https://post.example',
    log,
    routes: [
      {
        method: 'POST',
        path: '/subscribe',
        handler: ({ res }) => {
          res.writeHead(202, { 'Content-Type': 'text/plain' });
          res.end('queued');
        },
      },
      {
        method: 'GET',
        path: '/boom',
        handler: () => {
          throw new Error('handler exploded');
        },
      },
    ],
  });
});

afterAll(async () => {
  await server.close();
  site.remove();
});

describe('static files', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/methodology/', 'text/html; charset=utf-8'],
    ['/editions/', 'text/html; charset=utf-8'],
    ['/editions/2026-08-23/', 'text/html; charset=utf-8'],
    ['/assets/style.3f9a1c2b7d.css', 'text/css; charset=utf-8'],
    ['/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/feed.json', 'application/feed+json; charset=utf-8'],
    ['/sitemap.xml', 'application/xml; charset=utf-8'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/editions/2026-08-23/edition.json', 'application/json; charset=utf-8'],
    ['/editions/2026-08-23/edition.md', 'text/markdown; charset=utf-8'],
    ['/assets/qr.svg', 'image/svg+xml'],
    ['/assets/logo.png', 'image/png'],
  ])('serves %s as %s', async (path, type) => {
    const response = await fetch(server.base + path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('resolves a folder with a trailing slash to its index.html', async () => {
    const response = await fetch(`${server.base}/editions/2026-08-23/`);
    expect(await response.text()).toBe('<!doctype html><title>23 August</title>');
  });

  it('redirects a folder without its trailing slash, keeping the query', async () => {
    const response = await raw(server.base, '/editions/2026-08-23?ref=mail');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/editions/2026-08-23/?ref=mail');
  });

  it('never redirects to another host', async () => {
    // Echoing `//methodology/` back would be a protocol-relative link to the host "methodology".
    const response = await raw(server.base, '//methodology');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/methodology/');
  });

  it('answers unknown paths 404 with the 404 page, not cached', async () => {
    const response = await fetch(`${server.base}/editions/1999-01-01/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(await response.text()).toContain('No such page.');
  });

  it('does not serve hidden files or files behind a trailing slash', async () => {
    expect((await raw(server.base, '/.secret')).status).toBe(404);
    expect((await raw(server.base, '/robots.txt/')).status).toBe(404);
  });

  it('serves symlinks inside the folder but not ones leading out of it', async () => {
    const inside = await raw(server.base, '/robots-alias.txt');
    expect(inside.status).toBe(200);
    expect(inside.body.toString()).toBe('User-agent: *\n');
    const outside = await raw(server.base, '/leak.txt');
    expect(outside.status).toBe(404);
    expect(outside.body.toString()).not.toContain('TOP SECRET');
  });
});

describe('hostile targets', () => {
  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fsecret.txt',
    '/editions/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/index.html%00.txt',
    '/%00',
  ])('refuses %s without leaking what lies outside', async (target) => {
    const response = await raw(server.base, target);
    expect(response.status).toBe(400);
    expect(response.body.toString()).not.toMatch(/TOP SECRET|outside-the-site/);
  });

  it('answers malformed percent-encoding 400', async () => {
    const response = await raw(server.base, '/editions/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('answers an overlong target 414', async () => {
    expect((await raw(server.base, `/${'a'.repeat(5000)}`)).status).toBe(414);
  });

  it('refuses methods other than GET and HEAD on files with 405 and Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await raw(server.base, '/index.html', { method });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
    }
  });
});

describe('security headers', () => {
  it.each([
    ['200', '/', {}],
    // Filled in at run time with the clock's now: a date in the future is ignored (RFC 9110).
    ['304', '/', { 'If-Modified-Since': 'now' }],
    ['404', '/nope', {}],
    ['400', '/%zz', {}],
    ['301', '/methodology', {}],
    ['405', '/', {}],
  ] as const)('are on a %s', async (status, target, headers) => {
    const response = await raw(server.base, target, {
      headers: status === '304' ? { 'If-Modified-Since': new Date().toUTCString() } : headers,
      method: status === '405' ? 'PATCH' : 'GET',
    });
    expect(String(response.status)).toBe(status);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('leave out Strict-Transport-Security when the public address is plain http', async () => {
    const plain = await serve({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080' });
    try {
      const response = await raw(plain.base, '/');
      expect(response.status).toBe(200);
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    } finally {
      await plain.close();
    }
  });
});

describe('routes', () => {
  it('answers a plugged-in route before the static files', async () => {
    const response = await raw(server.base, '/subscribe', { method: 'POST' });
    expect(response.status).toBe(202);
    expect(response.body.toString()).toBe('queued');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('lists the route methods in Allow for another method', async () => {
    const response = await raw(server.base, '/subscribe');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });

  it('turns a failing handler into a 500 and keeps serving', async () => {
    const response = await raw(server.base, '/boom');
    expect(response.status).toBe(500);
    expect(response.body.toString()).not.toContain('exploded');
    expect(
      log.records.some((record) => record.level === 'error' && record.message === 'request failed'),
    ).toBe(true);
    expect((await raw(server.base, '/')).status).toBe(200);
  });

  it('logs one info record per request (the access log)', async () => {
    const before = log.records.filter((record) => record.message === 'request').length;
    await raw(server.base, '/robots.txt?x=1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = log.records.filter((record) => record.message === 'request').slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      fields: { method: 'GET', path: '/robots.txt?x=1', status: 200, id: expect.any(String) },
    });
  });

  it('survives clients that send garbage or hang up mid-request', async () => {
    const { hostname, port } = new URL(server.base);
    const garbage = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), hostname, () =>
        socket.write('GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      let reply = '';
      socket.on('data', (chunk) => {
        reply += chunk.toString();
      });
      socket.on('close', () => resolve(reply));
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write('GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\n\r\n');
        socket.destroy();
        resolve();
      });
    });
    expect((await raw(server.base, '/')).status).toBe(200);
  });
});
