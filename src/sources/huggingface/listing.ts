/**
 * @module sources/huggingface/listing
 * The top N of a hub listing sorted by trending score, read over as many `Link` pages as N needs.
 */
import type { SourceContext, SourceReport } from '../source.js';
import { listingUrl, MAX_PAGE_SIZE, type RepoType, uniqueBy, warn } from './hub.js';
import { walkPages } from './pagination.js';

export interface TopListingOptions<T> {
  repoType: RepoType;
  /** Fields to ask for; the Hub returns only these (plus `id`). */
  expand: readonly string[];
  topN: number;
  /** Source id, for warnings. */
  what: string;
  parse(data: unknown, report: SourceReport): T[];
}

export async function fetchTopListing<T extends { id: string }>(
  ctx: SourceContext,
  report: SourceReport,
  options: TopListingOptions<T>,
): Promise<T[]> {
  const pageSize = Math.min(options.topN, MAX_PAGE_SIZE);
  const url = listingUrl(ctx.endpoints.huggingface, options.repoType, {
    sort: 'trendingScore',
    limit: pageSize,
    expand: options.expand,
  });
  let items: T[] = [];
  // One spare page in case upstream serves short pages; beyond that the list is simply shorter.
  const pageCap = Math.ceil(options.topN / pageSize) + 1;
  const walk = await walkPages(ctx, url, {
    pageCap,
    what: options.what,
    report,
    onPage: (data) => {
      items = uniqueBy([...items, ...options.parse(data, report)], (item) => item.id);
      return items.length >= options.topN ? 'enough' : 'more';
    },
  });
  if (walk.end === 'cap') {
    warn(report, `${options.what}: ${items.length} of ${options.topN} items after ${walk.pages} pages`);
  }
  return items.slice(0, options.topN);
}
