/**
 * @module store/subscribers
 * Subscribers and their tokens over Kysely. Every write that could race (two sign-ups for one
 * address, two clicks on one confirm link) is a single conditional statement, so the database,
 * not the process, decides who wins.
 */
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import { isCadence, parseTopicsKey, topicsKey } from '../core/reader.js';
import type { Database, SubscribersTable } from './database.js';
import type {
  SubscriberRecord,
  SubscriberStatus,
  SubscriberStore,
  TokenPurpose,
} from './delivery-contract.js';
import { toNumber } from './rows.js';

/** Trimmed, domain lower-cased; the local part is kept, since some mail servers treat case in it. */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : trimmed.slice(0, at) + trimmed.slice(at).toLowerCase();
}

function toRecord(row: Selectable<SubscribersTable>): SubscriberRecord {
  return {
    id: toNumber(row.id),
    email: row.email,
    status: row.status,
    consentAt: row.consent_at,
    consentSource: row.consent_source,
    consentIp: row.consent_ip,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
    bounceCount: toNumber(row.bounce_count),
    updatedAt: row.updated_at,
    cadence: isCadence(row.cadence) ? row.cadence : 'daily',
    topics: parseTopicsKey(row.topics),
  };
}

const DAY_MS = 24 * 3_600_000;

/** A column's new value for an address that had left (unsubscribed, bounced), else its own. */
const back = <T>(value: unknown, column: keyof SubscribersTable & string) =>
  sql<T>`case when status in ('unsubscribed', 'bounced') then ${value} else ${sql.ref(column)} end`;

export interface SubscriberStoreOptions {
  /** Postgres: run a confirmation request in a transaction that locks the subscriber's row. */
  rowLocks?: boolean;
}

