/**
 * @module sources/huggingface/hub
 * Small helpers every Hugging Face feed shares: URLs built from the configured endpoint, the
 * author of a repo, warnings that do not change a source's status, and bounded parallelism.
 */
import type { SourceReport } from '../source.js';

/** The Hub caps listing pages at 500 items in its own clients; we never ask for more per page. */
export const MAX_PAGE_SIZE = 500;

export type RepoType = 'models' | 'datasets' | 'spaces';

/**
 * `path` under the configured Hub endpoint, keeping any path prefix the endpoint has (a mirror at
 * `https://mirror.example/hf` serves `https://mirror.example/hf/api/models`). Segments are encoded.
 */
export function hubUrl(endpoint: string, ...segments: string[]): URL {
  const url = new URL(endpoint);
  const path = segments
    .flatMap((segment) => segment.split('/'))
    .filter((part) => part.length > 0)
    .map(encodeURIComponent)
    .join('/');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  url.search = '';
  url.hash = '';
  return url;
}

/** A listing request: `sort`, `limit` and one `expand[]` per field, so only those fields come back. */
export function listingUrl(
  endpoint: string,
  repoType: RepoType,
  query: { sort: string; limit: number; expand: readonly string[] },
): string {
  const url = hubUrl(endpoint, 'api', repoType);
  url.searchParams.set('sort', query.sort);
  url.searchParams.set('limit', String(query.limit));
  for (const field of query.expand) url.searchParams.append('expand[]', field);
  return url.toString();
}

/** The page of a repo on the Hub: models at `/{id}`, datasets and spaces under their type. */
export function repoPageUrl(endpoint: string, repoType: RepoType, id: string): string {
  return (repoType === 'models' ? hubUrl(endpoint, id) : hubUrl(endpoint, repoType, id)).toString();
}

/** The listing's `author` when expanded, else the namespace of the repo id. */
export function authorOf(item: { id: string; author?: string | undefined }): string | undefined {
  if (item.author) return item.author;
  const slash = item.id.indexOf('/');
  return slash > 0 ? item.id.slice(0, slash) : undefined;
}

/** A warning that leaves the status alone (enrichment that failed, a fallback that was used). */
export function warn(report: SourceReport, message: string): void {
  if (report.warnings.length < 50) report.warnings.push(message);
}

/** `fn` over `values` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(
  values: readonly T[],
  limit: number,
  fn: (value: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(values.length);
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const index = next;
      next += 1;
      results[index] = await fn(values[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
  return results;
}

/** First-seen order without repeats (a repo can move between pages while we read them). */
export function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
