/**
 * @module analysis/facts/test-items
 * Builders for the fact tests: history items from a few fields, and from the Hub's real payload
 * shapes (listing entries and `/api/trending` entries) the way the sources would store them.
 */
import type { HistoryItem } from '../../core/history.js';
import type { ItemAttributes, ItemKind } from '../../core/item.js';
import { baseModelFacts } from '../../sources/huggingface/model-facts.js';

let nextId = 1;

export function historyItem(
  externalId: string,
  attributes: ItemAttributes = {},
  extra: { kind?: ItemKind; id?: number; author?: string | null; title?: string } = {},
): HistoryItem {
  const slash = externalId.indexOf('/');
  return {
    id: extra.id ?? nextId++,
    kind: extra.kind ?? 'model',
    externalId,
    title: extra.title ?? externalId,
    url: `https://example.test/${externalId}`,
    author: extra.author !== undefined ? extra.author : slash > 0 ? externalId.slice(0, slash) : null,
    attributes,
    firstSeenAt: '2026-08-23T06:00:00Z',
  };
}

/** An entry of `GET /api/models` (default listing fields). */
export interface ListingModel {
  id: string;
  tags?: string[];
  pipeline_tag?: string;
  library_name?: string;
}

export function fromListing(model: ListingModel, id: number): HistoryItem {
  const { baseModels, baseRelation } = baseModelFacts({ tags: model.tags });
  return historyItem(
    model.id,
    {
      tags: model.tags,
      pipelineTag: model.pipeline_tag,
      library: model.library_name,
      baseModels: baseModels.length > 0 ? baseModels : undefined,
      baseRelation,
    },
    { id },
  );
}

/** An item of `GET /api/trending` (`repoData` of a model). */
export interface TrendingModel {
  repoData: {
    id: string;
    author?: string;
    pipeline_tag?: string;
    numParameters?: number;
    authorData?: { type?: string };
  };
}

export function fromTrending({ repoData }: TrendingModel, id: number): HistoryItem {
  const type = repoData.authorData?.type;
  return historyItem(
    repoData.id,
    {
      pipelineTag: repoData.pipeline_tag,
      parameters: repoData.numParameters,
      authorKind: type === 'user' || type === 'org' ? type : undefined,
    },
    { id, author: repoData.author ?? null },
  );
}
