/**
 * @module store/locks
 * Job locks and the job run log. A lock is taken in one upsert whose update only applies when the
 * lock is free, expired or already ours, with RETURNING telling whether it applied: no read then
 * write, so two processes (or two pool connections) can never both believe they hold it. Renewal
 * and takeover are updates conditioned on the holder the caller expects (compare-and-swap), so a
 * decision made on a read is only applied if nothing changed since.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import {
  JOB_STEPS,
  type JobLocks,
  type JobRunLog,
  type JobStep,
  type LockRecord,
} from './delivery-contract.js';

export function createJobLocks(db: Kysely<Database>): JobLocks {
  return {
    async acquire({ name, holder, now, expiresAt }) {
      const row = await db
        .insertInto('job_locks')
        .values({ name, holder, expires_at: expiresAt, acquired_at: now })
        .onConflict((conflict) =>
          conflict
            .column('name')
            .doUpdateSet((eb) => ({
              holder: eb.ref('excluded.holder'),
              expires_at: eb.ref('excluded.expires_at'),
              // Extending keeps the time the holder first took it.
              acquired_at: eb
                .case()
                .when('job_locks.holder', '=', holder)
                .then(eb.ref('job_locks.acquired_at'))
                .else(eb.ref('excluded.acquired_at'))
                .end(),
            }))
            .where((eb) =>
              eb.or([eb('job_locks.expires_at', '<=', now), eb('job_locks.holder', '=', holder)]),
            ),
        )
        .returning('holder')
        .executeTakeFirst();
      return row?.holder === holder;
    },

    async renew({ name, holder, expiresAt }) {
      const result = await db
        .updateTable('job_locks')
        .set({ expires_at: expiresAt })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async holder(name) {
      const row = await db.selectFrom('job_locks').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? lockRecord(row) : undefined;
    },

    async takeOver({ name, from, to, now, expiresAt }) {
      const result = await db
        .updateTable('job_locks')
        .set({ holder: to, acquired_at: now, expires_at: expiresAt })
        .where('name', '=', name)
        .where('holder', '=', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async breakLock(name) {
      const row = await db.deleteFrom('job_locks').where('name', '=', name).returningAll().executeTakeFirst();
      return row ? lockRecord(row) : undefined;
    },

    async release({ name, holder }) {
      await db.deleteFrom('job_locks').where('name', '=', name).where('holder', '=', holder).execute();
    },
  };
}

function lockRecord(row: {
  name: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}): LockRecord {
  return { name: row.name, holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
}

const STEP_ORDER = new Map<string, number>(JOB_STEPS.map((step, index) => [step, index]));

export function createJobRunLog(db: Kysely<Database>): JobRunLog {
  return {
    async markDone({ day, step, at, detail }) {
      const values = { done_at: at, detail: detail ?? null };
      await db
        .insertInto('job_runs')
        .values({ day, step, ...values })
        .onConflict((conflict) => conflict.columns(['day', 'step']).doUpdateSet(values))
        .execute();
    },

    async doneSteps(day) {
      const rows = await db.selectFrom('job_runs').select('step').where('day', '=', day).execute();
      // A step written by a newer version is not ours to report.
      const known = rows.map((row) => row.step as string).filter((step) => STEP_ORDER.has(step));
      return (known as JobStep[]).sort((a, b) => (STEP_ORDER.get(a) ?? 0) - (STEP_ORDER.get(b) ?? 0));
    },

    async lastCompletedDay() {
      const row = await db
        .selectFrom('job_runs')
        .select((eb) => eb.fn.max('day').as('day'))
        .where('step', '=', 'deliver-email')
        .executeTakeFirst();
      return row?.day ?? undefined;
    },
  };
}
