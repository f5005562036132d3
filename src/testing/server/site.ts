/**
 * @module testing/server/site
 * Test helpers: a temporary rendered site, the handler on a real socket (port 0), and a raw
 * request that sends the target byte for byte and returns the body undecoded.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSiteHandler, type SiteServerOptions } from '../../server/app.js';

/** Big enough to be compressed (> 1 kB) and to shrink a lot when it is. */
export const EDITION_HTML = `<!doctype html><html lang="en"><title>No. 12</title>${'<p>The AI Morning Post reports. </p>'.repeat(200)}</html>`;
export const SMALL_CSS = 'body{margin:0}';
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

export const SITE_FILES: Record<string, string | Buffer> = {
  'index.html': EDITION_HTML,
  '404.html': `<!doctype html><title>Not found</title><p>${'No such page. '.repeat(100)}</p>`,
  'editions/index.html': '<!doctype html><title>Archive</title>',
  'editions/2026-08-23/index.html': '<!doctype html><title>23 August</title>',
  'editions/2026-08-23/edition.json': '{"date":"2026-08-23"}',
  'editions/2026-08-23/edition.md': '# The AI Morning Post',
  'methodology/index.html': '<!doctype html><title>Methodology</title>',
  'assets/style.3f9a1c2b7d.css': `${SMALL_CSS}${'.x{color:#111}'.repeat(200)}`,
  'assets/small.css': SMALL_CSS,
  'assets/qr.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/logo.png': PNG,
  'feed.xml': '<?xml version="1.0"?><rss version="2.0"/>',
  'atom.xml': '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
  'feed.json': '{"version":"https://jsonfeed.org/version/1.1"}',
  'sitemap.xml': '<?xml version="1.0"?><urlset/>',
  'robots.txt': 'User-agent: *\n',
  '.secret': 'hidden',
};

/** A temp folder holding `site/` plus files beside it that must never be served. */
export function makeSite(files: Record<string, string | Buffer> = SITE_FILES): {
  root: string;
  siteDir: string;
  write(path: string, body: string | Buffer): void;
  remove(): void;
} {
  const root = mkdtempSync(join(tmpdir(), 'mp-server-'));
  const siteDir = join(root, 'site');
  const write = (path: string, body: string | Buffer) => {
    const file = join(siteDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  };
  mkdirSync(siteDir);
  for (const [path, body] of Object.entries(files)) write(path, body);
  writeFileSync(join(root, 'package.json'), '{"name":"outside-the-site"}');
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
  return { root, siteDir, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Served {
  base: string;
  close(): Promise<void>;
}

export async function serve(options: SiteServerOptions): Promise<Served> {
  const server = createServer(createSiteHandler(options));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function raw(
  base: string,
  target: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path: target, method: init.method ?? 'GET', headers: init.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
