/**
 * @module sources/source
 * The Source contract. A source declares what it is and what it needs, and has one function
 * that fetches and normalises items. It never formats output and never touches the store:
 * the pipeline stores what it returns.
 */

import type { Endpoints, SourceSettings } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { AuthorKind, CollectedItem, SourceId } from '../core/item.js';
import type { HttpClient } from '../lib/http/types.js';
import type { Logger } from '../lib/logger.js';

/** Author kinds resolved earlier, so each author is looked up once, not every day. */
export interface AuthorDirectory {
  get(platform: 'huggingface', name: string): Promise<AuthorKind | undefined>;
  set(platform: 'huggingface', name: string, kind: AuthorKind): Promise<void>;
}

export interface SourceContext {
  http: HttpClient;
  clock: Clock;
  log: Logger;
  endpoints: Endpoints;
  settings: SourceSettings;
  authors: AuthorDirectory;
  /** Whether a GitHub token is configured (the client adds it; sources only choose what to ask). */
  hasGithubToken: boolean;
  /** The edition day being collected (YYYY-MM-DD, the calendar day in MORNING_POST_TZ); sources that take a date use it. */
  day: string;
  signal?: AbortSignal;
}

export interface SourceResult {
  items: CollectedItem[];
  /** `partial` when some requests or items failed but others gave data. */
  status: 'ok' | 'partial';
  /** Malformed upstream items left out, counted. */
  dropped: number;
  warnings: string[];
  /** Requests this source made, for the summary. */
  requests?: number;
}

export interface Source {
  id: SourceId;
  title: string;
  /** One line: what it collects and from where. */
  description: string;
  /** Settings and variables it reads, e.g. `HF_ENDPOINT`, `GITHUB_TOKEN (optional: repository details)`. */
  needs: readonly string[];
  /** True when the source can answer for any day (most upstreams only serve today's lists). */
  servesAnyDay?: boolean;
  collect(ctx: SourceContext): Promise<SourceResult>;
}

/** Warnings a source keeps while it works, then turns into its result. */
export class SourceReport {
  readonly warnings: string[] = [];
  dropped = 0;
  failedRequests = 0;

  drop(reason: string): void {
    this.dropped += 1;
    if (this.warnings.length < 50) this.warnings.push(reason);
  }

  requestFailed(reason: string): void {
    this.failedRequests += 1;
    if (this.warnings.length < 50) this.warnings.push(reason);
  }

  result(items: CollectedItem[]): SourceResult {
    return {
      items,
      status: this.failedRequests > 0 ? 'partial' : 'ok',
      dropped: this.dropped,
      warnings: this.warnings,
    };
  }
}
