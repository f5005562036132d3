/**
 * @module sources/huggingface/datasets
 * `hf-datasets`: the datasets trending on the Hub now (`/api/datasets?sort=trendingScore`).
 */
import type { AuthorKind, CollectedItem } from '../../core/item.js';
import { type Source, type SourceContext, SourceReport, type SourceResult } from '../source.js';
import { cachedAuthorKinds } from './author-kinds.js';
import { authorOf, repoPageUrl } from './hub.js';
import { fetchTopListing } from './listing.js';
import { type DatasetListItem, DatasetListItemSchema, parseArray } from './schema.js';

export const DATASET_EXPAND = [
  'author',
  'likes',
  'downloads',
  'trendingScore',
  'createdAt',
  'lastModified',
  'tags',
] as const;

export function parseDatasetListing(data: unknown, report: SourceReport): DatasetListItem[] {
  return parseArray(DatasetListItemSchema, data, report, 'dataset');
}

export function datasetItem(
  dataset: DatasetListItem,
  context: { endpoint: string; rank: number; authorKind?: AuthorKind | undefined },
): CollectedItem {
  return {
    kind: 'dataset',
    externalId: dataset.id,
    title: dataset.id,
    url: repoPageUrl(context.endpoint, 'datasets', dataset.id),
    author: authorOf(dataset),
    attributes: {
      createdAt: dataset.createdAt,
      lastModified: dataset.lastModified,
      tags: dataset.tags,
      authorKind: context.authorKind,
    },
    list: 'trending',
    rank: context.rank,
    metrics: { likes: dataset.likes, downloads: dataset.downloads, trendingScore: dataset.trendingScore },
  };
}

async function collect(ctx: SourceContext): Promise<SourceResult> {
  const report = new SourceReport();
  const datasets = await fetchTopListing(ctx, report, {
    repoType: 'datasets',
    expand: DATASET_EXPAND,
    topN: ctx.settings.hfDatasets.topN,
    what: 'hf-datasets',
    parse: parseDatasetListing,
  });
  const kinds = await cachedAuthorKinds(
    ctx,
    datasets.map(authorOf).filter((name): name is string => name !== undefined),
  );
  const items = datasets.map((dataset, index) => {
    const author = authorOf(dataset);
    return datasetItem(dataset, {
      endpoint: ctx.endpoints.huggingface,
      rank: index + 1,
      authorKind: author ? kinds.get(author) : undefined,
    });
  });
  return report.result(items);
}

export const hfDatasetsSource: Source = {
  id: 'hf-datasets',
  title: 'Hugging Face trending datasets',
  description: 'Datasets trending on the Hugging Face Hub, with likes and downloads.',
  needs: ['HF_ENDPOINT', 'HF_TOKEN (optional: higher rate limit)'],
  collect,
};