export function createSubscriberStore(
  db: Kysely<Database>,
  options: SubscriberStoreOptions = {},
): SubscriberStore {
  const byEmail = async (email: string) => {
    const row = await db.selectFrom('subscribers').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  };
  const byId = async (id: number) => {
    const row = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  };
  const mustFind = async (email: string) => {
    const found = await byEmail(email);
    if (!found) throw new Error(`the subscriber row for ${email} vanished while it was written`);
    return found;
  };

  return {
    async upsertPending(input) {
      const email = normaliseEmail(input.email);
      const consent = {
        consent_at: input.at,
        consent_source: input.consentSource,
        consent_ip: input.consentIp ?? null,
      };
      const inserted = await db
        .insertInto('subscribers')
        .values({ email, status: 'pending', ...consent, created_at: input.at, updated_at: input.at })
        .onConflict((conflict) => conflict.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { subscriber: await mustFind(email), created: true };
      // Only someone who had left comes back to pending; pending and confirmed rows are untouched.
      await db
        .updateTable('subscribers')
        .set({ status: 'pending', ...consent, confirmed_at: null, bounce_count: 0, updated_at: input.at })
        .where('email', '=', email)
        .where('status', 'in', ['unsubscribed', 'bounced'])
        .execute();
      return { subscriber: await mustFind(email), created: false };
    },

    async requestConfirmation(input) {
      const email = normaliseEmail(input.email);
      const { at, token, limits } = input;
      const now = Date.parse(at);
      const intervalStart = new Date(now - limits.intervalMs).toISOString();
      const dayStart = new Date(now - DAY_MS).toISOString();
      const run = async (trx: Kysely<Database>) => {
        const inserted = await trx
          .insertInto('subscribers')
          .values({
            email,
            status: 'pending',
            consent_at: at,
            consent_source: input.consentSource,
            consent_ip: input.consentIp ?? null,
            created_at: at,
            updated_at: at,
          })
          .onConflict((conflict) => conflict.column('email').doNothing())
          .returning('id')
          .executeTakeFirst();
        // Runs for every state, changing only a row that had left; on Postgres it also locks the
        // row until commit, so a second request for the address waits and then sees this link.
        const row = await trx
          .updateTable('subscribers')
          .set({
            status: back<SubscriberStatus>('pending', 'status'),
            consent_at: back<string>(at, 'consent_at'),
            consent_source: back<string>(input.consentSource, 'consent_source'),
            consent_ip: back<string | null>(input.consentIp ?? null, 'consent_ip'),
            confirmed_at: back<string | null>(null, 'confirmed_at'),
            bounce_count: back<number>(0, 'bounce_count'),
            updated_at: back<string>(at, 'updated_at'),
          })
          .where('email', '=', email)
          .returningAll()
          .executeTakeFirstOrThrow();
        // One statement decides and saves, so on SQLite (one writer at a time) it is atomic too.
        // Only links under the current consent hold a new one back (someone who left and asks
        // again gets theirs); every link of the last day counts toward the cap.
        const saved = await trx
          .insertInto('subscriber_tokens')
          .columns(['token_hash', 'subscriber_id', 'purpose', 'expires_at', 'used_at', 'created_at'])
          .expression((eb) =>
            eb
              .selectFrom('subscribers as s')
              .select([
                sql<string>`${token.hash}`.as('token_hash'),
                's.id',
                sql<string>`${'confirm'}`.as('purpose'),
                sql<string>`${token.expiresAt}`.as('expires_at'),
                sql<null>`null`.as('used_at'),
                sql<string>`${at}`.as('created_at'),
              ])
              .where('s.id', '=', row.id)
              .where('s.status', '=', 'pending')
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('subscriber_tokens as t')
                      .select('t.token_hash')
                      .whereRef('t.subscriber_id', '=', 's.id')
                      .where('t.purpose', '=', 'confirm')
                      .where('t.used_at', 'is', null)
                      .where('t.created_at', '>=', intervalStart)
                      .whereRef('t.created_at', '>=', 's.consent_at'),
                  ),
                ),
              )
              .where(
                (eb) =>
                  eb
                    .selectFrom('subscriber_tokens as d')
                    .select((inner) => inner.fn.countAll<number>().as('n'))
                    .whereRef('d.subscriber_id', '=', 's.id')
                    .where('d.purpose', '=', 'confirm')
                    .where('d.created_at', '>=', dayStart),
                '<',
                limits.perDay,
              ),
          )
          .executeTakeFirst();
        return {
          subscriber: toRecord(row),
          created: inserted !== undefined,
          tokenSaved: Number(saved.numInsertedOrUpdatedRows ?? 0) > 0,
        };
      };
      // SQLite has one writer at a time and each statement above is atomic; a transaction there
      // would hold the file between statements, which a second connection in the same process
      // (waiting synchronously) could never see released.
      return options.rowLocks ? db.transaction().execute(run) : run(db);
    },

    async addConfirmed(input) {
      const email = normaliseEmail(input.email);
      const confirmed = {
        status: 'confirmed' as const,
        consent_at: input.consentAt,
        consent_source: input.consentSource,
        consent_ip: null,
        confirmed_at: input.at,
        bounce_count: 0,
        updated_at: input.at,
      };
      await db
        .insertInto('subscribers')
        .values({ email, ...confirmed, created_at: input.at })
        .onConflict((conflict) =>
          conflict.column('email').doUpdateSet(confirmed).where('subscribers.status', '<>', 'confirmed'),
        )
        .execute();
      return mustFind(email);
    },

    get: byId,
    findByEmail: (email) => byEmail(normaliseEmail(email)),

    async list(filter = {}) {
      let query = db.selectFrom('subscribers').selectAll();
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.cadence) query = query.where('cadence', '=', filter.cadence);
      if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
      if (filter.limit !== undefined) query = query.limit(filter.limit);
      return (await query.orderBy('id').execute()).map(toRecord);
    },

    async setStatus(id: number, status: SubscriberStatus, at: string) {
      await db
        .updateTable('subscribers')
        .set({
          status,
          updated_at: at,
          ...(status === 'confirmed' ? { confirmed_at: at } : {}),
          ...(status === 'unsubscribed' ? { unsubscribed_at: at } : {}),
        })
        .where('id', '=', id)
        .where('status', '<>', status)
        .execute();
    },

    async setPreferences(id, preferences, at) {
      const result = await db
        .updateTable('subscribers')
        .set({ cadence: preferences.cadence, topics: topicsKey(preferences.topics), updated_at: at })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async recordConfirmationSend({ subscriberId, status, attempts, error, at }) {
      await db
        .insertInto('confirmation_sends')
        .values({ subscriber_id: subscriberId, status, attempts, error, updated_at: at })
        .onConflict((conflict) =>
          conflict.column('subscriber_id').doUpdateSet({ status, attempts, error, updated_at: at }),
        )
        .execute();
    },

    async confirmationSends(filter = {}) {
      let query = db.selectFrom('confirmation_sends').selectAll();
      if (filter.status) query = query.where('status', '=', filter.status);
      const rows = await query.orderBy('subscriber_id').execute();
      return new Map(
        rows.map((row) => [
          toNumber(row.subscriber_id),
          {
            subscriberId: toNumber(row.subscriber_id),
            status: row.status,
            attempts: toNumber(row.attempts),
            error: row.error,
            updatedAt: row.updated_at,
          },
        ]),
      );
    },

    async recordBounce(id, at) {
      const row = await db
        .updateTable('subscribers')
        .set((eb) => ({ bounce_count: eb('bounce_count', '+', 1), updated_at: at }))
        .where('id', '=', id)
        .returning('bounce_count')
        .executeTakeFirst();
      return row ? toNumber(row.bounce_count) : 0;
    },

    async resetBounces(id) {
      await db.updateTable('subscribers').set({ bounce_count: 0 }).where('id', '=', id).execute();
    },

    remove(id) {
      // Explicit deletes as well as the foreign keys: a SQLite connection opened elsewhere may
      // have foreign keys off, and an erase must not depend on that.
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('subscriber_tokens').where('subscriber_id', '=', id).execute();
        await trx.deleteFrom('confirmation_sends').where('subscriber_id', '=', id).execute();
        await trx
          .updateTable('deliveries')
          .set({ subscriber_id: null })
          .where('subscriber_id', '=', id)
          .execute();
        const result = await trx.deleteFrom('subscribers').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async saveToken(input) {
      await db
        .insertInto('subscriber_tokens')
        .values({
          token_hash: input.tokenHash,
          subscriber_id: input.subscriberId,
          purpose: input.purpose,
          expires_at: input.expiresAt,
          used_at: null,
          created_at: input.at,
        })
        .execute();
    },

    async countTokens(input) {
      let query = db
        .selectFrom('subscriber_tokens')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
        .where('subscriber_id', '=', input.subscriberId)
        .where('purpose', '=', input.purpose)
        .where('created_at', '>=', input.since);
      if (input.unused) query = query.where('used_at', 'is', null);
      const row = await query.executeTakeFirst();
      return toNumber(row?.count ?? 0);
    },

    async findToken(input) {
      const live = { hash: input.tokenHash, purpose: input.purpose, now: input.now };
      const row = input.consume
        ? await db
            .updateTable('subscriber_tokens')
            .set({ used_at: input.now })
            .where((eb) => usable(eb, live))
            .returning('subscriber_id')
            .executeTakeFirst()
        : await db
            .selectFrom('subscriber_tokens')
            .select('subscriber_id')
            .where((eb) => usable(eb, live))
            .executeTakeFirst();
      return row ? { subscriberId: toNumber(row.subscriber_id) } : undefined;
    },

    async pruneExpiredTokens({ purpose, now }) {
      const result = await db
        .deleteFrom('subscriber_tokens')
        .where('purpose', '=', purpose)
        .where('expires_at', 'is not', null)
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** Known hash, right purpose, never used, and not expired at `now`. */
function usable(
  eb: ExpressionBuilder<Database, 'subscriber_tokens'>,
  token: { hash: string; purpose: TokenPurpose; now: string },
) {
  return eb.and([
    eb('token_hash', '=', token.hash),
    eb('purpose', '=', token.purpose),
    eb('used_at', 'is', null),
    eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', token.now)]),
  ]);
}
