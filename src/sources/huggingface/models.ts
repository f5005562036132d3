/**
 * @module sources/huggingface/models
 * `hf-models`: the models trending on the Hub now (`/api/models?sort=trendingScore`), with parameter
 * counts, base models and whether each author is a user or an organisation.
 */
import type { AuthorKind, CollectedItem } from '../../core/item.js';
import { type Source, type SourceContext, SourceReport, type SourceResult } from '../source.js';
import { resolveAuthorKinds } from './author-kinds.js';
import { authorOf, repoPageUrl } from './hub.js';
import { fetchTopListing } from './listing.js';
import { baseModelFacts, modelParameters } from './model-facts.js';
import { type ModelListItem, ModelListItemSchema, parseArray } from './schema.js';
import { fetchTrendingHints } from './trending.js';

/** Every field the items below read; with `expand[]` the Hub returns only these. */
export const MODEL_EXPAND = [
  'author',
  'likes',
  'downloads',
  'trendingScore',
  'createdAt',
  'lastModified',
  'pipeline_tag',
  'library_name',
  'tags',
  'safetensors',
  'gguf',
  'cardData',
  'baseModels',
] as const;

export function parseModelListing(data: unknown, report: SourceReport): ModelListItem[] {
  return parseArray(ModelListItemSchema, data, report, 'model');
}

export interface ModelItemContext {
  endpoint: string;
  list: string;
  rank: number;
  authorKind?: AuthorKind | undefined;
  /** A parameter count from elsewhere (`/api/trending`) when the listing has none. */
  parameters?: number | undefined;
}

/** A listing entry as a collected item; fields upstream left out stay out. */
export function modelItem(model: ModelListItem, context: ModelItemContext): CollectedItem {
  const { baseModels, baseRelation } = baseModelFacts(model);
  return {
    kind: 'model',
    externalId: model.id,
    title: model.id,
    url: repoPageUrl(context.endpoint, 'models', model.id),
    author: authorOf(model),
    attributes: {
      createdAt: model.createdAt,
      lastModified: model.lastModified,
      tags: model.tags,
      pipelineTag: model.pipeline_tag,
      library: model.library_name,
      parameters: modelParameters(model, context.parameters),
      baseModels: baseModels.length > 0 ? baseModels : undefined,
      baseRelation,
      authorKind: context.authorKind,
    },
    list: context.list,
    rank: context.rank,
    metrics: { likes: model.likes, downloads: model.downloads, trendingScore: model.trendingScore },
  };
}

async function collect(ctx: SourceContext): Promise<SourceResult> {
  const report = new SourceReport();
  // The hints call runs beside the listing; it never throws, so it cannot leave a stray rejection.
  const hintsPending = fetchTrendingHints(ctx, report);
  const models = await fetchTopListing(ctx, report, {
    repoType: 'models',
    expand: MODEL_EXPAND,
    topN: ctx.settings.hfModels.topN,
    what: 'hf-models',
    parse: parseModelListing,
  });
  const hints = await hintsPending;
  const authors = models.map(authorOf).filter((name): name is string => name !== undefined);
  const kinds = await resolveAuthorKinds(ctx, authors, hints.authorKinds, report);
  const items = models.map((model, index) => {
    const author = authorOf(model);
    return modelItem(model, {
      endpoint: ctx.endpoints.huggingface,
      list: 'trending',
      rank: index + 1,
      authorKind: author ? kinds.get(author) : undefined,
      parameters: hints.parameters.get(model.id),
    });
  });
  return report.result(items);
}

export const hfModelsSource: Source = {
  id: 'hf-models',
  title: 'Hugging Face trending models',
  description:
    'Models trending on the Hugging Face Hub, with parameter counts, base models and author kinds.',
  needs: ['HF_ENDPOINT', 'HF_TOKEN (optional: higher rate limit)', 'MORNING_POST_HF_TOP_N'],
  collect,
};
