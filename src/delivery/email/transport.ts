/**
 * @module delivery/email/transport
 * The pooled SMTP transport built from EmailSettings, and the one place that knows the SMTP
 * password, so every error message that leaves this folder can be scrubbed of it.
 */
import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailSettings } from '../../config/schema.js';
import { MorningPostError } from '../../core/errors.js';

export type MailTransport = Transporter;

interface SmtpEndpoint {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  pass: string | undefined;
}

function parseSmtpUrl(smtpUrl: string | undefined): SmtpEndpoint {
  if (!smtpUrl) {
    throw new MorningPostError('CONFIG_INVALID', 'Email delivery needs an SMTP server, and none is set.', {
      hint: 'Set SMTP_URL, e.g. smtp://user:password@mail.example.org:587 (smtps://… for port 465).',
    });
  }
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch (cause) {
    throw new MorningPostError('CONFIG_INVALID', 'SMTP_URL is not a valid URL.', {
      hint: 'Use smtp://user:password@host:587; percent-encode special characters in the password.',
      cause: new Error(redactSecret(String(cause), smtpUrl)),
    });
  }
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    pass: url.password ? decodeURIComponent(url.password) : undefined,
  };
}

function readDkimKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new MorningPostError('CONFIG_INVALID', `The DKIM private key file ${file} cannot be read.`, {
      hint: 'Point email.dkim.privateKeyFile at a PEM file this process can read.',
      cause,
    });
  }
}

/**
 * A pooled transport: `poolSize` connections, each reused for up to 100 messages. The pool's own
 * silent re-queueing is off (`maxRequeues: 0`) so that every retry goes through the delivery log
 * and is counted there; file and URL access are off because no message of ours attaches files.
 */
export function createMailTransport(settings: EmailSettings): MailTransport {
  const endpoint = parseSmtpUrl(settings.smtpUrl);
  const dkim = settings.dkim
    ? {
        domainName: settings.dkim.domainName,
        keySelector: settings.dkim.keySelector,
        privateKey: readDkimKey(settings.dkim.privateKeyFile),
      }
    : undefined;
  return nodemailer.createTransport({
    pool: true,
    maxConnections: settings.poolSize,
    maxMessages: 100,
    maxRequeues: 0,
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    ...(endpoint.user ? { auth: { user: endpoint.user, pass: endpoint.pass ?? '' } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    ...(dkim ? { dkim } : {}),
  });
}

function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  let out = text;
  for (const form of forms) if (form.length >= 3) out = out.split(form).join('****');
  return out;
}

/** Removes the SMTP password (as given, percent-encoded or base64, as AUTH sends it) from a text. */
export function smtpRedactor(settings: EmailSettings): (text: string) => string {
  let pass: string | undefined;
  try {
    pass = settings.smtpUrl ? parseSmtpUrl(settings.smtpUrl).pass : undefined;
  } catch {
    pass = settings.smtpUrl?.match(/:\/\/[^:@/]*:([^@/]+)@/)?.[1];
  }
  return (text) => redactSecret(text, pass);
}
