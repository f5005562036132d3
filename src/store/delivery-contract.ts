/**
 * @module store/delivery-contract
 * What delivery keeps in the store: subscribers with their consent, single-purpose tokens (stored
 * hashed), the delivery log (one row per edition × channel × recipient, so nothing is sent twice)
 * job locks (so two servers never run the daily job at once) and job runs (so a restarted job
 * resumes after its last finished step). Reached as `store.subscribers`, `store.deliveries`,
 * `store.locks` and `store.jobRuns`. Timestamps are ISO 8601 UTC text, compared as text.
 */
import type { Cadence, ReaderPreferences, ReaderTopics } from '../core/reader.js';

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'bounced';

export interface SubscriberRecord {
  id: number;
  /** Normalised: trimmed, domain lower-cased (the local part is kept as given). */
  email: string;
  status: SubscriberStatus;
  /** When and how consent was given: `web-form`, `cli`, `import`. */
  consentAt: string | null;
  consentSource: string | null;
  /** The address the form was posted from, when it came from the web. */
  consentIp: string | null;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  /** Permanent failures (5xx) counted since the last success. */
  bounceCount: number;
  updatedAt: string;
  /** Daily or weekly edition (default daily). */
  cadence: Cadence;
  /** What the email carries; empty lists = everything. */
  topics: ReaderTopics;
}

/**
 * `confirm`: once, expires; `unsubscribe`: permanent, one per email; `manage`: the "manage your
 * subscription" link, one per email, valid for weeks (not used up: the page is read, then posted).
 */
export type TokenPurpose = 'confirm' | 'unsubscribe' | 'manage';

export type ConfirmationSendStatus = 'queued' | 'retrying' | 'sent' | 'failed';

export interface ConfirmationSend {
  subscriberId: number;
  status: ConfirmationSendStatus;
  /** Attempts made so far (0 while queued). */
  attempts: number;
  /** The last failure, as the SMTP server or the connection reported it. */
  error: string | null;
  updatedAt: string;
}

export interface SubscriberStore {
  /**
   * Adds an address as `pending`, or returns the existing row unchanged (a pending or confirmed
   * address stays as it is; an unsubscribed or bounced one goes back to `pending` with the new
   * consent, its bounce count reset and `confirmedAt` cleared). `created` is true only for a new
   * row; two concurrent calls for one address make one row. The email is normalised here too.
   */
  upsertPending(input: {
    email: string;
    consentSource: string;
    consentIp?: string | null;
    at: string;
  }): Promise<{ subscriber: SubscriberRecord; created: boolean }>;
  /**
   * A subscribe request that runs the same statements whatever the address's state (new,
   * pending, confirmed, left), so how long it takes tells no one which it was: the address is
   * added or brought back as `pending` like `upsertPending`, then one statement saves the token
   * only when the address is pending, no unused link under its current consent is younger than
   * `intervalMs`, and fewer than `perDay` links went out in the last day. Concurrent requests for
   * one address save at most one link (Postgres: a transaction locking the row; SQLite: one writer).
   * `tokenSaved` says whether a confirmation email should go out with it.
   */
  requestConfirmation(input: {
    email: string;
    consentSource: string;
    consentIp?: string | null;
    at: string;
    token: { hash: string; expiresAt: string };
    limits: { intervalMs: number; perDay: number };
  }): Promise<{ subscriber: SubscriberRecord; created: boolean; tokenSaved: boolean }>;
  /**
   * Operators' add/import: confirmed at once, with the consent source they state. An address
   * already confirmed is returned unchanged; any other existing row becomes confirmed.
   */
  addConfirmed(input: {
    email: string;
    consentSource: string;
    consentAt: string;
    at: string;
  }): Promise<SubscriberRecord>;
  get(id: number): Promise<SubscriberRecord | undefined>;
  findByEmail(email: string): Promise<SubscriberRecord | undefined>;
  /**
   * In id order. `afterId` + `limit` read one keyset page (ids greater than `afterId`), so a caller
   * can walk a million subscribers without holding them all.
   */
  list(filter?: {
    status?: SubscriberStatus;
    /** Only readers of this cadence (planning the daily or the weekly edition's delivery). */
    cadence?: Cadence;
    afterId?: number;
    limit?: number;
  }): Promise<SubscriberRecord[]>;
  /**
   * Saves a reader's cadence and topics (topics normalised: known values, one order); false for an
   * unknown id. The status is untouched: choosing weekly never resubscribes anyone.
   */
  setPreferences(id: number, preferences: ReaderPreferences, at: string): Promise<boolean>;
  /**
   * Moves to a status, stamping `confirmedAt` (confirmed) or `unsubscribedAt` (unsubscribed); a
   * subscriber already in that status is left alone, so the first time is kept.
   */
  setStatus(id: number, status: SubscriberStatus, at: string): Promise<void>;
  /**
   * Counts a permanent failure; returns the new count (the caller decides when it means `bounced`),
   * 0 for an unknown id.
   */
  recordBounce(id: number, at: string): Promise<number>;
  resetBounces(id: number): Promise<void>;
  /**
   * Deletes the subscriber, its tokens, and its delivery rows' link to it (GDPR erase): the rows
   * stay, with `subscriberId` null. False when there was no such subscriber.
   */
  remove(id: number): Promise<boolean>;
  /**
   * Records where the confirmation email of a subscriber stands (one row per subscriber, the latest
   * wins): `queued` when a job was enqueued, `retrying` after a failed attempt, `failed` when the
   * queue gave up, `sent` once the server accepted it. `attempts` and `error` are kept as given.
   */
  recordConfirmationSend(input: {
    subscriberId: number;
    status: ConfirmationSendStatus;
    attempts: number;
    error: string | null;
    at: string;
  }): Promise<void>;
  /** Where each subscriber's last confirmation email stands, by subscriber id (only those with one). */
  confirmationSends(filter?: { status?: ConfirmationSendStatus }): Promise<Map<number, ConfirmationSend>>;

