import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { EDITION_HTML, makeSite } from '../testing/server/site.js';
import { startServer } from './index.js';

const site = makeSite();
afterAll(() => site.remove());

function get(url: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

describe('startServer', () => {
  it('listens on a free port and closes despite an idle keep-alive connection', async () => {
    const server = await startServer({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080', port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const agent = new Agent({ keepAlive: true });
    try {
      expect(await get(`${server.url}/`, agent)).toBe(EDITION_HTML);
      // Without closing idle sockets, close() would wait for the keep-alive timeout.
      const closed = server.close();
      await expect(
        Promise.race([closed.then(() => 'closed'), sleep(2_000).then(() => 'hung')]),
      ).resolves.toBe('closed');
      expect(server.close()).toBe(closed);
      await expect(fetch(`${server.url}/`)).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('lets a request in flight finish before closing', async () => {
    let release = () => {};
    const server = await startServer({
      siteDir: site.siteDir,
      publicUrl: 'http://localhost:8080',
      port: 0,
      routes: [
        {
          method: 'GET',
          path: '/slow',
          handler: async ({ res }) => {
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            res.end('done');
          },
        },
      ],
    });
    const agent = new Agent({ keepAlive: false });
    const pending = get(`${server.url}/slow`, agent);
    await sleep(50);
    const closed = server.close();
    release();
    expect(await pending).toBe('done');
    await closed;
    agent.destroy();
  });

  it('fails to start on a port already taken', async () => {
    const first = await startServer({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080', port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(
        startServer({ siteDir: site.siteDir, publicUrl: 'http://localhost:8080', port }),
      ).rejects.toThrow(/^Cannot listen on 127.0.0.1:\d+: the port is already in use\.$/);
    } finally {
      await first.close();
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
