/**
 * @module delivery/email
 * The email channel: a pooled SMTP transport, the edition delivered through the delivery log
 * (exactly once but for one documented window, see send-row.ts), and the confirmation email.
 */
export { type ConfirmationEmailOptions, confirmationSender, sendConfirmationEmail } from './confirm.js';
export { type DeliverEmailOptions, deliverEditionByEmail } from './deliver.js';
export { backoffDelay, classifySmtpError, type FailureKind, type SmtpFailure } from './failures.js';
export { editionMessage, editionMessageId, UnsafeHeaderError } from './message.js';
export type { EditionEmailRenderer, EmailDeliveryStore } from './send-row.js';
export { createMailTransport, type MailTransport, smtpRedactor } from './transport.js';
