/**
 * @module lib/metrics/metrics
 * What the stages tell the metrics: one method per event, in the stages' own words. Stages receive
 * a `Metrics` through their context, as they receive a logger; `noopMetrics` is the default, so a
 * stage, a test or a one-shot CLI command runs without any. The Prometheus implementation
 * (prometheus.ts) is the one module that names the metric families.
 */
import type { HttpObserver } from '../http/types.js';

export type SourceRunStatus = 'ok' | 'partial' | 'failed' | 'skipped';
/** How one delivery ended: a bounce is a permanent refusal (5xx) by the recipient's server. */
export type DeliveryOutcome = 'sent' | 'failed' | 'bounced' | 'skipped';
export type JobStepOutcome = 'done' | 'stopped' | 'failed';
export type JobRunOutcome = 'done' | 'locked' | 'stopped' | 'failed' | 'lost';

export interface Metrics {
  /** The HTTP client's observer: upstream requests, retries and rate-limit waits. */
  readonly http: Required<HttpObserver>;
  /** A source's collection ended (`skipped`: it was already collected today). */
  sourceRun(run: {
    source: string;
    status: SourceRunStatus;
    items: number;
    durationMs: number;
    at: Date;
  }): void;
  /** An edition was built: how long planning, writing and saving took, and who wrote each section. */
  editionBuilt(build: {
    dataMode: string;
    durationMs: number;
    writers: Record<string, string>;
    at: Date;
  }): void;
  delivery(channel: string, outcome: DeliveryOutcome, count?: number): void;
  /** Deliveries found `sending` at the start of a run: a crash left them, and they are sent again. */
  deliveryInDoubt(channel: string, count: number): void;
  /** A transient failure (4xx, a dropped connection) is about to be retried. */
  deliveryRetry(channel: string): void;
  jobStep(step: { step: string; outcome: JobStepOutcome; durationMs: number }): void;
  jobRun(run: { outcome: JobRunOutcome; at: Date }): void;
  /** One request the server answered; `route` is a route table path, `static`, or `invalid`. */
  request(route: string, status: number, durationMs: number): void;
}

const nothing = () => {};

export const noopMetrics: Metrics = {
  http: { attempt: nothing, retry: nothing, spacing: nothing },
  sourceRun: nothing,
  editionBuilt: nothing,
  delivery: nothing,
  deliveryInDoubt: nothing,
  deliveryRetry: nothing,
  jobStep: nothing,
  jobRun: nothing,
  request: nothing,
};
