/**
 * @module queue/jobs
 * The jobs the Post queues, their payloads and how each is retried. Payloads are JSON in the
 * queue's table: a confirmation job carries the live confirmation link until it is sent and the
 * retention deletes it (the store keeps only the token's hash, so the link cannot be made again).
 */
import type { QueueSettings } from '../config/schema.js';
import type { QueuePolicy } from './queue.js';

/** One batch of an edition's email: the delivery-log rows `afterId < id <= throughId` still unfinished. */
export const EMAIL_BATCH = 'email-batch';
export interface EmailBatchJob {
  editionDate: string;
  /** `email-weekly`: the week ending `editionDate`; the daily edition when `email` or absent (older jobs). */
  channel?: 'email' | 'email-weekly';
  afterId: number;
  throughId: number;
  /** Rows in the range when it was queued (for progress only). */
  rows: number;
}

/** One confirmation email. */
export const CONFIRMATION_EMAIL = 'confirmation-email';
export interface ConfirmationEmailJob {
  subscriberId: number;
  email: string;
  confirmUrl: string;
}

export function batchPolicy(settings: QueueSettings): QueuePolicy {
  // Rows retry inside a batch (email.maxAttempts); a batch retries when its worker stopped or died.
  return {
    retryLimit: 10,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: settings.batchTimeoutSeconds,
  };
}

/** 5 tries over about 15 minutes (30 s, 1, 2, 4, 8 min with backoff), each given 2 minutes. */
export const CONFIRMATION_POLICY: QueuePolicy = {
  retryLimit: 4,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 120,
};
