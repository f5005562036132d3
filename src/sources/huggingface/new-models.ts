/**
 * @module sources/huggingface/new-models
 * `hf-new-models`: every model created on the Hub in the last `windowDays` days, newest first
 * (`/api/models?sort=createdAt`), read page by page until the window is covered. Author kinds come
 * from the directory, and a few look-ups a day for the authors who released most: thousands of new
 * authors are not worth one each, but the prolific ones decide the "by author kind" counts, and
 * the directory remembers them for the following days.
 */
import type { z } from 'zod';
import { type Source, type SourceContext, SourceReport, type SourceResult } from '../source.js';
import { type LookupLimits, resolveAuthorKinds } from './author-kinds.js';
import { authorOf, listingUrl, uniqueBy, warn } from './hub.js';
import { modelItem } from './models.js';
import { walkPages } from './pagination.js';
import { IsoDateSchema, ModelListItemSchema, parseArray } from './schema.js';

export const NEW_MODEL_EXPAND = [
  'createdAt',
  'author',
  'pipeline_tag',
  'library_name',
  'tags',
  'likes',
  'downloads',
] as const;

/** `createdAt` is what this feed is about, so an item without it is malformed here. */
const NewModelSchema = ModelListItemSchema.extend({ createdAt: IsoDateSchema });
export type NewModel = z.infer<typeof NewModelSchema>;

export function parseNewModelListing(data: unknown, report: SourceReport): NewModel[] {
  return parseArray(NewModelSchema, data, report, 'new model');
}

/** Start of the window: midnight UTC `windowDays` days before the collected day. */
export function windowStart(day: string, windowDays: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - windowDays * 86_400_000);
}

async function collect(ctx: SourceContext): Promise<SourceResult> {
  const report = new SourceReport();
  const { windowDays, pageSize, pageCap } = ctx.settings.hfNewModels;
  const since = windowStart(ctx.day, windowDays);
  const url = listingUrl(ctx.endpoints.huggingface, 'models', {
    sort: 'createdAt',
    limit: pageSize,
    expand: NEW_MODEL_EXPAND,
  });
  let models: NewModel[] = [];
  const walk = await walkPages(ctx, url, {
    pageCap,
    what: 'hf-new-models',
    report,
    onPage: (data) => {
      const page = parseNewModelListing(data, report);
      // Filter per item rather than cutting at the first old one, in case the order is not strict.
      const recent = page.filter((model) => Date.parse(model.createdAt) >= since.getTime());
      models = uniqueBy([...models, ...recent], (model) => model.id);
      return recent.length < page.length ? 'enough' : 'more';
    },
  });

  const kinds = await resolveAuthorKinds(
    ctx,
    authorsByFrequency(models),
    new Map(),
    report,
    NEW_MODEL_LOOKUPS,
  );
  const items = models.map((model, index) => {
    const author = authorOf(model);
    return modelItem(model, {
      endpoint: ctx.endpoints.huggingface,
      list: 'new',
      rank: index + 1,
      authorKind: author ? kinds.get(author) : undefined,
    });
  });
  const result = report.result(items);
  if (walk.end !== 'cap') return result;
  warn(
    report,
    `hf-new-models: window start ${since.toISOString()} not reached after ${walk.pages} pages (page cap); the oldest models are missing`,
  );
  return { ...result, status: 'partial' };
}

export const hfNewModelsSource: Source = {
  id: 'hf-new-models',
  title: 'Hugging Face new models',
  description: 'Every model created on the Hugging Face Hub in the last days, newest first.',
  needs: ['HF_ENDPOINT', 'HF_TOKEN (optional: higher rate limit)'],
  collect,
};

/** Look-ups spent per run on the most prolific authors whose kind is not known yet. */
export const NEW_MODEL_LOOKUPS: LookupLimits = { maxLookups: 30, concurrency: 4 };

/** Author names, the one with most new models first (ties by name, for a stable order). */
function authorsByFrequency(models: ReadonlyArray<{ id: string; author?: string | undefined }>): string[] {
  const counts = new Map<string, number>();
  for (const model of models) {
    const author = authorOf(model);
    if (author) counts.set(author, (counts.get(author) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name]) => name);
}
