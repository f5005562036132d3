/**
 * @module server/subscriptions
 * The subscribe, confirm and unsubscribe endpoints, as routes for `startServer({ routes })`.
 */
export type { RateLimit, TrustProxy } from './rate-limit.js';
export { type SubscriptionRouteOptions, subscriptionRoutes } from './routes.js';
