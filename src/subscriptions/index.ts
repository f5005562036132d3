/**
 * @module subscriptions
 * Email subscriptions: address normalisation, double opt-in, unsubscribe links, and the
 * operator's list tools (add, import, export).
 */
export { normaliseEmail } from './email.js';
export {
  type AddResult,
  addSubscriber,
  EXPORT_COLUMNS,
  type ImportResult,
  type ImportRow,
  importSubscribers,
  type RosterDeps,
  readImportCsv,
  SUBSCRIBER_STATUSES,
  subscribersCsv,
} from './roster.js';
export {
  type ConfirmationMessage,
  confirm,
  isLiveToken,
  type SubscribeOutcome,
  type SubscribeSource,
  type SubscriptionDeps,
  subscribe,
  unsubscribe,
  unsubscribeUrl,
} from './service.js';
export { hashToken, issueToken, newToken, TOKEN_PATTERN, tokenUrl } from './tokens.js';
