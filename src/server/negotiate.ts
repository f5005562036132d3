/**
 * @module server/negotiate
 * Accept-Encoding negotiation (RFC 9110 §12.5.3) for the codings we produce: br and gzip.
 */

export type Encoding = 'br' | 'gzip' | 'identity';

/** Server preference when the client weighs codings equally: brotli is smaller. */
const CODINGS = ['br', 'gzip'] as const;
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** Coding (lower case) → q. Malformed members are ignored, as if absent. */
export function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const member of header.split(',')) {
    const [codingPart, ...params] = member.split(';');
    const coding = codingPart?.trim().toLowerCase();
    if (!coding) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const [name, value] = param.split('=').map((part) => part.trim());
      if (name?.toLowerCase() !== 'q') continue;
      if (value === undefined || !QVALUE.test(value)) valid = false;
      else q = Number(value);
    }
    const name = coding === 'x-gzip' ? 'gzip' : coding;
    if (valid && !weights.has(name)) weights.set(name, q);
  }
  return weights;
}

/**
 * The coding to send, or null when nothing acceptable exists (identity refused and no coding we
 * make is accepted), which calls for 406. `worthCompressing` false means identity is preferred
 * whenever the client allows it (small bodies, already-compressed types).
 */
export function negotiateEncoding(header: string | undefined, worthCompressing: boolean): Encoding | null {
  // No header: any coding is allowed, but plain bodies are what old clients expect.
  if (header === undefined) return 'identity';
  const weights = parseAcceptEncoding(header);
  const wildcard = weights.get('*');
  // Unlisted identity stays acceptable (RFC 9110 §12.5.3) but ranks below any coding the client
  // listed; only an explicit weight lets identity win over one.
  const listedIdentity = weights.get('identity') ?? wildcard;
  const identityQ = listedIdentity ?? Number.MIN_VALUE;
  let best: Encoding | undefined;
  let bestQ = 0;
  for (const coding of CODINGS) {
    const q = weights.get(coding) ?? wildcard ?? 0;
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  if (!worthCompressing) return identityQ > 0 ? 'identity' : (best ?? null);
  if (best && bestQ >= identityQ) return best;
  return identityQ > 0 ? 'identity' : null;
}

/** Browsers, CDNs and crawlers send a handful of distinct headers: each is parsed once. */
const REMEMBERED_HEADERS = 256;
const remembered = new Map<string, readonly [worth: Encoding | null, notWorth: Encoding | null]>();

/** `negotiateEncoding`, answered from memory for a header seen before. */
export function negotiateEncodingCached(
  header: string | undefined,
  worthCompressing: boolean,
): Encoding | null {
  if (header === undefined) return 'identity';
  let choices = remembered.get(header);
  if (!choices) {
    choices = [negotiateEncoding(header, true), negotiateEncoding(header, false)];
    // Past the limit new headers are parsed each time rather than growing memory without end.
    if (remembered.size < REMEMBERED_HEADERS) remembered.set(header, choices);
  }
  return worthCompressing ? choices[0] : choices[1];
}
