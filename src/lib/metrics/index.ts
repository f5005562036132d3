/** @module lib/metrics — the events stages report (metrics.ts) and their Prometheus families (prometheus.ts). */
export * from './metrics.js';
export * from './prometheus.js';
