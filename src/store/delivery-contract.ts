/**
 * @module store/delivery-contract
 * What delivery keeps in the store: subscribers with their consent, single-purpose tokens (stored
 * hashed), the delivery log (one row per edition × channel × recipient, so nothing is sent twice)
 * and job locks (so two servers never run the daily job at once). Reached as `store.subscribers`,
 * `store.deliveries` and `store.locks`.
 */

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
}

export type TokenPurpose = 'confirm' | 'unsubscribe';

export interface SubscriberStore {
  /**
   * Adds an address as `pending`, or returns the existing row unchanged (a confirmed address stays
   * confirmed; an unsubscribed or bounced one goes back to `pending` with the new consent).
   */
  upsertPending(input: {
    email: string;
    consentSource: string;
    consentIp?: string | null;
    at: string;
  }): Promise<{ subscriber: SubscriberRecord; created: boolean }>;
  /** Operators' add/import: confirmed at once, with the consent source they state. */
  addConfirmed(input: {
    email: string;
    consentSource: string;
    consentAt: string;
    at: string;
  }): Promise<SubscriberRecord>;
  get(id: number): Promise<SubscriberRecord | undefined>;
  findByEmail(email: string): Promise<SubscriberRecord | undefined>;
  list(filter?: { status?: SubscriberStatus }): Promise<SubscriberRecord[]>;
  setStatus(id: number, status: SubscriberStatus, at: string): Promise<void>;
  /** Counts a permanent failure; returns the new count (the caller decides when it means `bounced`). */
  recordBounce(id: number, at: string): Promise<number>;
  resetBounces(id: number): Promise<void>;
  /** Deletes the subscriber, its tokens, and its delivery rows' recipient link (GDPR erase). */
  remove(id: number): Promise<boolean>;

  /** Stores sha256(token) for a purpose; `expiresAt` null = permanent. */
  saveToken(input: {
    subscriberId: number;
    purpose: TokenPurpose;
    tokenHash: string;
    expiresAt: string | null;
    at: string;
  }): Promise<void>;
  /**
   * Looks a token up by hash and purpose. Returns undefined for unknown, wrong-purpose, expired
   * (at `now`) or used single-use tokens. `consume` marks a confirm token used in the same transaction.
   */
  findToken(input: {
    tokenHash: string;
    purpose: TokenPurpose;
    now: string;
    consume?: boolean;
  }): Promise<{ subscriberId: number } | undefined>;
}

export type DeliveryChannel = 'email' | 'telegram';
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
  /** Rows not yet finished (`pending` or `sending`), oldest first. */
  unfinished(input: {
    editionDate: string;
    channel: DeliveryChannel;
    limit?: number;
  }): Promise<DeliveryRecord[]>;
  /** Marks `sending` and counts the attempt; false when the row is already `sent`/`failed`/`skipped`. */
  begin(id: number, at: string): Promise<boolean>;
  finish(
    id: number,
    outcome: {
      status: 'sent' | 'failed' | 'skipped' | 'pending';
      messageId?: string | null;
      error?: string | null;
    },
    at: string,
  ): Promise<void>;
  list(filter: {
    editionDate?: string;
    channel?: DeliveryChannel;
    status?: DeliveryStatus;
  }): Promise<DeliveryRecord[]>;
  counts(editionDate: string, channel: DeliveryChannel): Promise<Record<DeliveryStatus, number>>;
}

export interface JobLocks {
  /**
   * Takes the named lock until `expiresAt` when it is free or expired; true when this holder has it.
   * Re-acquiring by the same holder extends it.
   */
  acquire(input: { name: string; holder: string; now: string; expiresAt: string }): Promise<boolean>;
  release(input: { name: string; holder: string }): Promise<void>;
}

export type JobStep = 'collect' | 'edition' | 'publish' | 'deliver-email' | 'deliver-telegram';

export interface JobRunLog {
  /** Records that a step of the day's job finished, so a restart resumes after it. */
  markDone(input: { day: string; step: JobStep; at: string; detail?: string }): Promise<void>;
  doneSteps(day: string): Promise<JobStep[]>;
  /** The newest day whose job ran to the end, for catching up after downtime. */
  lastCompletedDay(): Promise<string | undefined>;
}
