/**
 * @module delivery/email/send-row
 * One row of the delivery log, from `pending` (or `sending`, left by a crash) to its outcome.
 *
 * Exactly once: the row is marked `sending` (and the attempt counted) before the message goes out
 * and `sent` only after the server's 250 reply. A row found `sending` at the next run is in doubt and
 * is sent again with the same Message-ID. The only window for a duplicate is a kill between the
 * server accepting the message and our write of `sent`; the shared Message-ID lets mailboxes and
 * filters recognise the copy.
 */
import type { SendMailOptions } from 'nodemailer';
import type { EmailSettings } from '../../config/schema.js';
import type { Clock } from '../../core/clock.js';
import type { Edition } from '../../core/edition.js';
import { MorningPostError } from '../../core/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { Metrics } from '../../lib/metrics/metrics.js';
import type { EmailLinks, RenderedEmail } from '../../renderers/email/index.js';
import type { DeliveryLog, DeliveryRecord, SubscriberStore } from '../../store/delivery-contract.js';
import { issueToken, MANAGE_TOKEN_DAYS, tokenUrl } from '../../subscriptions/tokens.js';
import type { DeliverySummary } from '../channel.js';
import { backoffDelay, classifySmtpError, type SmtpFailure } from './failures.js';
import { editionMessage, editionMessageId, UnsafeHeaderError } from './message.js';
import type { ReaderRender } from './render-once.js';
import type { MailTransport } from './transport.js';

export type EmailDeliveryStore = { subscribers: SubscriberStore; deliveries: DeliveryLog };
export type EditionEmailRenderer = (edition: Edition, links: EmailLinks) => RenderedEmail;

/** The email channels: the daily edition, and the weekly edition (its own rows and Message-IDs). */
export type EmailChannel = 'email' | 'email-weekly';
/** Who reads each channel: a weekly reader never gets the daily edition, nor a daily one the weekly. */
export const CADENCE_OF = { email: 'daily', 'email-weekly': 'weekly' } as const;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What every row of one run shares. `halt` stops the other workers taking new rows. */
export interface RowContext {
  store: EmailDeliveryStore;
  /** The day being sent and on which channel (the daily edition, or the week ending that day). */
  letter: { date: string; channel: EmailChannel };
  settings: EmailSettings;
  baseUrl: string;
  clock: Clock;
  log: Logger;
  transport: MailTransport;
  /** The subscriber's email from their links and topics (see render-once.ts). */
  render: ReaderRender;
  sleep: Sleep;
  random: () => number;
  redact: (text: string) => string;
  signal: AbortSignal | undefined;
  /** Waits for this address's domain's turn (email.perDomainRate); none when unpaced. */
  pace?: ((email: string, signal?: AbortSignal) => Promise<void>) | undefined;
  summary: DeliverySummary;
  metrics: Metrics;
  halt(error: unknown): void;
  stopped(): boolean;
  finished(row: DeliveryRecord, status: string): void;
}

