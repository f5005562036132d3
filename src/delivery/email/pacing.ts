/**
 * @module delivery/email/pacing
 * Per-domain pacing: at most `rate` messages a second from this process to one receiving domain
 * (the part after the last @), spaced evenly. Large providers throttle or defer a sender that
 * bursts; spacing costs nothing for a list spread over many domains. Waiting happens before a row
 * is marked `sending`, so a paced row is never in doubt.
 */
import type { Clock } from '../../core/clock.js';

export type Pace = (email: string, signal?: AbortSignal) => Promise<void>;

export function domainPacer(rate: number, clock: Clock): Pace | undefined {
  if (!(rate > 0)) return undefined;
  const gapMs = 1000 / rate;
  /** The earliest time the next message to each domain may start. */
  const next = new Map<string, number>();
  return async (email, signal) => {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    const now = clock.now().getTime();
    const slot = Math.max(now, next.get(domain) ?? 0);
    next.set(domain, slot + gapMs);
    if (next.size > 10_000) for (const [key, at] of next) if (at < now) next.delete(key);
    if (slot > now) await clock.sleep(slot - now, signal);
  };
}
