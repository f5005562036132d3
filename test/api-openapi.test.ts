/**
 * The JSON API answers every route its OpenAPI document describes, as described (issue 13, Done
 * when): the document served at /api/v1/openapi.json is valid OpenAPI 3.1, and a walk of every
 * documented path and method, with the document's examples, every `next` cursor and every API
 * link an answer holds, gets only documented statuses with bodies that validate against the
 * document, and a 200 from every path. On SQLite, and on Postgres in a scratch database when
 * DATABASE_URL or TEST_DATABASE_URL points at one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/api/routes.js';
import { sendJson } from '../src/server/respond.js';
import { RateLimiter } from '../src/server/subscriptions/rate-limit.js';
import { createPostgresStore } from '../src/store/postgres/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { type WalkResult, walkOpenApi } from '../src/testing/api/openapi-walk.js';
import { fillApiWorld } from '../src/testing/api/world.js';
import { makeSite, type Served, serve } from '../src/testing/server/site.js';
import { type ScratchDatabase, scratchDatabase } from '../src/testing/store/scratch-database.js';

const postgresUrl = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((url) =>
  /^postgres(ql)?:\/\//.test(url ?? ''),
);
if (!postgresUrl)
  process.stderr.write(
    'API OpenAPI walk on Postgres skipped: set DATABASE_URL or TEST_DATABASE_URL to postgres://…\n',
  );

const PUBLIC = 'https://post.example.org/';

function walkSuite(name: string, open: () => Promise<{ store: Store; dispose(): Promise<void> }>) {
  describe(`the API walked by its OpenAPI document: ${name}`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    let server: Served;
    let walk: WalkResult;
    const site = makeSite();

    beforeAll(async () => {
      opened = await open();
      await opened.store.migrate();
      await fillApiWorld(opened.store, { editions: 7 });
      server = await serve({
        siteDir: site.siteDir,
        publicUrl: PUBLIC,
        routes: apiRoutes({
          store: opened.store,
          publicUrl: PUBLIC,
          // A limit the walk never reaches, so every answer carries the RateLimit headers.
          limiter: new RateLimiter({ capacity: 100_000, windowMs: 60_000 }, () => Date.now()),
          rateLimit: { capacity: 100_000, windowMs: 60_000 },
        }),
      });
      walk = await walkOpenApi(server.base, { maxCalls: 600 });
      const statuses = new Map<number, number>();
      for (const call of walk.calls) statuses.set(call.status, (statuses.get(call.status) ?? 0) + 1);
      process.stderr.write(
        `API walk on ${name}: ${walk.calls.length} calls, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
      );
    }, 180_000);

    afterAll(async () => {
      await server?.close();
      await opened?.dispose();
      site.remove();
    });

    it('serves a valid OpenAPI 3.1 document whose every answer matches it', () => {
      expect(walk.document.openapi).toBe('3.1.0');
      expect(walk.failures).toEqual([]);
    });

    it('answers every documented path and method, each path with a 200 at least once', () => {
      const paths = Object.keys(walk.document.paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/openapi.json',
          '/editions',
          '/editions/{date}',
          '/movers',
          '/metrics',
          '/models/{owner}/{name}',
          '/authors/{name}',
        ]),
      );
      for (const path of paths) {
        for (const method of ['get', 'head', 'options']) {
          expect(
            walk.calls.some((c) => c.template === path && c.method === method),
            `${method} ${path}`,
          ).toBe(true);
        }
        const ok = method200(walk, path);
        expect(ok, `GET ${path} never answered 200`).toBe(true);
      }
    });

    it('follows next cursors to the end of the editions', () => {
      const pages = walk.calls.filter(
        (c) => c.template === '/editions' && c.method === 'get' && c.url.includes('cursor='),
      );
      expect(pages.length).toBeGreaterThan(0);
      expect(pages.every((c) => c.status === 200)).toBe(true);
    });
  });
}

function method200(walk: WalkResult, path: string): boolean {
  return walk.calls.some((c) => c.template === path && c.method === 'get' && c.status === 200);
}

describe('the walk itself', () => {
  it('reports an answer that does not match the document, and a status the document does not list', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const site = makeSite();
    // Exact routes win over the API's prefix: two answers the document does not describe.
    const server = await serve({
      siteDir: site.siteDir,
      publicUrl: PUBLIC,
      routes: [
        {
          method: 'GET',
          path: '/api/v1/metrics',
          handler: ({ res }) => sendJson(res, 200, { data: 'oops' }),
        },
        { method: 'GET', path: '/api/v1/movers', handler: ({ res }) => sendJson(res, 418, {}) },
        ...apiRoutes({ store, publicUrl: PUBLIC }),
      ],
    });
    try {
      const { failures } = await walkOpenApi(server.base, { maxCalls: 100 });
      expect(failures).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^GET .*\/api\/v1\/metrics → 200: the body does not match the document: data/,
          ),
          expect.stringMatching(/^GET .*\/api\/v1\/movers → 418: status not documented/),
        ]),
      );
    } finally {
      await server.close();
      await store.close();
      site.remove();
    }
  });
});

walkSuite('SQLite', async () => {
  const store = createSqliteStore({ file: ':memory:' });
  return { store, dispose: () => store.close() };
});

describe.skipIf(!postgresUrl)('Postgres', () => {
  let db: ScratchDatabase | undefined;
  walkSuite('Postgres', async () => {
    db = await scratchDatabase(postgresUrl ?? '', 'api');
    const store = createPostgresStore({ connectionString: db.url, maxConnections: 4 });
    return {
      store,
      dispose: async () => {
        await store.close();
        await db?.drop();
      },
    };
  });
});
