/**
 * @module lib/http/host-limiter
 * Caps concurrent requests per host and, where a host asks for it (arXiv: one request every
 * three seconds), spaces request starts.
 */
import type { Clock } from '../../core/clock.js';

export interface HostPolicy {
  concurrency: number;
  minIntervalMs: number;
}

interface HostState {
  active: number;
  queue: Array<() => void>;
  nextStartAt: number;
  policy: HostPolicy;
}

export class HostLimiter {
  readonly #hosts = new Map<string, HostState>();
  readonly #clock: Clock;
  readonly #defaultPolicy: HostPolicy;
  readonly #policies: ReadonlyMap<string, Partial<HostPolicy>>;
  readonly #onSpacing: ((host: string, waitMs: number) => void) | undefined;

  constructor(
    clock: Clock,
    defaultPolicy: HostPolicy,
    policies: ReadonlyMap<string, Partial<HostPolicy>> = new Map(),
    /** Told when a request waits for its host's spacing (metrics). */
    onSpacing?: (host: string, waitMs: number) => void,
  ) {
    this.#clock = clock;
    this.#defaultPolicy = defaultPolicy;
    this.#policies = policies;
    this.#onSpacing = onSpacing;
  }

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.#state(host);
    if (state.active >= state.policy.concurrency) {
      await new Promise<void>((resolve) => state.queue.push(resolve));
    } else {
      state.active += 1;
    }
    try {
      await this.#waitForSlot(host, state);
      return await task();
    } finally {
      const next = state.queue.shift();
      if (next) next();
      else state.active -= 1;
    }
  }

  async #waitForSlot(host: string, state: HostState): Promise<void> {
    if (state.policy.minIntervalMs <= 0) return;
    const now = this.#clock.now().getTime();
    const startAt = Math.max(now, state.nextStartAt);
    state.nextStartAt = startAt + state.policy.minIntervalMs;
    if (startAt > now) {
      this.#onSpacing?.(host, startAt - now);
      await this.#clock.sleep(startAt - now);
    }
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (!state) {
      state = {
        active: 0,
        queue: [],
        nextStartAt: 0,
        policy: { ...this.#defaultPolicy, ...this.#policies.get(host) },
      };
      this.#hosts.set(host, state);
    }
    return state;
  }
}