export async function sendRow(ctx: RowContext, row: DeliveryRecord): Promise<void> {
  const { store, clock } = ctx;
  const at = () => clock.now().toISOString();
  const subscriber = row.subscriberId === null ? undefined : await store.subscribers.get(row.subscriberId);
  const cadence = CADENCE_OF[ctx.letter.channel];
  if (subscriber?.status !== 'confirmed' || subscriber.cadence !== cadence) {
    // A reader who switched cadence after the rows were planned gets the edition they now chose.
    const error = !subscriber
      ? 'subscriber was erased'
      : subscriber.status !== 'confirmed'
        ? `subscriber is ${subscriber.status}`
        : `subscriber chose the ${subscriber.cadence} edition`;
    await store.deliveries.finish(row.id, { status: 'skipped', error }, at());
    ctx.summary.skipped += 1;
    ctx.metrics.delivery('email', 'skipped');
    return ctx.finished(row, 'skipped');
  }

  const { letter } = ctx;
  const messageId = editionMessageId(letter.date, subscriber.id, ctx.baseUrl, letter.channel);
  let message: SendMailOptions;
  try {
    const token = await issueToken(store.subscribers, {
      subscriberId: subscriber.id,
      purpose: 'unsubscribe',
      expiresAt: null,
      at: at(),
    });
    const unsubscribeUrl = tokenUrl(ctx.baseUrl, '/unsubscribe', token);
    const manageToken = await issueToken(store.subscribers, {
      subscriberId: subscriber.id,
      purpose: 'manage',
      expiresAt: new Date(clock.now().getTime() + MANAGE_TOKEN_DAYS * 86_400_000).toISOString(),
      at: at(),
    });
    const manageUrl = tokenUrl(ctx.baseUrl, '/manage', manageToken);
    const rendered = ctx.render({ unsubscribeUrl, manageUrl }, subscriber.topics);
    message = editionMessage({
      settings: ctx.settings,
      baseUrl: ctx.baseUrl,
      to: subscriber.email,
      messageId,
      unsubscribeUrl,
      rendered,
      date: clock.now(),
    });
  } catch (error) {
    if (!(error instanceof UnsafeHeaderError)) throw error;
    if (error.header === 'To') {
      await store.deliveries.finish(row.id, { status: 'failed', error: error.message }, at());
      ctx.summary.failed += 1;
      ctx.metrics.delivery('email', 'failed');
      ctx.log.warn('email not sent: unsafe address', { recipient: row.recipient });
      return ctx.finished(row, 'failed');
    }
    // The subject and sender are the same in every message: nothing can go out until they are fixed.
    ctx.halt(
      new MorningPostError('UPSTREAM_INVALID', `The edition email cannot be sent: ${error.message}.`, {
        hint: 'The renderer must not put line breaks in the subject; check MAIL_FROM and the unsubscribe mailbox.',
      }),
    );
    return;
  }

  let attempts = row.attempts;
  for (;;) {
    if (ctx.pace) {
      try {
        await ctx.pace(subscriber.email, ctx.signal);
      } catch {
        return ctx.finished(row, 'pending'); // stopped while waiting for the domain's turn: not begun
      }
    }
    if (!(await store.deliveries.begin(row.id, at()))) return ctx.finished(row, 'finished elsewhere');
    attempts += 1;
    let failure: SmtpFailure;
    try {
      await ctx.transport.sendMail(message);
      await store.deliveries.finish(row.id, { status: 'sent', messageId, error: null }, at());
      ctx.metrics.delivery('email', 'sent');
      if (subscriber.bounceCount > 0) await store.subscribers.resetBounces(subscriber.id);
      ctx.summary.sent += 1;
      return ctx.finished(row, 'sent');
    } catch (error) {
      failure = classifySmtpError(error, ctx.redact);
    }
    if (!(await settleFailure(ctx, row, subscriber.id, failure, attempts))) return;
    ctx.summary.retried += 1;
    ctx.metrics.deliveryRetry('email');
    try {
      await ctx.sleep(backoffDelay(attempts, ctx.random), ctx.signal);
    } catch {
      return ctx.finished(row, 'pending'); // aborted while waiting: the row is already `pending`
    }
    if (ctx.stopped()) return ctx.finished(row, 'pending');
  }
}

/** Writes what a failed attempt means; true when the row should be tried again now. */
async function settleFailure(
  ctx: RowContext,
  row: DeliveryRecord,
  subscriberId: number,
  failure: SmtpFailure,
  attempts: number,
): Promise<boolean> {
  const { store, settings, log } = ctx;
  const at = () => ctx.clock.now().toISOString();
  // A permanent refusal by the recipient's server (5xx) is a bounce; the summary counts it as failed.
  const fail = async (outcome: 'failed' | 'bounced' = 'failed') => {
    await store.deliveries.finish(row.id, { status: 'failed', error: failure.description }, at());
    ctx.metrics.delivery('email', outcome);
    ctx.summary.failed += 1;
    ctx.finished(row, 'failed');
  };
  const postpone = async () => {
    await store.deliveries.finish(row.id, { status: 'pending', error: failure.description }, at());
  };

  switch (failure.kind) {
    case 'permanent': {
      await fail('bounced');
      const bounces = await store.subscribers.recordBounce(subscriberId, at());
      if (bounces >= settings.bounceLimit) await store.subscribers.setStatus(subscriberId, 'bounced', at());
      log.warn('email refused', { recipient: row.recipient, error: failure.description, bounces });
      return false;
    }
    case 'invalid':
      await fail();
      log.warn('email not sent', { recipient: row.recipient, error: failure.description });
      return false;
    case 'fatal':
      await postpone();
      ctx.halt(
        new MorningPostError(
          'CONFIG_INVALID',
          `The SMTP server refused the session: ${failure.description}`,
          {
            hint: 'Check SMTP_URL (host, port, user, password) and MAIL_FROM.',
          },
        ),
      );
      ctx.finished(row, 'pending');
      return false;
    default:
      break;
  }
  if (attempts >= settings.maxAttempts) {
    if (failure.kind === 'connection') {
      // The server is gone, not the message bad: keep the row for the next run and stop this one.
      await postpone();
      ctx.halt(
        new MorningPostError('HTTP_NETWORK', `The SMTP server is unreachable: ${failure.description}`, {
          hint: 'Unsent emails stay pending; run the delivery again once the server is back.',
          retryable: true,
        }),
      );
      ctx.finished(row, 'pending');
      return false;
    }
    await fail();
    log.warn('email given up after retries', {
      recipient: row.recipient,
      attempts,
      error: failure.description,
    });
    return false;
  }
  await postpone();
  if (ctx.stopped()) {
    ctx.finished(row, 'pending');
    return false;
  }
  log.debug('email retry', { recipient: row.recipient, attempts, error: failure.description });
  return true;
}