  /** Stores sha256(token) for a purpose; `expiresAt` null = permanent. */
  saveToken(input: {
    subscriberId: number;
    purpose: TokenPurpose;
    tokenHash: string;
    expiresAt: string | null;
    at: string;
  }): Promise<void>;
  /**
   * How many tokens of a purpose were issued to a subscriber at or after `since` (rate limits);
   * `unused` counts only those not used yet.
   */
  countTokens(input: {
    subscriberId: number;
    purpose: TokenPurpose;
    since: string;
    unused?: boolean;
  }): Promise<number>;
  /**
   * Looks a token up by hash and purpose. Returns undefined for unknown, wrong-purpose, expired
   * (`expiresAt <= now`) or used tokens. `consume` marks the token used in the same statement that
   * finds it, so of two concurrent consumers only one gets the subscriber.
   */
  findToken(input: {
    tokenHash: string;
    purpose: TokenPurpose;
    now: string;
    consume?: boolean;
  }): Promise<{ subscriberId: number } | undefined>;
  /** Deletes the tokens of a purpose that expired at or before `now`; returns how many. */
  pruneExpiredTokens(input: { purpose: TokenPurpose; now: string }): Promise<number>;
}

/** `email-weekly`: the weekly edition, its own rows (keyed by the delivery day), never the daily's. */
export type DeliveryChannel = 'email' | 'email-weekly' | 'telegram';
/**
 * `sending`: written before the attempt, so a crash leaves evidence; `sent` after success;
 * `failed`: gave up (permanent failure or attempts exhausted); `skipped`: not sent on purpose
 * (unsubscribed between planning and sending, bounced).
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface DeliveryRecord {
  id: number;
  editionDate: string;
  channel: DeliveryChannel;
  /** `subscriber:<id>` for email, the channel name (`@name`) for Telegram. */
  recipient: string;
  subscriberId: number | null;
  status: DeliveryStatus;
  attempts: number;
  /** The Message-ID (email) or message ids (Telegram, comma-separated) once sent. */
  messageId: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryLog {
  /**
   * Creates the `pending` rows for an edition × channel that do not exist yet (unique per
   * edition × channel × recipient: re-planning never duplicates). Returns how many were created.
   */
  plan(input: {
    editionDate: string;
    channel: DeliveryChannel;
    recipients: { recipient: string; subscriberId: number | null }[];
    at: string;
  }): Promise<number>;
  /**
   * Rows not yet finished (`pending` or `sending`), in id order (oldest first). `afterId` and
   * `throughId` bound the ids (a keyset page, or one queued batch's range: `afterId < id <= throughId`).
   */
  unfinished(input: {
    editionDate: string;
    channel: DeliveryChannel;
    limit?: number;
    afterId?: number;
    throughId?: number;
  }): Promise<DeliveryRecord[]>;
  /**
   * Marks `sending` and counts the attempt, only from `pending` or `sending` (a crashed attempt);
   * false when the row is already `sent`/`failed`/`skipped` or does not exist.
   */
  begin(id: number, at: string): Promise<boolean>;
  /**
   * Sets the outcome (`pending` = try again later). `messageId` and `error` are written when given
   * (null clears), and left as they are when undefined.
   */
  finish(
    id: number,
    outcome: {
      status: 'sent' | 'failed' | 'skipped' | 'pending';
      messageId?: string | null;
      error?: string | null;
    },
    at: string,
  ): Promise<void>;
  /** In id order. */
  list(filter: {
    editionDate?: string;
    channel?: DeliveryChannel;
    status?: DeliveryStatus;
  }): Promise<DeliveryRecord[]>;
  /** Every status is a key, 0 when no row has it. */
  counts(editionDate: string, channel: DeliveryChannel): Promise<Record<DeliveryStatus, number>>;
}

