/**
 * @module server/subscriptions/rate-limit
 * Per-client token buckets, and which client a request comes from. `StoreRateLimiter` keeps the
 * buckets in the store, so every `serve` instance on one database enforces one limit (what
 * `serve` uses); `RateLimiter` keeps them in this process's memory (one instance, tests). Either
 * way a lost bucket only ever errs towards letting people subscribe.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { describeError } from '../../core/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { ProxyTrust } from '../../lib/proxy-trust.js';
import type { RateLimit, RateLimitStore } from '../../store/store.js';

export type { RateLimit } from '../../store/store.js';

/** `remaining`: whole tokens left after the take, when the limiter knows (for RateLimit headers). */
export type RateDecision = { ok: true; remaining?: number } | { ok: false; retryAfterSeconds: number };

/** What the subscribe route asks: may this client have one more request now? */
export interface RateLimiting {
  take(key: string): RateDecision | Promise<RateDecision>;
}

/** Seconds until a bucket holding `tokens` has one whole token again. */
function retryAfter(tokens: number, limit: RateLimit): number {
  return Math.max(1, Math.ceil(((1 - tokens) * limit.windowMs) / limit.capacity / 1000));
}

/**
 * Buckets in the store (store/rate-limits.ts): one statement per request, atomic under
 * concurrency on both dialects. Keys are prefixed with `scope`, so other limits can share the
 * table. Once per window at most, this instance deletes buckets untouched for a whole window
 * (they are full again), without holding up the request.
 */
export class StoreRateLimiter implements RateLimiting {
  #lastPrune: number | undefined;

  constructor(
    private readonly store: RateLimitStore,
    readonly limit: RateLimit,
    private readonly now: () => number,
    private readonly options: { scope?: string; log?: Logger } = {},
  ) {}

  async take(key: string): Promise<RateDecision> {
    const now = this.now();
    this.#prune(now);
    const { ok, tokens } = await this.store.take(
      `${this.options.scope ?? 'subscribe'}:${key}`,
      this.limit,
      now,
    );
    return ok
      ? { ok, remaining: Math.floor(tokens) }
      : { ok, retryAfterSeconds: retryAfter(tokens, this.limit) };
  }

  #prune(now: number): void {
    if (this.#lastPrune !== undefined && now - this.#lastPrune < this.limit.windowMs) return;
    this.#lastPrune = now;
    this.store.prune(now - this.limit.windowMs).catch((error: unknown) => {
      this.options.log?.warn('rate limits: pruning old buckets failed', { error: describeError(error) });
    });
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter implements RateLimiting {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perToken: number;

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number,
    /** Beyond this many clients the least recently seen are forgotten, so memory stays bounded. */
    private readonly maxClients = 10_000,
  ) {
    this.#perToken = limit.windowMs / limit.capacity;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.#refilled(this.#buckets.get(key), now);
    // Re-inserting keeps the map in least-recently-seen order for eviction.
    this.#buckets.delete(key);
    if (bucket.tokens >= 1) {
      this.#buckets.set(key, { tokens: bucket.tokens - 1, at: now });
      this.#evict();
      return { ok: true, remaining: Math.floor(bucket.tokens - 1) };
    }
    this.#buckets.set(key, bucket);
    return { ok: false, retryAfterSeconds: retryAfter(bucket.tokens, this.limit) };
  }

  get size(): number {
    return this.#buckets.size;
  }

  #refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit.capacity, at: now };
    const gained = Math.max(0, now - bucket.at) / this.#perToken;
    return { tokens: Math.min(this.limit.capacity, bucket.tokens + gained), at: now };
  }

  #evict(): void {
    if (this.#buckets.size <= this.maxClients) return;
    const now = this.now();
    // Full buckets carry no information: forgetting them changes nothing.
    for (const [key, bucket] of this.#buckets) {
      if (this.#refilled(bucket, now).tokens >= this.limit.capacity) this.#buckets.delete(key);
    }
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= this.maxClients) break;
      this.#buckets.delete(key);
    }
  }
}

/**
 * The client's address. From a peer we do not trust, the peer itself, whatever its headers say.
 * From a trusted proxy, X-Forwarded-For is walked from the right, each proxy having appended
 * the address it was talking to: trusted proxies (a chain of them) are skipped, and the first
 * address that is not one is the client. Entries left of it are that client's own word, so a
 * spoofed header changes nothing. When every entry is a trusted proxy, the left-most is the
 * client; an entry that is not an address stops the walk at the last good one.
 */
export function clientAddress(req: IncomingMessage, trusted: ProxyTrust): string {
  const peer = unmapped(req.socket.remoteAddress ?? '');
  if (!peer) return 'unknown';
  const forwarded = req.headers['x-forwarded-for'];
  if (!trusted(peer) || typeof forwarded !== 'string') return peer;
  let client = peer;
  const hops = forwarded.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hopAddress(hops[i] as string);
    if (!hop) break;
    client = hop;
    if (!trusted(hop)) break;
  }
  return client;
}

/** One X-Forwarded-For entry as a bare address (some proxies add a port), or undefined. */
function hopAddress(entry: string): string | undefined {
  const trimmed = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(trimmed);
  const address = unmapped(bracketed?.[1] ?? withPort?.[1] ?? trimmed);
  return isIP(address) ? address : undefined;
}

/** The bucket key: the address, or its /64 for IPv6, since one household holds a whole /64. */
export function rateKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

function ipv6Groups(address: string): string[] {
  const bare = address.split('%')[0] as string;
  const split = (part: string) =>
    part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : [];
  const [head = '', tail] = bare.split('::');
  const left = split(head);
  const right = tail === undefined ? [] : split(tail);
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((group) => Number.parseInt(group, 16).toString(16));
}
