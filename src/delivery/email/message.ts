/**
 * @module delivery/email/message
 * The edition email as nodemailer takes it: headers for bulk mail (RFC 2369 List-*, RFC 8058
 * one-click unsubscribe) and a Message-ID derived from the edition and the subscriber, so a resend
 * after a crash carries the same id and the receiving side can recognise the duplicate.
 */
import type { SendMailOptions } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { EmailSettings } from '../../config/schema.js';
import { MorningPostError } from '../../core/errors.js';
import type { RenderedEmail } from '../../renderers/email/index.js';

const LINE_BREAK = /[\r\n\0\u2028\u2029\u0085]/;
/** A bare addr-spec: no display name, comments, lists or whitespace that could smuggle in a second address. */
const BARE_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

export class UnsafeHeaderError extends Error {
  constructor(readonly header: string) {
    super(`${header} carries a line break or is not a single address`);
    this.name = 'UnsafeHeaderError';
  }
}

/** Rejects a header value that could end the header and start another (CR, LF and friends). */
export function assertHeaderSafe(header: string, value: string): void {
  if (LINE_BREAK.test(value)) throw new UnsafeHeaderError(header);
}

/** A subscriber's address must be exactly one plain address, so To can name nobody else. */
export function assertSingleAddress(header: string, value: string): void {
  assertHeaderSafe(header, value);
  if (!BARE_ADDRESS.test(value)) throw new UnsafeHeaderError(header);
}

export function hostOf(baseUrl: string): string {
  return new URL(baseUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost';
}

/**
 * `<edition-2026-08-23.sub-42@post.example.org>` (the weekly edition: `<weekly-…>`): the same for
 * every attempt at one delivery.
 */
export function editionMessageId(
  editionDate: string,
  subscriberId: number,
  baseUrl: string,
  channel: 'email' | 'email-weekly' = 'email',
): string {
  const kind = channel === 'email-weekly' ? 'weekly' : 'edition';
  return `<${kind}-${editionDate}.sub-${subscriberId}@${hostOf(baseUrl)}>`;
}

/** The plain address of the From header, checked once before anything is sent. */
export function senderAddress(settings: EmailSettings): string {
  assertHeaderSafe('From', settings.from);
  const [first] = addressparser(settings.from, { flatten: true });
  const address = first && 'address' in first ? first.address : '';
  if (!address || !BARE_ADDRESS.test(address)) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      'The From address of the email settings is not an address.',
      {
        hint: 'Set MAIL_FROM like "The AI Morning Post <post@example.org>".',
      },
    );
  }
  return address;
}

export interface EditionMessageInput {
  settings: EmailSettings;
  baseUrl: string;
  to: string;
  messageId: string;
  unsubscribeUrl: string;
  rendered: RenderedEmail;
  date: Date;
}

/** Builds the message; throws UnsafeHeaderError when the address or subject could inject headers. */
export function editionMessage(input: EditionMessageInput): SendMailOptions {
  const { settings, rendered } = input;
  assertSingleAddress('To', input.to);
  assertHeaderSafe('Subject', rendered.subject);
  assertHeaderSafe('List-Unsubscribe', input.unsubscribeUrl);
  const from = senderAddress(settings);
  const mailbox = settings.unsubscribeMailbox ?? from;
  assertSingleAddress('List-Unsubscribe', mailbox);
  return {
    from: settings.from,
    to: { name: '', address: input.to },
    subject: rendered.subject,
    date: input.date,
    messageId: input.messageId,
    text: rendered.text,
    html: rendered.html,
    // The envelope is given, not derived from the headers, so only this one address is a recipient.
    envelope: { from, to: [input.to] },
    list: {
      unsubscribe: [[input.unsubscribeUrl, `mailto:${mailbox}?subject=unsubscribe`]],
      id: { url: `morning-post.${hostOf(input.baseUrl)}`, comment: 'The AI Morning Post' },
    },
    headers: {
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      Precedence: 'bulk',
    },
  };
}
