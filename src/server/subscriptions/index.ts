/**
 * @module server/subscriptions
 * The subscribe, confirm and unsubscribe endpoints, as routes for `startServer({ routes })`.
 */
export {
  type RateDecision,
  type RateLimit,
  RateLimiter,
  type RateLimiting,
  StoreRateLimiter,
} from './rate-limit.js';
export { DEFAULT_SUBSCRIBE_LIMIT, type SubscriptionRouteOptions, subscriptionRoutes } from './routes.js';
