/**
 * @module subscriptions/service
 * Double opt-in: a web or CLI request stores the address as `pending` and mails a confirmation
 * link; following the link confirms it; a permanent link in every email unsubscribes. The world
 * (store, clock, the mail sender) is passed in, so the HTTP routes and tests share this code.
 */
import type { Clock } from '../core/clock.js';
import type { SubscriberStore, TokenPurpose } from '../store/delivery-contract.js';
import { normaliseEmail } from './email.js';
import { hashToken, issueToken, newToken, TOKEN_PATTERN, tokenUrl } from './tokens.js';

export interface ConfirmationMessage {
  /** The normalised address. */
  email: string;
  /** `<site.url>/confirm?token=…`; valid for `confirmTtlHours`, once. */
  confirmUrl: string;
  subscriberId: number;
}

export interface SubscriptionDeps {
  store: { subscribers: SubscriberStore };
  clock: Clock;
  /** The public address (site.url) the links start with. */
  baseUrl: string;
  confirmTtlHours: number;
  /** Sends the confirmation email; the SMTP channel provides the real one. */
  sendConfirmation(message: ConfirmationMessage): Promise<void>;
}

export type SubscribeSource = 'web-form' | 'cli';
export type SubscribeOutcome = 'pending' | 'already-confirmed' | 'invalid';

const HOUR_MS = 3_600_000;
/** At most one confirmation email per address in this long: the first link is still good. */
export const CONFIRMATION_INTERVAL_MS = 10 * 60_000;
/** And at most this many a day, so many clients cannot mail-bomb one address. */
export const CONFIRMATIONS_PER_DAY = 5;

export async function subscribe(
  deps: SubscriptionDeps,
  input: { email: string; source: SubscribeSource; ip?: string },
): Promise<{ outcome: SubscribeOutcome; linkQueued?: boolean }> {
  const email = normaliseEmail(input.email);
  if (!email) return { outcome: 'invalid' };
  const now = deps.clock.now();
  // Every request makes a token and runs the same statements (the store saves the token only
  // when a link may go out): new, pending and confirmed addresses take the same time to answer.
  // Asking again while pending sends a fresh link (the first may be lost or expired), but not
  // within ten minutes of the last, nor past the daily cap; the limit lives in the store, shared
  // by every instance.
  const { token, hash } = newToken();
  const { subscriber, tokenSaved } = await deps.store.subscribers.requestConfirmation({
    email,
    consentSource: input.source,
    consentIp: input.ip ?? null,
    at: now.toISOString(),
    token: { hash, expiresAt: new Date(now.getTime() + deps.confirmTtlHours * HOUR_MS).toISOString() },
    limits: { intervalMs: CONFIRMATION_INTERVAL_MS, perDay: CONFIRMATIONS_PER_DAY },
  });
  if (subscriber.status === 'confirmed') return { outcome: 'already-confirmed' };
  if (!tokenSaved) return { outcome: 'pending', linkQueued: false }; // held back by the limits above
  await deps.sendConfirmation({
    email: subscriber.email,
    confirmUrl: tokenUrl(deps.baseUrl, '/confirm', token),
    subscriberId: subscriber.id,
  });
  return { outcome: 'pending', linkQueued: true };
}

export async function confirm(
  deps: Pick<SubscriptionDeps, 'store' | 'clock'>,
  token: string,
): Promise<'confirmed' | 'invalid'> {
  if (!TOKEN_PATTERN.test(token)) return 'invalid';
  const now = deps.clock.now().toISOString();
  const found = await deps.store.subscribers.findToken({
    tokenHash: hashToken(token),
    purpose: 'confirm',
    now,
    consume: true,
  });
  if (!found) return 'invalid';
  const subscriber = await deps.store.subscribers.get(found.subscriberId);
  if (!subscriber) return 'invalid';
  if (subscriber.status === 'confirmed') return 'confirmed';
  // An unsubscribe (or bounce) that came after the link was sent is the newer wish: keep it.
  if (subscriber.status !== 'pending') return 'invalid';
  await deps.store.subscribers.setStatus(subscriber.id, 'confirmed', now);
  return 'confirmed';
}

/**
 * Whether a token would be accepted now, without acting on it: the unsubscribe page shows its
 * button only for a real link, and a HEAD on a confirmation link must not use it up.
 */
export async function isLiveToken(
  deps: Pick<SubscriptionDeps, 'store' | 'clock'>,
  purpose: TokenPurpose,
  token: string,
): Promise<boolean> {
  return (await findToken(deps, purpose, token)) !== undefined;
}

/** Idempotent: the link in an old email keeps working and keeps saying "unsubscribed". */
export async function unsubscribe(
  deps: Pick<SubscriptionDeps, 'store' | 'clock'>,
  token: string,
): Promise<'unsubscribed' | 'invalid'> {
  const subscriberId = await findToken(deps, 'unsubscribe', token);
  if (subscriberId === undefined) return 'invalid';
  const subscriber = await deps.store.subscribers.get(subscriberId);
  if (!subscriber) return 'invalid';
  if (subscriber.status !== 'unsubscribed') {
    await deps.store.subscribers.setStatus(subscriber.id, 'unsubscribed', deps.clock.now().toISOString());
  }
  return 'unsubscribed';
}

/**
 * A permanent unsubscribe link for one subscriber, for the List-Unsubscribe header and the footer
 * of each email. Tokens are stored hashed, so a link can only be made anew, never looked up.
 */
export async function unsubscribeUrl(
  deps: Pick<SubscriptionDeps, 'store' | 'clock' | 'baseUrl'>,
  subscriberId: number,
): Promise<string> {
  const token = await issueToken(deps.store.subscribers, {
    subscriberId,
    purpose: 'unsubscribe',
    expiresAt: null,
    at: deps.clock.now().toISOString(),
  });
  return tokenUrl(deps.baseUrl, '/unsubscribe', token);
}

async function findToken(
  deps: Pick<SubscriptionDeps, 'store' | 'clock'>,
  purpose: TokenPurpose,
  token: string,
): Promise<number | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const found = await deps.store.subscribers.findToken({
    tokenHash: hashToken(token),
    purpose,
    now: deps.clock.now().toISOString(),
  });
  return found?.subscriberId;
}
