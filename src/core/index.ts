/** @module core — shared domain types, errors and the clock. */
export * from './clock.js';
export * from './errors.js';
export * from './item.js';
