/**
 * @module subscriptions/email
 * One spelling per address, and only addresses that are safe to put in a mail header. We accept
 * the dot-atom form of RFC 5321/6531 (with Unicode letters in the local part) and reject what is
 * legal but only ever seen in attacks or typos: quoted local parts, IP-literal domains, dotless
 * domains, whitespace and control characters (CR/LF is how header injection starts).
 */
import { domainToASCII } from 'node:url';

const MAX_ADDRESS = 254;
const MAX_LOCAL_OCTETS = 64;
const MAX_LABEL = 63;
/** Anything longer is rejected before any work is done on it. */
const MAX_RAW = 1024;

/** C0/C1 controls, format characters (zero-width, bidi), line and paragraph separators. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const WHITESPACE = /[\s\p{Zs}]/u;
/** RFC 5322 atext plus the letters, marks and digits RFC 6531 allows beyond ASCII. */
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\p{L}\p{M}\p{N}]+$/u;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * The address in its stored form (trimmed, NFC, domain lower-cased and in punycode, local part
 * as given), or undefined when it is not one we will write to.
 */
export function normaliseEmail(raw: string): string | undefined {
  if (raw.length > MAX_RAW || /[\r\n]/.test(raw)) return undefined;
  const text = raw.trim().normalize('NFC');
  if (FORBIDDEN.test(text) || WHITESPACE.test(text)) return undefined;
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@')) return undefined;
  const local = localPart(text.slice(0, at));
  const domain = asciiDomain(text.slice(at + 1));
  if (local === undefined || domain === undefined) return undefined;
  const address = `${local}@${domain}`;
  return address.length <= MAX_ADDRESS ? address : undefined;
}

function localPart(local: string): string | undefined {
  if (Buffer.byteLength(local, 'utf8') > MAX_LOCAL_OCTETS) return undefined;
  const atoms = local.split('.');
  return atoms.every((atom) => LOCAL_ATOM.test(atom)) ? local : undefined;
}

function asciiDomain(domain: string): string | undefined {
  // IDNA also maps full-width dots and letters; an empty result means it was not a domain.
  const ascii = domainToASCII(domain.toLowerCase());
  if (!ascii || ascii.length > MAX_ADDRESS) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2) return undefined;
  if (!labels.every((label) => label.length <= MAX_LABEL && LABEL.test(label))) return undefined;
  // A numeric top-level label means an IP address, not a mailbox domain.
  if (/^\d+$/.test(labels.at(-1) ?? '')) return undefined;
  return ascii;
}
