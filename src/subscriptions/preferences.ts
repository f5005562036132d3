/**
 * @module subscriptions/preferences
 * A reader's own edition, managed through the link in every email: the `manage` token finds the
 * reader (without using the token up: the page is read, then posted, and an old email's link
 * works until it expires), and a posted form, validated narrowly, saves the cadence and topics.
 * Only a confirmed reader can change anything: someone who left subscribes again first.
 */
import { z } from 'zod';
import {
  CADENCES,
  normaliseTopics,
  type ReaderPreferences,
  TOPIC_DOMAINS,
  TOPIC_SOURCE_IDS,
} from '../core/reader.js';
import type { SubscriberRecord } from '../store/delivery-contract.js';
import type { SubscriptionDeps } from './service.js';
import { hashToken, issueToken, MANAGE_TOKEN_DAYS, TOKEN_PATTERN, tokenUrl } from './tokens.js';

type Deps = Pick<SubscriptionDeps, 'store' | 'clock'>;

/** The confirmed reader a manage token belongs to; undefined for a bad, expired or orphaned token. */
export async function readerByManageToken(deps: Deps, token: string): Promise<SubscriberRecord | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const found = await deps.store.subscribers.findToken({
    tokenHash: hashToken(token),
    purpose: 'manage',
    now: deps.clock.now().toISOString(),
  });
  if (!found) return undefined;
  const subscriber = await deps.store.subscribers.get(found.subscriberId);
  return subscriber?.status === 'confirmed' ? subscriber : undefined;
}

const ManageFormSchema = z.object({
  token: z.string(),
  cadence: z.enum(CADENCES, { error: 'Choose daily or weekly.' }),
  domains: z.array(z.enum(TOPIC_DOMAINS)).max(TOPIC_DOMAINS.length * 2),
  sources: z.array(z.enum(TOPIC_SOURCE_IDS)).max(TOPIC_SOURCE_IDS.length * 2),
});

export type ManageForm =
  | { ok: true; token: string; preferences: ReaderPreferences }
  | { ok: false; token: string; error: string };

/** The posted form's fields (`token`, `cadence`, repeated `domain` and `source`), checked. */
export function parseManageForm(fields: URLSearchParams): ManageForm {
  const tokens = fields.getAll('token');
  const token = tokens.length === 1 ? (tokens[0] as string) : '';
  const cadences = fields.getAll('cadence');
  const parsed = ManageFormSchema.safeParse({
    token,
    cadence: cadences.length === 1 ? cadences[0] : undefined,
    domains: fields.getAll('domain'),
    sources: fields.getAll('source'),
  });
  if (parsed.success) {
    const { cadence, domains, sources } = parsed.data;
    return { ok: true, token, preferences: { cadence, topics: normaliseTopics({ domains, sources }) } };
  }
  const issue = parsed.error.issues[0];
  const [field, index] = issue?.path ?? [];
  if ((field === 'domains' || field === 'sources') && typeof index === 'number') {
    const value = fields.getAll(field === 'domains' ? 'domain' : 'source')[index] ?? '';
    return {
      ok: false,
      token,
      error: `“${value.slice(0, 60)}” is not a topic we offer. Choose from the list.`,
    };
  }
  if (field === 'cadence') return { ok: false, token, error: 'Choose daily or weekly.' };
  return { ok: false, token, error: 'The form could not be read. Please choose again.' };
}

/** Saves the reader's choice; false when the token no longer finds a confirmed reader. */
export async function savePreferences(
  deps: Deps,
  token: string,
  preferences: ReaderPreferences,
): Promise<SubscriberRecord | undefined> {
  const reader = await readerByManageToken(deps, token);
  if (!reader) return undefined;
  await deps.store.subscribers.setPreferences(reader.id, preferences, deps.clock.now().toISOString());
  return { ...reader, cadence: preferences.cadence, topics: preferences.topics };
}

/** A fresh "manage your subscription" link for a reader (the confirmation page shows one). */
export async function manageUrl(
  deps: Deps & Pick<SubscriptionDeps, 'baseUrl'>,
  subscriberId: number,
): Promise<string> {
  const now = deps.clock.now();
  const token = await issueToken(deps.store.subscribers, {
    subscriberId,
    purpose: 'manage',
    expiresAt: new Date(now.getTime() + MANAGE_TOKEN_DAYS * 86_400_000).toISOString(),
    at: now.toISOString(),
  });
  return tokenUrl(deps.baseUrl, '/manage', token);
}

/** Whose confirmation link this is, while it is unused; undefined otherwise. Looks, never uses. */
export async function confirmLinkOwner(deps: Deps, token: string): Promise<number | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const found = await deps.store.subscribers.findToken({
    tokenHash: hashToken(token),
    purpose: 'confirm',
    now: deps.clock.now().toISOString(),
  });
  return found?.subscriberId;
}
