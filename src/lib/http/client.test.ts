import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.js';
import { json, routeTransport, text } from '../../testing/sources/fixtures.js';
import { memoryLogger } from '../logger.js';
import { createHttpClient } from './client.js';
import { fileCache, memoryCache } from './conditional-cache.js';
import { HttpError } from './errors.js';
import { loadHarEntries, recordingTransport, replayTransport } from './har.js';

const URL_A = 'https://huggingface.co/api/models?sort=trendingScore&limit=2';
const NOW = '2026-08-22T06:00:00Z';

function client(
  routes: Parameters<typeof routeTransport>[0],
  extra: Parameters<typeof createHttpClient>[0] = {},
) {
  const transport = routeTransport(routes);
  const clock = fixedClock(NOW);
  return {
    http: createHttpClient({ transport, clock, retries: 3, random: () => 0, ...extra }),
    transport,
    clock,
  };
}

describe('http client', () => {
  it('sends an identifying User-Agent and the token only to its own host', async () => {
    const { http, transport } = client(
      { [URL_A]: () => json([]), 'https://github.com/trending': () => text('<html></html>', 'text/html') },
      { tokens: new Map([['huggingface.co', 'hf_secret_token']]) },
    );
    await http.get(URL_A);
    await http.get('https://github.com/trending');
    const [hf, gh] = transport.requests;
    expect(hf?.headers.get('user-agent')).toMatch(/^morning-post\/\S+ \(\+https?:\/\/.+\)$/);
    expect(hf?.headers.get('authorization')).toBe('Bearer hf_secret_token');
    expect(gh?.headers.get('authorization')).toBeNull();
  });

  it('retries 500 with exponential backoff, then succeeds', async () => {
    const { http, clock } = client({
      [URL_A]: [() => json({}, { status: 500 }), () => json({}, { status: 502 }), () => json([1])],
    });
    const { data } = await http.getJson(URL_A);
    expect(data).toEqual([1]);
    expect(clock.slept).toEqual([500, 500]); // jitter pinned to the floor by random() = 0
    expect(http.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('gives up after the configured retries with a retryable HttpError naming the URL', async () => {
    const { http } = client({ [URL_A]: () => json({ error: 'boom' }, { status: 503 }) });
    const error = await http.get(URL_A).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryable: true });
    expect((error as Error).message).toContain('HTTP 503 from https://huggingface.co/api/models');
    expect((error as Error).message).toContain('boom');
  });

  it("quotes an Atom error feed's summary (arXiv's 400s)", async () => {
    const feed =
      '<?xml version="1.0"?><feed><entry><title>Error</title><summary>incorrect id format for abc</summary></entry></feed>';
    const { http } = client({ [URL_A]: () => text(feed, 'application/atom+xml', { status: 400 }) });
    await expect(http.get(URL_A)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(': incorrect id format for abc'),
    });
  });

  it('does not retry a 404', async () => {
    const { http, transport } = client({ [URL_A]: () => json({ error: 'Not found' }, { status: 404 }) });
    await expect(http.get(URL_A)).rejects.toMatchObject({ status: 404, retryable: false });
    expect(transport.requests).toHaveLength(1);
  });

  it('honours Retry-After seconds on 429', async () => {
    const { http, clock } = client({
      [URL_A]: [() => json({}, { status: 429, headers: { 'retry-after': '7' } }), () => json([])],
    });
    await http.get(URL_A);
    expect(clock.slept).toEqual([7000]);
  });

  it("honours Hugging Face's RateLimit header (t + 1 s)", async () => {
    const limited = () =>
      json(
        { error: 'rate limited' },
        {
          status: 429,
          headers: { ratelimit: '"api";r=0;t=55', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' },
        },
      );
    const { http, clock } = client({ [URL_A]: [limited, () => json([])] });
    await http.get(URL_A);
    expect(clock.slept).toEqual([56_000]);
  });

  it("honours GitHub's x-ratelimit-reset on a 403 with nothing remaining", async () => {
    const reset = Math.floor(Date.parse(NOW) / 1000) + 30;
    const limited = () =>
      json(
        { message: 'API rate limit exceeded' },
        { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } },
      );
    const { http, clock } = client({ 'https://api.github.com/repos/a/b': [limited, () => json({})] });
    await http.get('https://api.github.com/repos/a/b');
    expect(clock.slept).toEqual([31_000]);
  });

  it('reports a rate limit that resets too late instead of waiting it out', async () => {
    const reset = Math.floor(Date.parse(NOW) / 1000) + 3600;
    const { http, clock } = client({
      'https://api.github.com/repos/a/b': () =>
        json(
          { message: 'API rate limit exceeded' },
          { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } },
        ),
    });
    const error = await http.get('https://api.github.com/repos/a/b').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_RATE_LIMITED', retryable: false });
    expect((error as HttpError).hint).toContain('GITHUB_TOKEN');
    expect(clock.slept).toEqual([]);
  });

  it('a plain 403 (no rate-limit headers) is final', async () => {
    const { http, transport } = client({ [URL_A]: () => json({ error: 'forbidden' }, { status: 403 }) });
    await expect(http.get(URL_A)).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      status: 403,
      retryable: false,
    });
    expect(transport.requests).toHaveLength(1);
  });

  it('times out a hanging request, retries, and reports HTTP_TIMEOUT', async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    const { http, transport } = client({ [URL_A]: hang }, { timeoutMs: 20, retries: 1 });
    await expect(http.get(URL_A)).rejects.toMatchObject({ code: 'HTTP_TIMEOUT', retryable: true });
    expect(transport.requests).toHaveLength(2);
  });

  it('times out even a transport that ignores the abort signal', async () => {
    const deaf = () => new Promise<Response>(() => {});
    const { http } = client({ [URL_A]: deaf }, { timeoutMs: 20, retries: 0 });
    await expect(http.get(URL_A)).rejects.toMatchObject({ code: 'HTTP_TIMEOUT' });
  });

  it('turns a network failure into a retryable HTTP_NETWORK error with a hint', async () => {
    const { http } = client(
      { [URL_A]: () => Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })) },
      { retries: 0 },
    );
    await expect(http.get(URL_A)).rejects.toMatchObject({
      code: 'HTTP_NETWORK',
      retryable: true,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('marks a host whose name does not resolve down for the run after one try, at debug level', async () => {
    const notFound = () => {
      const cause = Object.assign(new Error('getaddrinfo ENOTFOUND huggingface.co'), { code: 'ENOTFOUND' });
      return Promise.reject(new TypeError('fetch failed', { cause }));
    };
    const log = memoryLogger();
    const other = 'https://github.com/trending';
    const { http, transport } = client(
      { [URL_A]: notFound, [`${URL_A}&page=2`]: notFound, [other]: () => text('<html></html>', 'text/html') },
      { log },
    );
    await expect(http.get(URL_A)).rejects.toMatchObject({
      code: 'HTTP_NETWORK',
      retryable: false,
      message: 'huggingface.co is unreachable: its name did not resolve (ENOTFOUND)',
    });
    await expect(http.get(`${URL_A}&page=2`)).rejects.toMatchObject({ code: 'HTTP_NETWORK' });
    await http.get(other);
    // One try for the first URL, none for the second on the same host; other hosts still asked.
    expect(transport.requests.map((request) => new URL(request.url).host)).toEqual([
      'huggingface.co',
      'github.com',
    ]);
    expect(log.records.filter((record) => record.level !== 'debug')).toEqual([]);
    expect(log.records.map((record) => record.message)).toEqual(['http host down for this run']);
  });

  it('logs retries at debug level, so a newcomer reads outcomes rather than attempts', async () => {
    let calls = 0;
    const log = memoryLogger();
    const { http } = client(
      { [URL_A]: () => (++calls < 3 ? Promise.reject(new TypeError('fetch failed')) : json([])) },
      { log },
    );
    await http.get(URL_A);
    expect(calls).toBe(3);
    expect(log.records.map((record) => [record.level, record.message])).toEqual([
      ['debug', 'http retry'],
      ['debug', 'http retry'],
    ]);
  });

  it('reports truncated JSON as UPSTREAM_INVALID', async () => {
    const { http } = client({ [URL_A]: () => json('[{"id": "a/b", "likes": 1') });
    await expect(http.getJson(URL_A)).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: expect.stringContaining('Invalid JSON'),
    });
  });

  it('makes conditional requests and answers a 304 from the cache', async () => {
    const cache = memoryCache();
    const { http, transport } = client(
      {
        [URL_A]: [
          () => json([{ id: 'a/b' }], { headers: { etag: 'W/"abc"' } }),
          () => new Response(null, { status: 304 }),
        ],
      },
      { cache },
    );
    const first = await http.get(URL_A, { conditional: true });
    const second = await http.get(URL_A, { conditional: true });
    expect(first.fromCache).toBe(false);
    expect(second).toMatchObject({ fromCache: true, status: 200, body: first.body });
    expect(transport.requests[1]?.headers.get('if-none-match')).toBe('W/"abc"');
    expect(http.stats().notModified).toBe(1);
  });

  it('keeps the conditional cache on disk between clients', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-cache-'));
    await client(
      { [URL_A]: () => json([1], { headers: { 'last-modified': 'Sat, 22 Aug 2026 05:00:00 GMT' } }) },
      { cache: fileCache(dir) },
    ).http.get(URL_A, {
      conditional: true,
    });
    const second = client({ [URL_A]: () => new Response(null, { status: 304 }) }, { cache: fileCache(dir) });
    const response = await second.http.get(URL_A, { conditional: true });
    expect(response.body).toBe('[1]');
    expect(second.transport.requests[0]?.headers.get('if-modified-since')).toBe(
      'Sat, 22 Aug 2026 05:00:00 GMT',
    );
  });

  it('does not count time waiting for a free slot against the timeout', async () => {
    const slow = async () => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      return json([]);
    };
    const routes = Object.fromEntries(
      [0, 1, 2, 3, 4, 5].map((i) => [`https://huggingface.co/api/q?i=${i}`, slow]),
    );
    const { http } = client(routes, { concurrencyPerHost: 1, timeoutMs: 250, retries: 0 });
    await expect(Promise.all(Object.keys(routes).map((url) => http.get(url)))).resolves.toHaveLength(6);
  });

  it('reports a 503 whose Retry-After is longer than the longest wait instead of sleeping', async () => {
    const { http, clock } = client({
      [URL_A]: () => json({}, { status: 503, headers: { 'retry-after': '3600' } }),
    });
    await expect(http.get(URL_A)).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      retryable: false,
      message: expect.stringContaining('asked to wait until'),
    });
    expect(clock.slept).toEqual([]);
  });

  it("treats GitHub's secondary rate limit (403 with Retry-After) as a rate limit", async () => {
    const { http, clock } = client({
      'https://api.github.com/repos/a/b': [
        () => json({ message: 'secondary rate limit' }, { status: 403, headers: { 'retry-after': '60' } }),
        () => json({}),
      ],
    });
    await http.get('https://api.github.com/repos/a/b');
    expect(clock.slept).toEqual([60_000]);
    const limited = client({
      'https://api.github.com/repos/a/b': () => json({}, { status: 403, headers: { 'retry-after': '600' } }),
    });
    await expect(limited.http.get('https://api.github.com/repos/a/b')).rejects.toMatchObject({
      code: 'HTTP_RATE_LIMITED',
    });
  });

  it('refuses a body larger than the limit, declared or streamed', async () => {
    const big = 'x'.repeat(2048);
    const declared = client(
      { [URL_A]: () => text(big, 'text/plain', { headers: { 'content-length': '2048' } }) },
      { maxBodyBytes: 1024 },
    );
    await expect(declared.http.get(URL_A)).rejects.toMatchObject({
      code: 'UPSTREAM_INVALID',
      message: expect.stringContaining('larger than 1024 bytes'),
    });
    const streamed = client(
      { [URL_A]: () => new Response(new Blob([big]).stream()) },
      { maxBodyBytes: 1024 },
    );
    await expect(streamed.http.get(URL_A)).rejects.toMatchObject({ code: 'UPSTREAM_INVALID' });
  });

  it('serves the answer even when the cache cannot be written', async () => {
    const broken = { get: async () => undefined, set: async () => Promise.reject(new Error('disk full')) };
    const { http } = client({ [URL_A]: () => json([7], { headers: { etag: '"e"' } }) }, { cache: broken });
    expect((await http.getJson(URL_A, { conditional: true })).data).toEqual([7]);
  });

  it('limits concurrency per host', async () => {
    let active = 0;
    let peak = 0;
    const slow = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
      return json([]);
    };
    const routes = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`https://huggingface.co/api/x?i=${i}`, slow]),
    );
    const { http } = client(routes, { concurrencyPerHost: 2 });
    await Promise.all(Object.keys(routes).map((url) => http.get(url)));
    expect(peak).toBe(2);
  });

  it('spaces requests to a host with a minimum interval', async () => {
    const routes = Object.fromEntries(
      [0, 1, 2].map((i) => [
        `http://export.arxiv.org/api/query?start=${i}`,
        () => text('<feed/>', 'application/atom+xml'),
      ]),
    );
    const { http, clock } = client(routes, {
      hostPolicies: new Map([['export.arxiv.org', { concurrency: 1, minIntervalMs: 3000 }]]),
    });
    for (const url of Object.keys(routes)) await http.get(url);
    expect(clock.slept).toEqual([3000, 3000]);
  });
});

