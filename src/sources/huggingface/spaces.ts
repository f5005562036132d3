/**
 * @module sources/huggingface/spaces
 * `hf-spaces`: the Spaces (demo apps) trending on the Hub now (`/api/spaces?sort=trendingScore`).
 */
import type { AuthorKind, CollectedItem } from '../../core/item.js';
import { type Source, type SourceContext, SourceReport, type SourceResult } from '../source.js';
import { cachedAuthorKinds } from './author-kinds.js';
import { authorOf, repoPageUrl } from './hub.js';
import { fetchTopListing } from './listing.js';
import { parseArray, type SpaceListItem, SpaceListItemSchema } from './schema.js';

export const SPACE_EXPAND = [
  'author',
  'likes',
  'trendingScore',
  'createdAt',
  'lastModified',
  'sdk',
  'tags',
] as const;

export function parseSpaceListing(data: unknown, report: SourceReport): SpaceListItem[] {
  return parseArray(SpaceListItemSchema, data, report, 'space');
}

export function spaceItem(
  space: SpaceListItem,
  context: { endpoint: string; rank: number; authorKind?: AuthorKind | undefined },
): CollectedItem {
  return {
    kind: 'space',
    externalId: space.id,
    title: space.id,
    url: repoPageUrl(context.endpoint, 'spaces', space.id),
    author: authorOf(space),
    attributes: {
      createdAt: space.createdAt,
      lastModified: space.lastModified,
      tags: space.tags,
      sdk: space.sdk,
      authorKind: context.authorKind,
    },
    list: 'trending',
    rank: context.rank,
    metrics: { likes: space.likes, trendingScore: space.trendingScore },
  };
}

async function collect(ctx: SourceContext): Promise<SourceResult> {
  const report = new SourceReport();
  const spaces = await fetchTopListing(ctx, report, {
    repoType: 'spaces',
    expand: SPACE_EXPAND,
    topN: ctx.settings.hfSpaces.topN,
    what: 'hf-spaces',
    parse: parseSpaceListing,
  });
  const kinds = await cachedAuthorKinds(
    ctx,
    spaces.map(authorOf).filter((name): name is string => name !== undefined),
  );
  const items = spaces.map((space, index) => {
    const author = authorOf(space);
    return spaceItem(space, {
      endpoint: ctx.endpoints.huggingface,
      rank: index + 1,
      authorKind: author ? kinds.get(author) : undefined,
    });
  });
  return report.result(items);
}

export const hfSpacesSource: Source = {
  id: 'hf-spaces',
  title: 'Hugging Face trending Spaces',
  description: 'Spaces (demo apps) trending on the Hugging Face Hub, with likes and SDK.',
  needs: ['HF_ENDPOINT', 'HF_TOKEN (optional: higher rate limit)'],
  collect,
};
