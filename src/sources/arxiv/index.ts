/**
 * @module sources/arxiv
 * The arXiv sources, for the registry.
 */
import type { Source } from '../source.js';
import { arxivPapersSource } from './papers.js';

export { type ArxivEntry, type ArxivFeed, parseArxivAtom } from './atom.js';
export { arxivQueryUrl } from './papers.js';
export { type ArxivRssItem, type ArxivRssListing, parseArxivRss } from './rss.js';

export const arxivSources: readonly Source[] = [arxivPapersSource];
