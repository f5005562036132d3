/**
 * @module sources/github/rest
 * What both GitHub sources share: the REST headers, narrow zod schemas for the two responses we
 * read, URL building from the configured endpoints, and a small worker pool that stops asking the
 * API once it has said we are rate limited.
 * @see https://docs.github.com/en/rest/repos/repos#get-a-repository
 * @see https://docs.github.com/en/rest/releases/releases#get-the-latest-release
 */
import { z } from 'zod';
import { isMorningPostError } from '../../core/errors.js';

/** GitHub's recommended media type and a pinned API version, so responses keep one shape. */
export const GITHUB_REST_HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
} as const;

const isoDate = z.iso.datetime({ offset: true });

/** `GET /repos/{owner}/{repo}`: only the fields the trending source keeps. */
export const RepositorySchema = z.object({
  full_name: z.string().min(1),
  description: z.string().nullable().optional(),
  stargazers_count: z.number().int().nonnegative(),
  forks_count: z.number().int().nonnegative(),
  topics: z.array(z.string()).optional(),
  language: z.string().nullable().optional(),
  license: z.object({ spdx_id: z.string().nullable().optional() }).nullable().optional(),
  created_at: isoDate,
});
export type RepositoryDetails = z.infer<typeof RepositorySchema>;

/** `GET /repos/{owner}/{repo}/releases/latest`; the notes (`body`) are deliberately not read. */
export const ReleaseSchema = z.object({
  tag_name: z.string().min(1),
  name: z.string().nullable().optional(),
  html_url: z.url(),
  prerelease: z.boolean().optional(),
  created_at: isoDate,
  published_at: isoDate.nullable().optional(),
});
export type Release = z.infer<typeof ReleaseSchema>;

/** A licence id worth showing: GitHub's `NOASSERTION` means "not recognised", so it is left out. */
export function licenseOf(details: RepositoryDetails): string | undefined {
  const id = details.license?.spdx_id;
  return id && id !== 'NOASSERTION' ? id : undefined;
}

/**
 * `base` plus path segments, each percent-encoded once, keeping any path prefix in `base`
 * (GitHub Enterprise serves the API under `/api/v3`).
 */
export function endpointUrl(
  base: string,
  segments: readonly string[],
  query: Record<string, string> = {},
): string {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  url.pathname = `${prefix}/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
  url.search = new URLSearchParams(query).toString();
  return url.toString();
}

/** Splits `owner/repo`; the config schema has already checked the shape. */
export function splitRepo(fullName: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = fullName.split('/');
  return { owner, repo };
}

export function isRateLimited(error: unknown): boolean {
  return isMorningPostError(error) && error.code === 'HTTP_RATE_LIMITED';
}

/**
 * Runs `task` over `inputs` with a few workers; every error goes to `failed`. Once a task fails
 * with a rate limit, the inputs not yet started go to `failed` too (`skipped: true`) without a
 * request: more requests would only be refused and could get the token flagged.
 */
export async function eachUntilRateLimited<T>(
  inputs: readonly T[],
  task: (input: T) => Promise<void>,
  failed: (input: T, error: unknown, skipped: boolean) => void,
  workers = 4,
): Promise<void> {
  let next = 0;
  let limit: unknown;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++] as T;
      if (limit !== undefined) {
        failed(input, limit, true);
        continue;
      }
      try {
        await task(input);
      } catch (error) {
        if (isRateLimited(error)) limit = error;
        failed(input, error, false);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, inputs.length) }, worker));
}
