import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import type { Store } from '../store/index.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import { parseCsv } from './csv.js';
import {
  addSubscriber,
  cleanConsentSource,
  importSubscribers,
  parseConsentAt,
  readImportCsv,
  subscribersCsv,
} from './roster.js';

let store: Store;
const clock = fixedClock('2026-09-01T06:00:00Z');
const deps = () => ({ store, clock });

beforeEach(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.migrate();
});
afterEach(() => store.close());

describe('addSubscriber', () => {
  it('confirms at once with the stated consent', async () => {
    const result = await addSubscriber(deps(), {
      email: 'Reader@Example.org',
      consentSource: 'meetup sign-up sheet',
    });
    expect(result.outcome).toBe('added');
    expect(await store.subscribers.findByEmail('Reader@example.org')).toMatchObject({
      status: 'confirmed',
      consentSource: 'meetup sign-up sheet',
      consentAt: '2026-09-01T06:00:00.000Z',
    });
  });

  it('leaves a confirmed address unchanged, and reports an earlier unsubscribe when re-adding', async () => {
    await addSubscriber(deps(), { email: 'reader@example.org', consentSource: 'first' });
    const again = await addSubscriber(deps(), { email: 'reader@example.org', consentSource: 'second' });
    expect(again.outcome).toBe('unchanged');
    const id = (await store.subscribers.findByEmail('reader@example.org'))?.id ?? 0;
    await store.subscribers.setStatus(id, 'unsubscribed', '2026-09-02T00:00:00Z');
    const back = await addSubscriber(deps(), {
      email: 'reader@example.org',
      consentSource: 'asked in person',
    });
    expect(back).toMatchObject({ outcome: 'added', previous: 'unsubscribed' });
  });

  it('refuses an invalid address', async () => {
    expect(await addSubscriber(deps(), { email: 'nobody', consentSource: 'x' })).toEqual({
      outcome: 'invalid',
    });
  });
});

describe('consent values', () => {
  it.each([
    ['2026-05-01', '2026-05-01T00:00:00.000Z'],
    ['2026-05-01T10:30:00Z', '2026-05-01T10:30:00.000Z'],
    ['2026-05-01 10:30:00+02:00', '2026-05-01T08:30:00.000Z'],
    ['yesterday', undefined],
    ['2026-02-30x', undefined],
    ['2026-13-01', undefined],
  ])('reads consent_at %j as %j', (raw, expected) => {
    expect(parseConsentAt(raw)).toBe(expected);
  });

  it('keeps a consent source to one printable line', () => {
    expect(cleanConsentSource('  newsletter form, 2026  ')).toBe('newsletter form, 2026');
    expect(cleanConsentSource('line\nbreak')).toBeUndefined();
    expect(cleanConsentSource('')).toBeUndefined();
    expect(cleanConsentSource('x'.repeat(201))).toBeUndefined();
  });
});

describe('readImportCsv', () => {
  it('reads rows and reports bad ones by line', () => {
    const text = [
      'Email,consent_source,consent_at',
      'a@example.org,paper form,2026-05-01',
      'not-an-address,,',
      'b@example.org,,',
      'c@example.org,,someday',
      '"d@example.org\r\nBcc: x@example.net",,',
      'e@example.org,"two\nlines",',
    ].join('\n');
    const { rows, problems } = readImportCsv(text, 'import');
    expect(rows).toEqual([
      { line: 2, email: 'a@example.org', consentSource: 'paper form', consentAt: '2026-05-01T00:00:00.000Z' },
      { line: 4, email: 'b@example.org', consentSource: 'import' },
    ]);
    // The quoted CRLF on line 6 makes that record two lines long.
    expect(problems.map((p) => p.line)).toEqual([3, 5, 6, 8]);
  });

  it('needs a header with an email column', () => {
    expect(readImportCsv('a@example.org\n', 'import').problems).toEqual([
      { line: 1, reason: 'the header must name an `email` column' },
    ]);
    expect(readImportCsv('', 'import').rows).toEqual([]);
  });

  it('imports only confirmed rows of an export', async () => {
    await addSubscriber(deps(), { email: '=x@example.org', consentSource: 'cli' });
    await store.subscribers.upsertPending({
      email: 'p@example.org',
      consentSource: 'web-form',
      at: '2026-09-01T00:00:00Z',
    });
    const csv = subscribersCsv(await store.subscribers.list());
    const { rows, problems } = readImportCsv(csv, 'import');
    expect(rows.map((r) => r.email)).toEqual(['=x@example.org']);
    expect(problems).toEqual([{ line: 3, reason: 'status is "pending", only confirmed rows are imported' }]);
  });

  it('reports a CSV syntax error instead of throwing', () => {
    expect(readImportCsv('email\n"open', 'import').problems).toEqual([
      { line: 2, reason: 'line 2: a quoted cell is never closed' },
    ]);
  });
});

describe('subscribersCsv', () => {
  it('writes the documented columns with the formula guard', async () => {
    await addSubscriber(deps(), { email: '=cmd@example.org', consentSource: '@import, "list"' });
    const records = parseCsv(subscribersCsv(await store.subscribers.list()));
    expect(records[0]?.cells).toEqual([
      'email',
      'status',
      'consent_at',
      'consent_source',
      'created_at',
      'confirmed_at',
    ]);
    expect(records[1]?.cells).toEqual([
      '=cmd@example.org',
      'confirmed',
      '2026-09-01T06:00:00.000Z',
      '@import, "list"',
      '2026-09-01T06:00:00.000Z',
      '2026-09-01T06:00:00.000Z',
    ]);
    expect(subscribersCsv(await store.subscribers.list())).toContain(`'=cmd@example.org,`);
  });
});

describe('importSubscribers', () => {
  it('is idempotent and never brings back someone who unsubscribed', async () => {
    await addSubscriber(deps(), { email: 'gone@example.org', consentSource: 'cli' });
    const gone = await store.subscribers.findByEmail('gone@example.org');
    await store.subscribers.setStatus(gone?.id ?? 0, 'unsubscribed', '2026-09-01T07:00:00Z');
    await store.subscribers.upsertPending({
      email: 'pending@example.org',
      consentSource: 'web-form',
      at: '2026-09-01T00:00:00Z',
    });
    const { rows } = readImportCsv(
      'email\nnew@example.org\ngone@example.org\npending@example.org\nnew@example.org\n',
      'import',
    );
    expect(await importSubscribers(deps(), rows)).toEqual({
      added: 2,
      unchanged: 1,
      skipped: [{ line: 3, reason: 'unsubscribed earlier; not re-added by an import' }],
    });
    expect(await importSubscribers(deps(), rows)).toMatchObject({ added: 0, unchanged: 3 });
    expect((await store.subscribers.findByEmail('gone@example.org'))?.status).toBe('unsubscribed');
    expect((await store.subscribers.findByEmail('pending@example.org'))?.status).toBe('confirmed');
    expect(await store.subscribers.list()).toHaveLength(3);
  });
});
