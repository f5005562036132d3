/**
 * @module sources/registry
 * Every source the collector knows, and how names on the command line map to them.
 */
import { MorningPostError } from '../core/errors.js';
import { arxivSources } from './arxiv/index.js';
import { fakeSource } from './fake/index.js';
import { githubSources } from './github/index.js';
import { huggingfaceSources } from './huggingface/index.js';
import type { Source } from './source.js';

/** The live sources, in the order summaries list them. */
export const liveSources: readonly Source[] = [...huggingfaceSources, ...githubSources, ...arxivSources];

export const allSources: readonly Source[] = [...liveSources, fakeSource];

/** Sources named (comma list or array), or every live source when none are. */
export function resolveSources(names: readonly string[] | undefined): Source[] {
  if (!names || names.length === 0) return [...liveSources];
  const unknown = names.filter((name) => !allSources.some((source) => source.id === name));
  if (unknown.length > 0) {
    throw new MorningPostError(
      'SOURCE_UNKNOWN',
      `Unknown source${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      {
        hint: `Known sources: ${allSources.map((source) => source.id).join(', ')} (see \`morning-post sources\`).`,
      },
    );
  }
  return allSources.filter((source) => names.includes(source.id));
}