/** A lock as the store holds it. */
export interface LockRecord {
  name: string;
  holder: string;
  /** When this holder took it (renewals keep it). */
  acquiredAt: string;
  /** When its lease runs out unless renewed. */
  expiresAt: string;
}

/**
 * Named locks with a lease: a holder renews its lease while it works, and a lock whose lease ran
 * out is free. Every method that changes a lock is one conditional statement, so it is atomic
 * across processes and connections; what a holder string means is the caller's business
 * (scheduler/lock.ts).
 */
export interface JobLocks {
  /**
   * Takes the named lock until `expiresAt` when it is free or expired; true when this holder has it.
   * Re-acquiring by the same holder extends it. One statement, so it is atomic across processes.
   */
  acquire(input: { name: string; holder: string; now: string; expiresAt: string }): Promise<boolean>;
  /**
   * Extends the lease of a lock this holder still has (even one whose lease ran out, as long as
   * nobody took it since); false when the lock is gone or someone else has it.
   */
  renew(input: { name: string; holder: string; expiresAt: string }): Promise<boolean>;
  /** The lock as it is now, expired or not; undefined when nobody has it. */
  holder(name: string): Promise<LockRecord | undefined>;
  /**
   * Compare-and-swap: gives the lock to `to` only if `from` still has it, whatever its lease says
   * (the caller has found `from` dead). False when the holder changed in between, so two processes
   * that both found the same dead holder cannot both take over.
   */
  takeOver(input: {
    name: string;
    from: string;
    to: string;
    now: string;
    expiresAt: string;
  }): Promise<boolean>;
  /** Removes the lock whoever holds it (an operator's decision); returns what it removed. */
  breakLock(name: string): Promise<LockRecord | undefined>;
  /** Frees the lock if this holder has it; someone else's lock is left alone. */
  release(input: { name: string; holder: string }): Promise<void>;
}

/** The daily job's steps, in the order they run. */
export const JOB_STEPS = ['collect', 'edition', 'publish', 'deliver-email', 'deliver-telegram'] as const;
export type JobStep = (typeof JOB_STEPS)[number];

export interface JobRunLog {
  /** Records that a step of the day's job finished, so a restart resumes after it. Idempotent. */
  markDone(input: { day: string; step: JobStep; at: string; detail?: string }): Promise<void>;
  /** The day's finished steps, in JOB_STEPS order. */
  doneSteps(day: string): Promise<JobStep[]>;
  /**
   * The newest day whose job ran to the end, for catching up after downtime: the newest day with
   * `deliver-email` done (the step every subscriber depends on; mark it done, with a detail, when
   * email is not configured). `deliver-telegram` is not required, so a Telegram outage does not
   * make the catch-up re-run a day whose email went out.
   */
  lastCompletedDay(): Promise<string | undefined>;
}
