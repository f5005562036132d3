/**
 * @module sources/github
 * The GitHub sources: AI/ML repositories on GitHub Trending, and the latest releases of tracked tools.
 */
import type { Source } from '../source.js';
import { githubReleasesSource } from './releases.js';
import { githubTrendingSource } from './trending.js';

export { type AiDecision, classifyRepository } from './ai-filter.js';
export { githubReleasesSource } from './releases.js';
export { githubTrendingSource } from './trending.js';
export { parseTrendingPage, type TrendingPage, type TrendingRow } from './trending-page.js';

export const githubSources: readonly Source[] = [githubTrendingSource, githubReleasesSource];
