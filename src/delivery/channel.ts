/**
 * @module delivery/channel
 * What every delivery channel (email, Telegram) reports back, so the daily job, the CLI and the
 * logs treat them alike.
 */

export interface DeliverySummary {
  channel: 'email' | 'email-weekly' | 'telegram';
  editionDate: string;
  /** Rows in the delivery log for this edition × channel after planning. */
  planned: number;
  sent: number;
  /** Not sent on purpose (unsubscribed or bounced since planning). */
  skipped: number;
  failed: number;
  /** Extra attempts after transient failures. */
  retried: number;
  /** Rows that were already `sent` by an earlier run and were left alone. */
  alreadySent: number;
}

export type DeliveryProgress = (event: {
  done: number;
  total: number;
  recipient: string;
  status: string;
}) => void;
