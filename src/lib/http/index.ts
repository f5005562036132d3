/** @module lib/http — the one HTTP layer: client, errors, record/replay, conditional cache. */
export * from './client.js';
export * from './conditional-cache.js';
export * from './errors.js';
export * from './har.js';
export * from './rate-limit.js';
export type * from './types.js';
