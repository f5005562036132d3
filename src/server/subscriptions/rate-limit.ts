/**
 * @module server/subscriptions/rate-limit
 * Per-client token buckets in memory, and which client a request comes from. One process holds
 * the buckets; a restart forgets them, which only ever errs towards letting people subscribe.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface RateLimit {
  /** Requests allowed in a burst. */
  capacity: number;
  /** The time in which a whole burst refills. */
  windowMs: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
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
      return { ok: true };
    }
    this.#buckets.set(key, bucket);
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * this.#perToken) / 1000)),
    };
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
 * `loopback`: believe X-Forwarded-For only from a proxy on this machine (the usual nginx in
 * front); `true`: from any peer (a load balancer on another host); `false`: never.
 */
export type TrustProxy = boolean | 'loopback';

/** The client's address: the socket's peer, or the address a trusted proxy says it served. */
export function clientAddress(req: IncomingMessage, trustProxy: TrustProxy): string {
  const peer = unmapped(req.socket.remoteAddress ?? '');
  const trusted = trustProxy === true || (trustProxy === 'loopback' && isLoopback(peer));
  const forwarded = req.headers['x-forwarded-for'];
  if (trusted && typeof forwarded === 'string') {
    // The right-most entry is the one our proxy added; entries left of it are the client's word.
    const last = unmapped(forwarded.split(',').at(-1)?.trim() ?? '');
    if (isIP(last)) return last;
  }
  return peer || 'unknown';
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

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\./.test(address);
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
