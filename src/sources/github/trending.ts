/**
 * @module sources/github/trending
 * Source `github-trending`: the AI/ML repositories on GitHub Trending, for each configured period,
 * across all languages and for each configured language. With a GitHub token, every listed
 * repository is also looked up in the REST API (conditionally, so unchanged ones cost nothing):
 * its topics feed the AI filter and its numbers, licence and creation date go into the item.
 * Without a token the filter and the item use what the page shows.
 */

import { describeError, MorningPostError } from '../../core/errors.js';
import type { CollectedItem, ItemAttributes, Metrics } from '../../core/item.js';
import { HttpError } from '../../lib/http/errors.js';
import { type Source, type SourceContext, SourceReport, type SourceResult } from '../source.js';
import { parseOrThrow } from '../validate.js';
import { classifyRepository } from './ai-filter.js';
import {
  eachUntilRateLimited,
  endpointUrl,
  GITHUB_REST_HEADERS,
  licenseOf,
  type RepositoryDetails,
  RepositorySchema,
} from './rest.js';
import { parseTrendingPage, type TrendingPeriod, type TrendingRow } from './trending-page.js';

interface PageRequest {
  period: TrendingPeriod;
  /** Language slug as GitHub spells it, decoded (`python`, `c++`); absent for all languages. */
  language?: string;
  /** `daily` for all languages, `daily/python` otherwise. */
  list: string;
  url: string;
}

interface FetchedPage {
  request: PageRequest;
  rows: TrendingRow[];
}

export const githubTrendingSource: Source = {
  id: 'github-trending',
  title: 'GitHub Trending (AI/ML)',
  description:
    'AI/ML repositories on github.com/trending per period and language, with REST details when a token is set.',
  needs: [
    'GITHUB_SERVER_URL',
    'MORNING_POST_GITHUB_PERIODS',
    'MORNING_POST_GITHUB_LANGUAGES',
    'GITHUB_API_URL and GITHUB_TOKEN (optional: topics, licence, creation date)',
  ],
  collect: collectTrending,
};

async function collectTrending(ctx: SourceContext): Promise<SourceResult> {
  const report = new SourceReport();
  const requests = pageRequests(ctx);
  const fetched = await Promise.all(
    requests.map(async (request): Promise<FetchedPage | { request: PageRequest; error: unknown }> => {
      try {
        return { request, rows: await fetchPage(ctx, request, report) };
      } catch (error) {
        return { request, error };
      }
    }),
  );
  const pages: FetchedPage[] = [];
  for (const outcome of fetched) {
    if ('rows' in outcome) pages.push(outcome);
    else report.requestFailed(`trending ${outcome.request.list}: ${describeError(outcome.error)}`);
  }
  // Nothing to build from: the first page's failure (in request order) is the source's reason.
  const firstFailure = fetched[0];
  if (pages.length === 0 && firstFailure && 'error' in firstFailure) throw firstFailure.error;

  const details = ctx.hasGithubToken
    ? await fetchDetails(ctx, pages, report)
    : new Map<string, RepositoryDetails>();

  const items: CollectedItem[] = [];
  let seen = 0;
  for (const { request, rows } of pages) {
    rows.forEach((row, index) => {
      seen += 1;
      const detail = details.get(row.fullName.toLowerCase());
      const decision = classifyRepository({
        owner: row.owner,
        name: row.name,
        description: detail?.description ?? row.description,
        topics: detail?.topics,
        language: detail?.language ?? row.language,
      });
      if (!decision.isAi) return;
      ctx.log.debug('github trending kept', {
        repo: row.fullName,
        list: request.list,
        reasons: decision.reasons,
      });
      items.push(toItem(ctx, request, row, index + 1, detail));
    });
  }
  ctx.log.debug('github trending filtered', { rows: seen, kept: items.length, details: details.size });
  return report.result(items);
}

function pageRequests(ctx: SourceContext): PageRequest[] {
  const { periods, languages } = ctx.settings.githubTrending;
  return periods.flatMap((period) => [
    pageRequest(ctx, period, undefined),
    ...languages.map((slug) => pageRequest(ctx, period, decodeSlug(slug))),
  ]);
}

