/** @module config — one file plus the environment, validated. */
export * from './load.js';
export * from './mask.js';
export * from './schema.js';
