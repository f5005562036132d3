/**
 * @module sources/huggingface/trending
 * `GET /api/trending?type=model` (at most 20 items) carries what the models listing lacks: each
 * author's kind (`authorData.type`) and a parameter count. We use it as hints only, so its failure
 * is a warning, never a failure of the source.
 */
import { describeError, MorningPostError } from '../../core/errors.js';
import type { AuthorKind } from '../../core/item.js';
import { type SourceContext, SourceReport } from '../source.js';
import { parseEach, parseOrThrow } from '../validate.js';
import { authorOf, hubUrl, warn } from './hub.js';
import { type TrendingItem, TrendingItemSchema, TrendingResponseSchema } from './schema.js';

/** The most `/api/trending` returns. */
export const TRENDING_LIMIT = 20;

export interface TrendingRepo {
  repoType: string;
  id: string;
  author: string | undefined;
  authorKind: AuthorKind | undefined;
  numParameters: number | undefined;
}

/** Hints gathered from `/api/trending`: author → kind, model id → parameter count. */
export interface TrendingHints {
  authorKinds: Map<string, AuthorKind>;
  parameters: Map<string, number>;
}

export function parseTrending(data: unknown, report: SourceReport): TrendingRepo[] {
  const { recentlyTrending } = parseOrThrow(TrendingResponseSchema, data, 'trending response');
  return parseEach(TrendingItemSchema, recentlyTrending, report, 'trending item').map(toTrendingRepo);
}

function toTrendingRepo({ repoType, repoData }: TrendingItem): TrendingRepo {
  return {
    repoType,
    id: repoData.id,
    author: repoData.authorData?.name ?? authorOf(repoData),
    authorKind: repoData.authorData?.type,
    numParameters: repoData.numParameters,
  };
}

export function trendingUrl(endpoint: string): string {
  const url = hubUrl(endpoint, 'api', 'trending');
  url.searchParams.set('type', 'model');
  url.searchParams.set('limit', String(TRENDING_LIMIT));
  return url.toString();
}

/** Never throws: a failed or malformed answer becomes a warning and empty hints. */
export async function fetchTrendingHints(ctx: SourceContext, report: SourceReport): Promise<TrendingHints> {
  const hints: TrendingHints = { authorKinds: new Map(), parameters: new Map() };
  try {
    const { data } = await ctx.http.getJson(trendingUrl(ctx.endpoints.huggingface), { signal: ctx.signal });
    // Its bad items are not items of ours: count them apart so they do not inflate `dropped`.
    const local = new SourceReport();
    for (const repo of parseTrending(data, local)) {
      if (repo.repoType !== 'model') continue;
      if (repo.author && repo.authorKind) hints.authorKinds.set(repo.author, repo.authorKind);
      if (repo.numParameters !== undefined) hints.parameters.set(repo.id, repo.numParameters);
    }
    if (local.dropped > 0) warn(report, `trending hints: ${local.dropped} malformed item(s) ignored`);
  } catch (error) {
    // Unreachable, the source's own request fails too and says so; other failures are news.
    const unreachable = error instanceof MorningPostError && error.code === 'HTTP_NETWORK';
    ctx.log[unreachable ? 'debug' : 'warn']('hf trending hints unavailable', {
      reason: describeError(error),
    });
    warn(report, `trending hints unavailable (author kinds fall back to look-ups): ${describeError(error)}`);
  }
  return hints;
}
