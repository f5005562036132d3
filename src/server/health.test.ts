import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../lib/logger.js';
import { makeSite, raw, serve } from '../testing/server/site.js';
import { siteHealth } from './health.js';

const site = makeSite();
afterAll(() => site.remove());

async function healthOf(options: Parameters<typeof serve>[0], method = 'GET') {
  const server = await serve(options);
  try {
    const response = await raw(server.base, '/healthz', { method });
    return { ...response, json: method === 'HEAD' ? undefined : JSON.parse(response.body.toString()) };
  } finally {
    await server.close();
  }
}

describe('/healthz', () => {
  it('is 200 and ok when the site is built, never cached', async () => {
    const response = await healthOf({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json).toEqual({ status: 'ok', checks: { site: { ok: true } } });
  });

  it('says which edition the instance serves when told, null before it has one, and stays 200', async () => {
    let edition: object | undefined;
    const options = {
      siteDir: site.siteDir,
      publicUrl: 'http://localhost:8080',
      health: siteHealth(site.siteDir, () => edition),
    };
    expect((await healthOf(options)).json).toEqual({
      status: 'ok',
      checks: { site: { ok: true } },
      edition: null,
    });
    edition = { date: '2026-08-22', number: 1 };
    const response = await healthOf(options);
    expect(response.status).toBe(200);
    expect(response.json.edition).toEqual({ date: '2026-08-22', number: 1 });
  });

  it('is 503 and degraded when index.html is missing', async () => {
    const empty = makeSite({ 'robots.txt': '' });
    rmSync(join(empty.siteDir, 'robots.txt'));
    try {
      const response = await healthOf({ siteDir: empty.siteDir, publicUrl: 'http://localhost:8080' });
      expect(response.status).toBe(503);
      expect(response.json.status).toBe('degraded');
      expect(response.json.checks.site.ok).toBe(false);
    } finally {
      empty.remove();
    }
  });

  it('reports a custom probe, and a throwing probe as degraded without its message', async () => {
    const custom = await healthOf({
      siteDir: site.siteDir,
      publicUrl: 'http://localhost:8080',
      health: () => ({
        status: 'degraded',
        checks: { store: { ok: false, detail: 'locked' } },
        version: '0.1.0',
      }),
    });
    expect(custom.status).toBe(503);
    expect(custom.json.version).toBe('0.1.0');

    const log = memoryLogger();
    const failing = await healthOf({
      siteDir: site.siteDir,
      publicUrl: 'http://localhost:8080',
      log,
      health: async () => {
        throw new Error('password=hunter2');
      },
    });
    expect(failing.status).toBe(503);
    expect(failing.body.toString()).not.toContain('hunter2');
    expect(log.records.some((record) => record.level === 'warn')).toBe(true);
  });

  it('answers HEAD without a body and refuses POST', async () => {
    const head = await healthOf({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const server = await serve({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080' });
    try {
      const post = await raw(server.base, '/healthz', { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.allow).toBe('GET, HEAD');
    } finally {
      await server.close();
    }
  });
});
