/**
 * @module delivery/email/confirm
 * The double opt-in email: one message, sent while the subscriber waits, so it is retried briefly
 * and then reported instead of queued.
 */
import { randomBytes } from 'node:crypto';
import type { EmailSettings } from '../../config/schema.js';
import type { Clock } from '../../core/clock.js';
import { MorningPostError } from '../../core/errors.js';
import {
  type ConfirmationEmailInput,
  type RenderedEmail,
  renderConfirmationEmail,
} from '../../renderers/email/index.js';
import type { SubscriberStore } from '../../store/delivery-contract.js';
import { issueToken, tokenUrl } from '../../subscriptions/tokens.js';
import { backoffDelay, classifySmtpError } from './failures.js';
import { assertHeaderSafe, assertSingleAddress, hostOf, senderAddress } from './message.js';
import { createMailTransport, type MailTransport, smtpRedactor } from './transport.js';

const ATTEMPTS = 3;

export interface ConfirmationEmailOptions {
  store: { subscribers: SubscriberStore };
  settings: EmailSettings;
  baseUrl: string;
  clock: Clock;
  email: string;
  subscriberId: number;
  /** A link already made by the caller (the subscription service issues its own token); else one is issued here. */
  confirmUrl?: string;
  transport?: MailTransport;
  render?: (input: ConfirmationEmailInput) => RenderedEmail;
  /** Tries in this call (3 by default); the queue's job makes one and retries the job instead. */
  attempts?: number;
}

/** Issues a confirm token valid for `confirmTtlHours` (unless a link is given) and sends the email. */
export async function sendConfirmationEmail(options: ConfirmationEmailOptions): Promise<void> {
  const { settings, clock, email } = options;
  assertSingleAddress('To', email);
  const from = senderAddress(settings);
  let confirmUrl = options.confirmUrl;
  if (!confirmUrl) {
    const now = clock.now();
    const token = await issueToken(options.store.subscribers, {
      subscriberId: options.subscriberId,
      purpose: 'confirm',
      expiresAt: new Date(now.getTime() + settings.confirmTtlHours * 3_600_000).toISOString(),
      at: now.toISOString(),
    });
    confirmUrl = tokenUrl(options.baseUrl, '/confirm', token);
  }
  const render = options.render ?? renderConfirmationEmail;
  const rendered = render({
    baseUrl: options.baseUrl,
    confirmUrl,
    email,
    expiresHours: settings.confirmTtlHours,
  });
  assertHeaderSafe('Subject', rendered.subject);
  const message = {
    from: settings.from,
    to: { name: '', address: email },
    subject: rendered.subject,
    date: clock.now(),
    messageId: `<confirm-${options.subscriberId}.${randomBytes(8).toString('hex')}@${hostOf(options.baseUrl)}>`,
    text: rendered.text,
    html: rendered.html,
    envelope: { from, to: [email] },
  };

  const transport = options.transport ?? createMailTransport(settings);
  const redact = smtpRedactor(settings);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await transport.sendMail(message);
        return;
      } catch (error) {
        const failure = classifySmtpError(error, redact);
        const retry =
          (failure.kind === 'transient' || failure.kind === 'connection') &&
          attempt < (options.attempts ?? ATTEMPTS);
        if (!retry) {
          throw new MorningPostError(
            'HTTP_NETWORK',
            `The confirmation email was not sent: ${failure.description}`,
            {
              hint:
                failure.kind === 'fatal' ? 'Check SMTP_URL and MAIL_FROM.' : 'Try subscribing again later.',
              retryable: failure.kind !== 'permanent' && failure.kind !== 'invalid',
            },
          );
        }
        await clock.sleep(backoffDelay(attempt) / 4);
      }
    }
  } finally {
    if (!options.transport) transport.close();
  }
}

/**
 * The `sendConfirmation` the subscription service takes: it has issued the token already, so this
 * only sends the link it made.
 */
export function confirmationSender(
  options: Omit<ConfirmationEmailOptions, 'email' | 'subscriberId' | 'confirmUrl'>,
) {
  return (input: { email: string; confirmUrl: string; subscriberId: number }): Promise<void> =>
    sendConfirmationEmail({ ...options, ...input });
}
