/**
 * @module lib/http/har
 * Record/replay in HAR 1.2. Recording wraps a transport and appends every exchange to a HAR file
 * (credentials removed); replay answers from every HAR file in a folder and fails loudly,
 * naming the request, when it has no answer.
 * @see http://www.softwareishard.com/blog/har-12-spec/
 */

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { systemClock } from '../../core/clock.js';
import { MorningPostError } from '../../core/errors.js';
import { redactUrl } from './errors.js';
import type { Transport } from './types.js';

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key']);

const NameValue = z.object({ name: z.string(), value: z.string() });
export const HarEntrySchema = z.object({
  startedDateTime: z.string(),
  time: z.number().nonnegative(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    httpVersion: z.string().default('HTTP/1.1'),
    headers: z.array(NameValue).default([]),
    queryString: z.array(NameValue).default([]),
    cookies: z.array(z.unknown()).default([]),
    headersSize: z.number().default(-1),
    bodySize: z.number().default(-1),
  }),
  response: z.object({
    status: z.number().int(),
    statusText: z.string().default(''),
    httpVersion: z.string().default('HTTP/1.1'),
    headers: z.array(NameValue).default([]),
    cookies: z.array(z.unknown()).default([]),
    content: z.object({
      size: z.number().default(-1),
      mimeType: z.string().default('application/octet-stream'),
      text: z.string().optional(),
      encoding: z.string().optional(),
    }),
    redirectURL: z.string().default(''),
    headersSize: z.number().default(-1),
    bodySize: z.number().default(-1),
  }),
  cache: z.object({}).passthrough().default({}),
  timings: z.object({ send: z.number(), wait: z.number(), receive: z.number() }).passthrough(),
  comment: z.string().optional(),
});
export type HarEntry = z.infer<typeof HarEntrySchema>;

export const HarSchema = z.object({
  log: z.object({
    version: z.string(),
    creator: z.object({ name: z.string(), version: z.string() }),
    entries: z.array(HarEntrySchema),
  }),
});
export type Har = z.infer<typeof HarSchema>;

export function harDocument(entries: HarEntry[]): Har {
  return { log: { version: '1.2', creator: { name: 'morning-post', version: '1' }, entries } };
}

/** The key two requests share when one can answer the other: method and URL with sorted query. */
export function requestKey(method: string, url: string): string {
  const parsed = new URL(redactUrl(url));
  parsed.searchParams.sort();
  return `${method.toUpperCase()} ${parsed.toString()}`;
}

function headerList(headers: Headers): Array<{ name: string; value: string }> {
  const list: Array<{ name: string; value: string }> = [];
  headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name.toLowerCase())) list.push({ name, value });
  });
  return list;
}

export function toHarEntry(
  request: Request,
  response: Response,
  body: string,
  started: Date,
  ms: number,
): HarEntry {
  const url = redactUrl(request.url);
  const mimeType = response.headers.get('content-type') ?? 'application/octet-stream';
  return {
    startedDateTime: started.toISOString(),
    time: ms,
    request: {
      method: request.method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: headerList(request.headers),
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: 'HTTP/1.1',
      // fetch has already decoded the body, so the encoding headers no longer describe it.
      headers: headerList(response.headers).filter(
        (h) => !/^(content-encoding|content-length|transfer-encoding)$/i.test(h.name),
      ),
      cookies: [],
      content: { size: Buffer.byteLength(body), mimeType, text: body },
      redirectURL: response.headers.get('location') ?? '',
      headersSize: -1,
      bodySize: Buffer.byteLength(body),
    },
    cache: {},
    timings: { send: 0, wait: ms, receive: 0 },
  };
}

/**
 * Wraps a transport; every exchange is added to `<dir>/<name>.har`. Writes are asynchronous and
 * coalesced (one in flight, the newest state next), so recording never blocks requests; a failed
 * write is reported by `flush()`, never as a network error of the request that caused it.
 */
export function recordingTransport(
  inner: Transport,
  dir: string,
  name = 'recording',
): Transport & { entries: HarEntry[]; flush(): Promise<void> } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.har`);
  const entries: HarEntry[] = [];
  let writing: Promise<void> = Promise.resolve();
  let pending = false;
  let failure: unknown;
  const schedule = () => {
    if (pending) return;
    pending = true;
    writing = writing.then(async () => {
      pending = false;
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, `${JSON.stringify(harDocument(entries), null, 1)}\n`);
        await rename(temporary, path);
      } catch (error) {
        failure = error;
      }
    });
  };
  const transport = async (request: Request) => {
    const started = new Date();
    const response = await inner(request);
    const body = await response.text();
    entries.push(toHarEntry(request, response, body, started, Date.now() - started.getTime()));
    schedule();
    return new Response(nullBodyStatus(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  const flush = async () => {
    await writing;
    if (failure)
      throw new MorningPostError(
        'REPLAY_INVALID',
        `Could not write the recording ${path}: ${String(failure)}`,
      );
  };
  return Object.assign(transport, { entries, flush });
}

function nullBodyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}

export function loadHarEntries(dir: string): HarEntry[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.har'))
      .sort();
  } catch (error) {
    throw new MorningPostError(
      'REPLAY_INVALID',
      `Cannot read the replay folder ${dir}: ${(error as Error).message}`,
      {
        hint: 'Pass --replay a folder made by --record.',
      },
    );
  }
  if (files.length === 0) {
    throw new MorningPostError('REPLAY_INVALID', `No .har files in the replay folder ${dir}.`, {
      hint: 'Record one first with --record DIR.',
    });
  }
  return files.flatMap((file) => {
    const path = join(dir, file);
    const parsed = HarSchema.safeParse(safeJson(path));
    if (!parsed.success) {
      throw new MorningPostError(
        'REPLAY_INVALID',
        `${path} is not a HAR 1.2 file: ${parsed.error.issues[0]?.message}`,
      );
    }
    return parsed.data.log.entries;
  });
}

function safeJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MorningPostError('REPLAY_INVALID', `${path} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Answers requests from recorded entries. Several entries for one request are served in order
 * (so a 429 followed by a 200 replays as such); the last one keeps answering once they run out.
 */
export interface ReplayOptions {
  /** Added before every answer, to measure concurrency (benchmarks) or provoke timeouts (tests). */
  latencyMs?: number;
}

export function replayTransport(
  entries: HarEntry[],
  options: ReplayOptions = {},
): Transport & { misses: string[] } {
  const byKey = new Map<string, HarEntry[]>();
  for (const entry of entries) {
    const key = requestKey(entry.request.method, entry.request.url);
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const served = new Map<string, number>();
  const misses: string[] = [];
  const transport = async (request: Request) => {
    const key = requestKey(request.method, request.url);
    const candidates = byKey.get(key);
    if (!candidates || candidates.length === 0) {
      misses.push(key);
      throw new MorningPostError('REPLAY_MISS', `No recorded answer for ${key}`, {
        hint: 'Record this request with --record DIR, or check the URL the source builds.',
      });
    }
    if (options.latencyMs) await systemClock.sleep(options.latencyMs, request.signal);
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    const entry = candidates[Math.min(index, candidates.length - 1)] as HarEntry;
    const content = entry.response.content;
    const body =
      content.text === undefined
        ? ''
        : content.encoding === 'base64'
          ? Buffer.from(content.text, 'base64')
          : content.text;
    const headers = new Headers(entry.response.headers.map((h) => [h.name, h.value] as [string, string]));
    return new Response(nullBodyStatus(entry.response.status) ? null : body, {
      status: entry.response.status,
      statusText: entry.response.statusText,
      headers,
    });
  };
  return Object.assign(transport, { misses });
}
