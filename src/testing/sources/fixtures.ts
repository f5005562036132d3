/**
 * @module testing/sources/fixtures
 * Helpers for source tests: a context wired to a scripted or replayed transport, a fixed clock
 * and an in-memory author directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigSchema } from '../../config/schema.js';
import { fixedClock } from '../../core/clock.js';
import type { AuthorKind } from '../../core/item.js';
import { createHttpClient, type HttpClientOptions } from '../../lib/http/client.js';
import { type HarEntry, HarSchema, replayTransport } from '../../lib/http/har.js';
import type { Transport } from '../../lib/http/types.js';
import { memoryLogger } from '../../lib/logger.js';
import type { AuthorDirectory, SourceContext } from '../../sources/source.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_FIXTURES = resolve(
  process.env.MORNING_POST_SHARED_DIR ?? resolve(REPO_ROOT, '../shared'),
  'fixtures/real',
);

/** Path of a real payload under ../shared/fixtures/real, or undefined when ../shared is absent. */
export function sharedFixture(relativePath: string): string | undefined {
  const path = resolve(SHARED_FIXTURES, relativePath);
  return existsSync(path) ? path : undefined;
}

export const hasSharedFixtures = existsSync(SHARED_FIXTURES);
export const SHARED_MISSING_REASON = `../shared/fixtures/real not found at ${SHARED_FIXTURES}: real-payload conformance tests skipped`;

export function memoryAuthors(
  initial: Record<string, AuthorKind> = {},
): AuthorDirectory & { entries: Map<string, AuthorKind> } {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    get: async (_platform, name) => entries.get(name),
    set: async (_platform, name, kind) => {
      entries.set(name, kind);
    },
  };
}

export type Route = (request: Request) => Response | Promise<Response>;

/** A transport answering by exact URL (query order ignored); anything else is a loud 599 error. */
export function routeTransport(routes: Record<string, Route | Route[]>): Transport & { requests: Request[] } {
  const normalised = new Map<string, Route[]>();
  for (const [url, route] of Object.entries(routes))
    normalised.set(normaliseUrl(url), Array.isArray(route) ? route : [route]);
  const served = new Map<string, number>();
  const requests: Request[] = [];
  const transport = async (request: Request) => {
    requests.push(request);
    const key = normaliseUrl(request.url);
    const list = normalised.get(key);
    if (!list) throw new Error(`routeTransport: no route for ${key}`);
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    return (list[Math.min(index, list.length - 1)] as Route)(request);
  };
  return Object.assign(transport, { requests });
}

function normaliseUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.sort();
  return parsed.toString();
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'content-type': 'application/json; charset=utf-8', ...init.headers },
  });
}

export function text(body: string, contentType: string, init: ResponseInit = {}): Response {
  return new Response(body, {
    status: 200,
    ...init,
    headers: { 'content-type': contentType, ...init.headers },
  });
}

export function readHar(path: string): HarEntry[] {
  return HarSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).log.entries;
}

export interface TestContextOptions {
  transport: Transport;
  day?: string;
  now?: string;
  authors?: AuthorDirectory;
  hasGithubToken?: boolean;
  config?: unknown;
  http?: Partial<HttpClientOptions>;
}

export function testContext(options: TestContextOptions) {
  const config = ConfigSchema.parse(options.config ?? {});
  const clock = fixedClock(options.now ?? `${options.day ?? '2026-08-22'}T06:00:00Z`);
  const log = memoryLogger();
  const http = createHttpClient({
    transport: options.transport,
    clock,
    log,
    retries: 2,
    random: () => 0,
    ...options.http,
  });
  const ctx: SourceContext = {
    http,
    clock,
    log,
    endpoints: config.endpoints,
    settings: config.source,
    authors: options.authors ?? memoryAuthors(),
    hasGithubToken: options.hasGithubToken ?? false,
    day: options.day ?? '2026-08-22',
  };
  return { ctx, clock, log, config };
}

export function replayContext(harPath: string, options: Omit<TestContextOptions, 'transport'> = {}) {
  return testContext({ ...options, transport: replayTransport(readHar(harPath)) });
}
