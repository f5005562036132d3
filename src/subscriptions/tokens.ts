/**
 * @module subscriptions/tokens
 * Subscription tokens: 32 random bytes, given out once (in a link) and stored only as their
 * SHA-256, so a copy of the database cannot confirm or unsubscribe anyone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SubscriberStore, TokenPurpose } from '../store/delivery-contract.js';

/** base64url of 32 bytes: 43 characters from [A-Za-z0-9_-]. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/**
 * How long a "manage your subscription" link works. Each email carries a fresh one, so a daily
 * reader's newest link is a day old and a weekly reader's a week; an old email's link stops working
 * after this, and expired ones are pruned when the next delivery is planned.
 */
export const MANAGE_TOKEN_DAYS = 60;

/** Makes a token, stores its hash for the purpose, and returns the token for the link. */
export async function issueToken(
  subscribers: SubscriberStore,
  input: { subscriberId: number; purpose: TokenPurpose; expiresAt: string | null; at: string },
): Promise<string> {
  const { token, hash } = newToken();
  await subscribers.saveToken({ ...input, tokenHash: hash });
  return token;
}

/** Links carry tokens in the query: `/confirm?token=…`, `/unsubscribe?token=…`, `/manage?token=…`. */
export function tokenUrl(
  baseUrl: string,
  path: '/confirm' | '/unsubscribe' | '/manage',
  token: string,
): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
  url.searchParams.set('token', token);
  return url.toString();
}
