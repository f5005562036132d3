/**
 * @module store/rate-limits
 * Token buckets in the store, so every `serve` instance on one database enforces one limit. A
 * take is one statement: an insert of a fresh bucket (less the token taken) that, when the key
 * exists, instead refills the row by the time since it was last touched and takes a token when
 * one is there. Both dialects run the update under the row's lock (Postgres: ON CONFLICT's row
 * lock; SQLite: its single writer), so concurrent takes from many processes serialize on the
 * row and never grant more than the bucket holds.
 *
 * `granted` records the last take's outcome only so that RETURNING can say it: both dialects
 * return the row as updated, and the tokens left alone cannot tell "refused at 0.5" from "took
 * one at 1.5".
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from './database.js';
import type { RateLimitStore } from './store.js';

export function createRateLimitStore(db: Kysely<Database>): RateLimitStore {
  return {
    async take(key, limit, nowMs) {
      const now = num(nowMs);
      const capacity = num(limit.capacity);
      const perToken = num(limit.windowMs / limit.capacity);
      // Time since the row was touched, never negative (instances' clocks may disagree a little).
      const elapsed = sql`case when ${now} > rate_limits.at_ms then ${now} - rate_limits.at_ms else 0 end`;
      const gained = sql`rate_limits.tokens + ${elapsed} / ${perToken}`;
      const refilled = sql`(case when ${gained} >= ${capacity} then ${capacity} else ${gained} end)`;
      const result = await sql<{ tokens: number | string; granted: number | string }>`
        insert into rate_limits (key, tokens, at_ms, granted)
        values (${key}, ${capacity} - 1, ${now}, 1)
        on conflict (key) do update set
          tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
          granted = case when ${refilled} >= 1 then 1 else 0 end,
          at_ms = case when ${now} > rate_limits.at_ms then ${now} else rate_limits.at_ms end
        returning tokens, granted
      `.execute(db);
      const row = result.rows[0];
      return { ok: Number(row?.granted) === 1, tokens: Number(row?.tokens ?? 0) };
    },

    async prune(beforeMs) {
      const result = await db.deleteFrom('rate_limits').where('at_ms', '<', beforeMs).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** A number as a double on both dialects (Postgres would otherwise guess integer for `5`). */
function num(value: number): RawBuilder<number> {
  return sql<number>`cast(${value} as double precision)`;
}
