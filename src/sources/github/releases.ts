/**
 * @module sources/github/releases
 * Source `github-releases`: the latest release of each tracked tool (settings.githubReleases.repos),
 * asked conditionally so an unchanged release costs no rate limit with a token. A repository
 * without releases answers 404: that is skipped with a warning, not counted as a failure.
 * Release notes are not kept: they are long upstream prose the edition does not quote.
 */
import { describeError } from '../../core/errors.js';
import type { CollectedItem } from '../../core/item.js';
import { HttpError } from '../../lib/http/errors.js';
import { type Source, type SourceContext, SourceReport, type SourceResult } from '../source.js';
import { parseEach } from '../validate.js';
import {
  eachUntilRateLimited,
  endpointUrl,
  GITHUB_REST_HEADERS,
  type Release,
  ReleaseSchema,
  splitRepo,
} from './rest.js';

export const githubReleasesSource: Source = {
  id: 'github-releases',
  title: 'GitHub releases of tracked tools',
  description: 'The latest release of each tracked AI tool repository, from the GitHub REST API.',
  needs: [
    'MORNING_POST_RELEASE_REPOS',
    'GITHUB_API_URL',
    'GITHUB_TOKEN (optional: 5,000 instead of 60 requests an hour)',
  ],
  collect: collectReleases,
};

async function collectReleases(ctx: SourceContext): Promise<SourceResult> {
  const report = new SourceReport();
  const repos = ctx.settings.githubReleases.repos;
  const found = new Map<string, CollectedItem>();
  let answered = 0;
  let firstError: unknown;
  let skipped = 0;

  await eachUntilRateLimited(
    repos,
    async (fullName) => {
      const { owner, repo } = splitRepo(fullName);
      const url = endpointUrl(ctx.endpoints.githubApi, ['repos', owner, repo, 'releases', 'latest']);
      const { data } = await ctx.http.getJson(url, {
        headers: { ...GITHUB_REST_HEADERS },
        conditional: true,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      answered += 1;
      // One response is one item: a malformed release is dropped and counted, not fatal.
      for (const release of parseEach(ReleaseSchema, [data], report, `latest release of ${fullName}`)) {
        found.set(fullName, toItem(fullName, owner, release));
      }
    },
    (fullName, error, wasSkipped) => {
      if (error instanceof HttpError && error.status === 404) {
        answered += 1;
        if (report.warnings.length < 50)
          report.warnings.push(`${fullName} has no published release (or is not found); skipped`);
        return;
      }
      firstError ??= error;
      if (wasSkipped) skipped += 1;
      else report.requestFailed(`latest release of ${fullName}: ${describeError(error)}`);
    },
  );
  if (skipped > 0) report.requestFailed(`${skipped} repositories skipped after GitHub's rate limit`);
  // Every request failed: nothing was learnt, so the source failed, with the first reason.
  if (answered === 0 && firstError !== undefined) throw firstError;
  // In the configured order, whatever order the answers came in.
  const items = repos.flatMap((fullName) => found.get(fullName) ?? []);
  return report.result(items);
}

function toItem(fullName: string, owner: string, release: Release): CollectedItem {
  const attributes: CollectedItem['attributes'] = {
    repository: fullName,
    tag: release.tag_name,
    createdAt: release.created_at,
  };
  if (release.prerelease !== undefined) attributes.prerelease = release.prerelease;
  if (release.published_at) attributes.publishedAt = release.published_at;
  return {
    kind: 'release',
    externalId: `${fullName}@${release.tag_name}`,
    title: release.name?.trim() || release.tag_name,
    url: release.html_url,
    author: owner,
    attributes,
    list: 'latest',
    metrics: {},
  };
}
