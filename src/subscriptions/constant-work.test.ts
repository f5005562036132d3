/**
 * New, pending and confirmed addresses must cost the same to answer, or the answer's timing tells
 * a stranger who is subscribed: the statements run (their SQL and the kinds of their parameters)
 * and the token made are counted for each, and must match.
 */
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../store/database.js';
import { createKyselyStore, type KyselyStore } from '../store/kysely-store.js';
import { type ConfirmationMessage, subscribe } from './service.js';

interface Statement {
  sql: string;
  parameters: string[];
}

let store: KyselyStore;
let statements: Statement[] = [];
let sent: ConfirmationMessage[];
const clock = fixedClock('2026-09-01T06:00:00Z');

beforeEach(async () => {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
    log: (event) => {
      // A parameter's kind, and for a string whether it is a token hash: values differ by address.
      const kind = (value: unknown) =>
        typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? 'sha256' : typeof value;
      statements.push({ sql: event.query.sql, parameters: event.query.parameters.map(kind) });
    },
  });
  store = createKyselyStore({ dialect: 'sqlite', db });
  await store.migrate();
  statements = [];
  sent = [];
});
afterEach(() => store.close());

const deps = () => ({
  store,
  clock,
  baseUrl: 'https://post.example.org/',
  confirmTtlHours: 72,
  sendConfirmation: async (message: ConfirmationMessage) => {
    sent.push(message);
  },
});

async function workFor(email: string): Promise<{ outcome: string; statements: Statement[]; sent: number }> {
  statements = [];
  const before = sent.length;
  const { outcome } = await subscribe(deps(), { email, source: 'web-form', ip: '192.0.2.1' });
  return { outcome, statements, sent: sent.length - before };
}

describe('a subscribe request does the same work for every address', () => {
  it('runs the same statements, with a freshly hashed token, for new, pending and confirmed addresses', async () => {
    await subscribe(deps(), { email: 'pending@example.org', source: 'web-form' });
    await store.subscribers.addConfirmed({
      email: 'confirmed@example.org',
      consentSource: 'import',
      consentAt: clock.now().toISOString(),
      at: clock.now().toISOString(),
    });
    await clock.sleep(60_000);

    const fresh = await workFor('new@example.org');
    const pending = await workFor('pending@example.org');
    const confirmed = await workFor('confirmed@example.org');

    expect([fresh.outcome, pending.outcome, confirmed.outcome]).toEqual([
      'pending',
      'pending',
      'already-confirmed',
    ]);
    expect([fresh.sent, pending.sent, confirmed.sent]).toEqual([1, 0, 0]);
    expect(fresh.statements.length).toBeGreaterThanOrEqual(3);
    expect(pending.statements).toEqual(fresh.statements);
    expect(confirmed.statements).toEqual(fresh.statements);
    // Each made and hashed a token and offered it to the store, which kept only the new one's.
    for (const work of [fresh, pending, confirmed])
      expect(work.statements.flatMap((statement) => statement.parameters)).toContain('sha256');
  });

  it('does the same work for an address the rate limit holds back', async () => {
    const first = await workFor('limited@example.org');
    const again = await workFor('limited@example.org');
    expect([first.sent, again.sent]).toEqual([1, 0]);
    expect(again.statements).toEqual(first.statements);
  });
});
