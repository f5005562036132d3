/**
 * @module core/vocabulary
 * One vocabulary for the whole Post: numbers, dates, section, source and domain names, and how a
 * metric is shown. Writers, the fact-check and every renderer print through these, so the same
 * value reads the same in the prose, on the chart beside it, in the email and on Telegram.
 */
export * from './dates.js';
export * from './metrics.js';
export * from './names.js';
export * from './numbers.js';