function pageRequest(ctx: SourceContext, period: TrendingPeriod, language: string | undefined): PageRequest {
  const segments = language === undefined ? ['trending'] : ['trending', language];
  const url = endpointUrl(ctx.endpoints.githubServer, segments, { since: period });
  return language === undefined
    ? { period, list: period, url }
    : { period, language, list: `${period}/${language}`, url };
}

/** Slugs may be configured encoded (`c%2B%2B`) or not (`c++`); the URL encodes them once. */
function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug).toLowerCase();
  } catch {
    return slug.toLowerCase();
  }
}

async function fetchPage(
  ctx: SourceContext,
  request: PageRequest,
  report: SourceReport,
): Promise<TrendingRow[]> {
  const response = await ctx.http.get(request.url, {
    headers: { accept: 'text/html' },
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const page = parseTrendingPage(response.body, `GitHub Trending page ${request.url}`);
  for (const reason of page.dropped) report.drop(reason);
  if (page.empty) {
    ctx.log.info('github trending list is empty', { list: request.list });
    return [];
  }
  // A page for another period would put its stars under the wrong list.
  if (page.period !== undefined && page.period !== request.period) {
    throw new MorningPostError(
      'UPSTREAM_CHANGED',
      `GitHub Trending page ${request.url} shows ${page.period}, not ${request.period}`,
      { hint: 'Check GITHUB_SERVER_URL; GitHub may have changed how `since=` works.' },
    );
  }
  return page.rows;
}

/** REST details for every listed repository, keyed by lower-case `owner/name`. */
async function fetchDetails(
  ctx: SourceContext,
  pages: readonly FetchedPage[],
  report: SourceReport,
): Promise<Map<string, RepositoryDetails>> {
  const names = new Map<string, TrendingRow>();
  for (const row of pages.flatMap((page) => page.rows)) names.set(row.fullName.toLowerCase(), row);
  const details = new Map<string, RepositoryDetails>();
  let skipped = 0;

  await eachUntilRateLimited(
    [...names.entries()],
    async ([key, row]) => {
      const url = endpointUrl(ctx.endpoints.githubApi, ['repos', row.owner, row.name]);
      const { data } = await ctx.http.getJson(url, {
        headers: { ...GITHUB_REST_HEADERS },
        conditional: true,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      details.set(key, parseOrThrow(RepositorySchema, data, `GitHub repository ${row.fullName}`));
    },
    ([, row], error, wasSkipped) => {
      if (wasSkipped) skipped += 1;
      else if (error instanceof HttpError && error.status === 404) {
        // Renamed, removed or private since it trended: the page data still stands.
        if (report.warnings.length < 50)
          report.warnings.push(`repository ${row.fullName} not found by the API; page data used`);
      } else report.requestFailed(`details for ${row.fullName}: ${describeError(error)}`);
    },
  );
  if (skipped > 0) {
    report.requestFailed(`details skipped for ${skipped} repositories after GitHub's rate limit`);
  }
  return details;
}

function toItem(
  ctx: SourceContext,
  request: PageRequest,
  row: TrendingRow,
  rank: number,
  detail: RepositoryDetails | undefined,
): CollectedItem {
  const attributes: ItemAttributes = definedOnly({
    description: detail?.description ?? row.description,
    language: detail?.language ?? row.language,
    topics: detail?.topics && detail.topics.length > 0 ? detail.topics : undefined,
    license: detail ? licenseOf(detail) : undefined,
    builtBy: row.builtBy.length > 0 ? row.builtBy : undefined,
    createdAt: detail?.created_at,
  });
  const metrics: Metrics = definedOnly({
    stars: detail?.stargazers_count ?? row.stars,
    forks: detail?.forks_count ?? row.forks,
    starsInPeriod: row.starsInPeriod,
  });
  return {
    kind: 'repository',
    externalId: row.fullName,
    title: row.fullName,
    url: endpointUrl(ctx.endpoints.githubServer, [row.owner, row.name]),
    author: row.owner,
    attributes,
    list: request.list,
    rank,
    metrics,
  };
}

/** Drops undefined values so stored JSON lists only what upstream gave. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
