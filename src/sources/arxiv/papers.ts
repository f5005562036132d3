/**
 * @module sources/arxiv/papers
 * Source `arxiv`: the newest submissions in the configured categories, from one arXiv API query
 * sorted by submission date. One request of up to `maxResults` (arXiv allows 2,000 per call), so
 * arXiv's one-request-every-three-seconds rule is kept without paging; the HTTP client's host
 * limiter spaces requests anyway.
 */
import type { CollectedItem } from '../../core/item.js';
import { type Source, type SourceContext, SourceReport, type SourceResult } from '../source.js';
import { type ArxivEntry, parseArxivAtom } from './atom.js';
import { absPageUrl } from './ids.js';

/** The query URL: `cat:A OR cat:B …`, newest submissions first. */
export function arxivQueryUrl(endpoint: string, categories: readonly string[], maxResults: number): string {
  const url = new URL(endpoint);
  url.searchParams.set('search_query', categories.map((category) => `cat:${category}`).join(' OR '));
  url.searchParams.set('sortBy', 'submittedDate');
  url.searchParams.set('sortOrder', 'descending');
  url.searchParams.set('start', '0');
  url.searchParams.set('max_results', String(maxResults));
  return url.toString();
}

export const arxivPapersSource: Source = {
  id: 'arxiv',
  title: 'arXiv',
  description: 'Newest submissions in the configured arXiv categories, from the arXiv API (Atom).',
  needs: ['MORNING_POST_ARXIV_CATEGORIES', 'MORNING_POST_ARXIV_MAX_RESULTS', 'ARXIV_API_URL (optional)'],
  collect: collectArxivPapers,
};

async function collectArxivPapers(ctx: SourceContext): Promise<SourceResult> {
  const { categories, maxResults } = ctx.settings.arxiv;
  const url = arxivQueryUrl(ctx.endpoints.arxiv, categories, maxResults);
  const response = await ctx.http.get(url, {
    headers: { accept: 'application/atom+xml' },
    signal: ctx.signal,
  });
  const feed = parseArxivAtom(response.body, `arXiv API response (${url})`);

  const report = new SourceReport();
  for (const problem of feed.problems) report.drop(problem);
  if (feed.entries.length === 0 && feed.totalResults > feed.startIndex) {
    // arXiv sometimes answers 200 with an empty page for a query that has results; a later run
    // usually succeeds, so this is a partial snapshot rather than a failure or a quiet "no papers".
    const what = feed.dropped > 0 ? 'only malformed entries' : 'an empty page';
    report.requestFailed(
      `arXiv returned ${what} although it reports ${feed.totalResults} results; run again later`,
    );
  }

  const wanted = new Set(categories);
  const seen = new Set<string>();
  const kept = feed.entries.filter((entry) => {
    const inScope =
      (entry.primaryCategory !== undefined && wanted.has(entry.primaryCategory)) ||
      entry.categories.some((category) => wanted.has(category));
    if (!inScope || seen.has(entry.id)) return false;
    seen.add(entry.id);
    return true;
  });
  if (kept.length < feed.entries.length)
    ctx.log.debug('arxiv entries skipped', { outOfScopeOrRepeated: feed.entries.length - kept.length });

  return { ...report.result(kept.map((entry, index) => toItem(entry, index + 1))), requests: 1 };
}

function toItem(entry: ArxivEntry, rank: number): CollectedItem {
  return {
    kind: 'paper',
    externalId: entry.id,
    title: entry.title,
    url: absPageUrl(entry.id),
    author: entry.authors[0],
    attributes: {
      arxivId: entry.id,
      authors: entry.authors,
      summary: entry.abstract,
      categories: entry.categories,
      primaryCategory: entry.primaryCategory,
      publishedAt: entry.published,
    },
    list: 'submitted',
    rank,
    metrics: {},
  };
}
