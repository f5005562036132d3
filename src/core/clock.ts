/**
 * @module core/clock
 * Time reaches every stage through a Clock so tests control it.
 */

export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A clock that starts at a fixed instant and advances only when something sleeps on it. */
export function fixedClock(start: Date | string): Clock & { slept: number[] } {
  let current = new Date(start).getTime();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(current),
    sleep: async (ms) => {
      slept.push(ms);
      current += ms;
    },
  };
}

/** YYYY-MM-DD of an instant in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD of an instant in an IANA time zone (the edition's calendar day). */
export function dayIn(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
