/**
 * @module subscriptions/roster
 * What an operator does to the list by hand: add an address they have consent for, erase one,
 * export the list, import one. Adding and importing confirm at once, without an email: the
 * operator states the consent and answers for it.
 */
import type { Clock } from '../core/clock.js';
import type { SubscriberRecord, SubscriberStatus, SubscriberStore } from '../store/delivery-contract.js';
import { CsvSyntaxError, parseCsv, toCsv } from './csv.js';
import { normaliseEmail } from './email.js';

export interface RosterDeps {
  store: { subscribers: SubscriberStore };
  clock: Clock;
}

export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = [
  'pending',
  'confirmed',
  'unsubscribed',
  'bounced',
];

export const EXPORT_COLUMNS = [
  'email',
  'status',
  'consent_at',
  'consent_source',
  'created_at',
  'confirmed_at',
] as const;

export function subscribersCsv(records: readonly SubscriberRecord[]): string {
  return toCsv(
    EXPORT_COLUMNS,
    records.map((r) => [r.email, r.status, r.consentAt, r.consentSource, r.createdAt, r.confirmedAt]),
  );
}

const MAX_SOURCE = 200;

/** A consent source as stated by an operator: one printable line. */
export function cleanConsentSource(raw: string): string | undefined {
  const text = raw.trim();
  if (!text || text.length > MAX_SOURCE || /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text)) return undefined;
  return text;
}

/** `YYYY-MM-DD` or an ISO 8601 instant, as an ISO instant. */
export function parseConsentAt(raw: string): string | undefined {
  const text = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text))
    return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export type AddResult =
  | { outcome: 'invalid' }
  | { outcome: 'added' | 'unchanged'; subscriber: SubscriberRecord; previous?: SubscriberStatus };

/**
 * Confirms an address on the operator's word. An address that unsubscribed is confirmed again
 * too (the operator asked by name); `previous` says so, for the command to print.
 */
export async function addSubscriber(
  deps: RosterDeps,
  input: { email: string; consentSource: string; consentAt?: string },
): Promise<AddResult> {
  const email = normaliseEmail(input.email);
  if (!email) return { outcome: 'invalid' };
  const existing = await deps.store.subscribers.findByEmail(email);
  if (existing?.status === 'confirmed') return { outcome: 'unchanged', subscriber: existing };
  const at = deps.clock.now().toISOString();
  const subscriber = await deps.store.subscribers.addConfirmed({
    email,
    consentSource: input.consentSource,
    consentAt: input.consentAt ?? at,
    at,
  });
  return { outcome: 'added', subscriber, ...(existing ? { previous: existing.status } : {}) };
}

export interface ImportRow {
  line: number;
  email: string;
  consentSource: string;
  consentAt?: string;
}

export interface RowProblem {
  line: number;
  reason: string;
}

/**
 * Reads an import file: a header naming at least `email`, optionally `consent_source` and
 * `consent_at`. A `status` column (an export read back) keeps only `confirmed` rows, so an
 * export of the list never turns pending or unsubscribed people into subscribers.
 */
export function readImportCsv(
  text: string,
  defaultSource: string,
): { rows: ImportRow[]; problems: RowProblem[] } {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { rows: [], problems: [{ line: error.line, reason: error.message }] };
    throw error;
  }
  const [header, ...body] = records;
  const names = header?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  const column = (name: string) => names.indexOf(name);
  const emailAt = column('email');
  if (!header || emailAt < 0)
    return {
      rows: [],
      problems: [{ line: header?.line ?? 1, reason: 'the header must name an `email` column' }],
    };
  const sourceAt = column('consent_source');
  const consentAt = column('consent_at');
  const statusAt = column('status');
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  for (const { line, cells } of body) {
    const cell = (at: number) => (at >= 0 ? (cells[at] ?? '').trim() : '');
    const status = cell(statusAt);
    if (statusAt >= 0 && status !== 'confirmed') {
      problems.push({ line, reason: `status is "${status}", only confirmed rows are imported` });
      continue;
    }
    const email = normaliseEmail(cells[emailAt] ?? '');
    if (!email) {
      problems.push({ line, reason: 'not a valid email address' });
      continue;
    }
    const source = cell(sourceAt) ? cleanConsentSource(cell(sourceAt)) : defaultSource;
    if (!source) {
      problems.push({ line, reason: 'consent_source must be one line of at most 200 characters' });
      continue;
    }
    const at = cell(consentAt) ? parseConsentAt(cell(consentAt)) : undefined;
    if (cell(consentAt) && !at) {
      problems.push({ line, reason: 'consent_at must be a date (YYYY-MM-DD) or an ISO 8601 time' });
      continue;
    }
    rows.push({ line, email, consentSource: source, ...(at ? { consentAt: at } : {}) });
  }
  return { rows, problems };
}

export interface ImportResult {
  added: number;
  unchanged: number;
  skipped: RowProblem[];
}

/**
 * Idempotent: a confirmed address is left as it is. People who unsubscribed or bounced are not
 * brought back by a list: that takes `subscribers add`, one deliberate address at a time.
 */
export async function importSubscribers(deps: RosterDeps, rows: readonly ImportRow[]): Promise<ImportResult> {
  const result: ImportResult = { added: 0, unchanged: 0, skipped: [] };
  for (const row of rows) {
    const existing = await deps.store.subscribers.findByEmail(row.email);
    if (existing?.status === 'unsubscribed' || existing?.status === 'bounced') {
      result.skipped.push({
        line: row.line,
        reason: `${existing.status} earlier; not re-added by an import`,
      });
      continue;
    }
    const added = await addSubscriber(deps, row);
    if (added.outcome === 'added') result.added++;
    else result.unchanged++;
  }
  return result;
}