describe('record and replay (HAR 1.2)', () => {
  it('records every exchange without credentials and replays it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-har-'));
    const live = routeTransport({
      [`${URL_A}&token=abc`]: () => json([{ id: 'a/b' }], { headers: { 'set-cookie': 'session=1' } }),
    });
    const recorder = recordingTransport(live, dir, 'run');
    const http = createHttpClient({
      transport: recorder,
      tokens: new Map([['huggingface.co', 'hf_secret_token']]),
    });
    await http.get(`${URL_A}&token=abc`);
    await recorder.flush();
    const saved = readFileSync(join(dir, 'run.har'), 'utf8');
    expect(saved).not.toContain('hf_secret_token');
    expect(saved).not.toContain('session=1');
    expect(saved).not.toContain('token=abc');
    const har = JSON.parse(saved);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries[0].response.content.text).toBe('[{"id":"a/b"}]');

    const replay = createHttpClient({ transport: replayTransport(loadHarEntries(dir)) });
    const { data } = await replay.getJson(`${URL_A}&token=REDACTED`);
    expect(data).toEqual([{ id: 'a/b' }]);
  });

  it('fails loudly, naming the request, when replay has no answer', async () => {
    const http = createHttpClient({ transport: replayTransport([]), retries: 3 });
    await expect(http.get('https://huggingface.co/api/spaces?limit=5')).rejects.toMatchObject({
      code: 'REPLAY_MISS',
      message: 'No recorded answer for GET https://huggingface.co/api/spaces?limit=5',
    });
  });

  it('serves repeated exchanges in recorded order (429 then 200)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-har-'));
    const recorder = recordingTransport(
      routeTransport({
        [URL_A]: [() => json({}, { status: 429, headers: { 'retry-after': '1' } }), () => json([2])],
      }),
      dir,
    );
    const clock = fixedClock(NOW);
    await createHttpClient({ transport: recorder, clock }).get(URL_A);
    await recorder.flush();
    const replayed = createHttpClient({ transport: replayTransport(loadHarEntries(dir)), clock });
    expect((await replayed.getJson(URL_A)).data).toEqual([2]);
    expect(clock.slept).toEqual([1000, 1000]);
  });

  it('reports a recording that cannot be written on flush, not as a failed request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-har-'));
    const recorder = recordingTransport(routeTransport({ [URL_A]: () => json([1]) }), join(dir, 'rec'));
    rmSync(join(dir, 'rec'), { recursive: true });
    writeFileSync(join(dir, 'rec'), 'not a folder');
    const http = createHttpClient({ transport: recorder, retries: 0 });
    expect((await http.getJson(URL_A)).data).toEqual([1]);
    await expect(recorder.flush()).rejects.toMatchObject({ code: 'REPLAY_INVALID' });
  });

  it('rejects a replay folder without HAR files', () => {
    expect(() => loadHarEntries(mkdtempSync(join(tmpdir(), 'mp-empty-')))).toThrow(/No \.har files/);
  });
});
