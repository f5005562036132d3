/**
 * @module delivery/email/confirm-job
 * Confirmation emails through the job queue: `subscribe` enqueues the link (queuedConfirmations)
 * and answers at once; a worker (the `worker` command, or `serve` itself) sends it, one attempt per
 * try of the job, retried with backoff by the queue (CONFIRMATION_POLICY). Every step is recorded
 * in the store (`queued`, `retrying`, `sent`, `failed` with the attempts and the last error), so a
 * link that could not be sent shows in `subscribers list` and `subscribers resend-confirmation`
 * sends a new one. The process holds no send of its own: however long the SMTP server hangs, the
 * waiting work is rows in the queue, and only `concurrency` sends are in flight.
 */
import type { EmailSettings } from '../../config/schema.js';
import type { Clock } from '../../core/clock.js';
import { describeError, MorningPostError } from '../../core/errors.js';
import type { Logger } from '../../lib/logger.js';
import { CONFIRMATION_EMAIL, type ConfirmationEmailJob } from '../../queue/jobs.js';
import type { JobHandler, Queue } from '../../queue/queue.js';
import type { SubscriberStore } from '../../store/delivery-contract.js';
import type { ConfirmationMessage } from '../../subscriptions/service.js';
import { sendConfirmationEmail } from './confirm.js';
import type { MailTransport } from './transport.js';

/** The subscription service's `sendConfirmation`: queue the link, record it as `queued`. */
export function queuedConfirmations(deps: {
  queue: Queue;
  store: { subscribers: SubscriberStore };
  clock: Clock;
}): (message: ConfirmationMessage) => Promise<void> {
  return async (message) => {
    await deps.queue.send<ConfirmationEmailJob>(CONFIRMATION_EMAIL, {
      subscriberId: message.subscriberId,
      email: message.email,
      confirmUrl: message.confirmUrl,
    });
    await deps.store.subscribers.recordConfirmationSend({
      subscriberId: message.subscriberId,
      status: 'queued',
      attempts: 0,
      error: null,
      at: deps.clock.now().toISOString(),
    });
  };
}

/** Works CONFIRMATION_EMAIL jobs: one attempt per try, the outcome recorded in the store. */
export function confirmationHandler(deps: {
  store: { subscribers: SubscriberStore };
  settings: EmailSettings;
  baseUrl: string;
  clock: Clock;
  log: Logger;
  transport: MailTransport;
}): JobHandler<ConfirmationEmailJob> {
  const record = (
    job: ConfirmationEmailJob,
    status: 'sent' | 'retrying' | 'failed',
    attempts: number,
    error: string | null,
  ) =>
    deps.store.subscribers.recordConfirmationSend({
      subscriberId: job.subscriberId,
      status,
      attempts,
      error,
      at: deps.clock.now().toISOString(),
    });
  return async (job) => {
    const subscriber = await deps.store.subscribers.get(job.data.subscriberId);
    // Confirmed by an earlier link, unsubscribed or erased since: nothing to send.
    if (subscriber?.status !== 'pending') return;
    const attempts = job.retryCount + 1;
    try {
      await sendConfirmationEmail({
        store: deps.store,
        settings: deps.settings,
        baseUrl: deps.baseUrl,
        clock: deps.clock,
        email: job.data.email,
        subscriberId: job.data.subscriberId,
        confirmUrl: job.data.confirmUrl,
        transport: deps.transport,
        attempts: 1,
      });
    } catch (error) {
      const retryable = !(error instanceof MorningPostError) || error.retryable;
      const final = !retryable || job.retryCount >= job.retryLimit;
      const reason = error instanceof Error ? error.message : String(error);
      await record(job.data, final ? 'failed' : 'retrying', attempts, reason);
      deps.log.warn(final ? 'confirmation email failed for good' : 'confirmation email failed; retrying', {
        subscriberId: job.data.subscriberId,
        attempts,
        error: describeError(error),
      });
      if (final) return; // recorded as failed: `subscribers resend-confirmation` sends a new link
      throw error;
    }
    await record(job.data, 'sent', attempts, null);
  };
}
