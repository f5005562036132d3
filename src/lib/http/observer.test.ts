import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.js';
import { json, routeTransport } from '../../testing/sources/fixtures.js';
import { createHttpClient } from './client.js';
import type { HttpObserver } from './types.js';

const NOW = '2026-08-22T06:00:00Z';
const HF = 'https://huggingface.co/api/models?limit=2';
const ARXIV = 'http://export.arxiv.org/api/query?search_query=cat:cs.AI';

/** Every hook call, in order, as `kind host detail`. */
function recorder(): HttpObserver & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    attempt: (e) => calls.push(`attempt ${e.host} ${e.status ?? e.error}`),
    retry: (e) => calls.push(`retry ${e.host} ${e.reason} ${e.waitMs}${e.via ? ` via ${e.via}` : ''}`),
    spacing: (e) => calls.push(`spacing ${e.host} ${e.waitMs}`),
  };
}

describe('the HTTP observer', () => {
  it('hears each attempt, each retry with the rate-limit header that set its wait, and each spacing wait', async () => {
    const observer = recorder();
    const clock = fixedClock(NOW);
    const http = createHttpClient({
      transport: routeTransport({
        [HF]: [
          () => json({}, { status: 429, headers: { 'retry-after': '7' } }),
          () => json({}, { status: 503 }),
          () => json([1]),
        ],
        [ARXIV]: () => json({}),
      }),
      clock,
      retries: 3,
      random: () => 0,
      hostPolicies: new Map([['export.arxiv.org', { concurrency: 1, minIntervalMs: 3000 }]]),
      observer,
    });
    await http.get(HF);
    await http.get(ARXIV);
    await http.get(ARXIV);
    expect(observer.calls).toEqual([
      'attempt huggingface.co 429',
      'retry huggingface.co 429 7000 via retry-after',
      'attempt huggingface.co 503',
      'retry huggingface.co 503 500',
      'attempt huggingface.co 200',
      'attempt export.arxiv.org 200',
      'spacing export.arxiv.org 3000',
      'attempt export.arxiv.org 200',
    ]);
  });

  it('hears an attempt that got no answer by its error code', async () => {
    const observer = recorder();
    const http = createHttpClient({
      transport: async () => {
        throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      },
      clock: fixedClock(NOW),
      retries: 1,
      random: () => 0,
      observer,
    });
    await expect(http.get(HF)).rejects.toMatchObject({ code: 'HTTP_NETWORK' });
    expect(observer.calls).toEqual([
      'attempt huggingface.co HTTP_NETWORK',
      'retry huggingface.co network 500',
      'attempt huggingface.co HTTP_NETWORK',
    ]);
  });
});
