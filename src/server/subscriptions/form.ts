/**
 * @module server/subscriptions/form
 * What a form post must pass before anything reads it: the media type, the size (checked while
 * reading, so a huge body is never held), where it was posted from, and one-line UTF-8 fields.
 */
import type { IncomingMessage } from 'node:http';

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** `application/x-www-form-urlencoded`, with no charset or a UTF-8 one. */
export function isUrlEncodedForm(req: IncomingMessage): boolean {
  const [type = '', ...params] = (req.headers['content-type'] ?? '').split(';');
  if (type.trim().toLowerCase() !== FORM_MEDIA_TYPE) return false;
  return params.every((param) => {
    const [name = '', value = ''] = param.split('=');
    return name.trim().toLowerCase() !== 'charset' || /^"?utf-8"?$/i.test(value.trim());
  });
}

/** True when a declared Content-Length already exceeds the limit, before any byte is read. */
export function declaresTooMuch(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads the body up to `limit` bytes; stops listening the moment it is exceeded. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ ok: false, reason: 'too-large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks) });
    const onAbort = () => finish({ ok: false, reason: 'aborted' });
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort);
  });
}

export type FormResult = { ok: true; fields: URLSearchParams } | { ok: false; reason: string };

/**
 * Decodes a urlencoded body. Invalid UTF-8 and line breaks in any field are refused: a value that
 * could end a mail header line never reaches the code that writes one.
 */
export function parseForm(body: Buffer): FormResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, reason: 'The form could not be read. Please type the address again.' };
  }
  const fields = new URLSearchParams(text);
  for (const [name, value] of fields) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value))
      return { ok: false, reason: 'The address must be on one line, without line breaks.' };
  }
  return { ok: true, fields };
}

/**
 * A browser names the page a form was posted from (Origin, or failing that Referer). When it
 * does, that page must be ours: the public address, or the host the request was sent to (the
 * same server reached by another name, e.g. localhost). Requests naming neither (curl, old
 * browsers, strict referrer settings) pass: they carry no cross-site ambient authority anyway.
 */
export function fromOwnOrigin(req: IncomingMessage, publicOrigin: string): boolean {
  const origin = req.headers.origin;
  const claimed = origin ?? req.headers.referer;
  if (claimed === undefined) return true;
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    // `Origin: null` (sandboxed frames, some redirects) lands here: not provably ours.
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.origin === publicOrigin) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    // Parsing the Host with the claimed scheme drops a default port written out (`:443`).
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}
