/**
 * @module sources/huggingface/model-facts
 * Facts about a model that the Hub spreads over several fields: its parameter count and its base
 * model(s) with how it derives from them.
 */
import { type BaseRelation, BaseRelationSchema } from '../../core/item.js';
import type { ModelListItem } from './schema.js';

/** `safetensors.total`, else `gguf.total` (GGUF-only repos), else `numParameters` (trending), else none. */
export function modelParameters(
  model: Pick<ModelListItem, 'safetensors' | 'gguf' | 'numParameters'>,
  fallback?: number,
): number | undefined {
  return model.safetensors?.total ?? model.gguf?.total ?? model.numParameters ?? fallback;
}

export interface BaseModelFacts {
  baseModels: string[];
  baseRelation: BaseRelation | undefined;
}

/**
 * Base models from the card (`base_model`: string or list), the machine tags `base_model:<id>` and
 * `base_model:<relation>:<id>`, and the `baseModels` expand field, in that order without repeats.
 * The relation comes from the tags, else from the expand field.
 */
export function baseModelFacts(
  model: Pick<ModelListItem, 'cardData' | 'tags' | 'baseModels'>,
): BaseModelFacts {
  const ids: string[] = [];
  const add = (id: string) => {
    const trimmed = id.trim();
    if (trimmed && !ids.includes(trimmed)) ids.push(trimmed);
  };
  const card = model.cardData?.base_model;
  for (const id of typeof card === 'string' ? [card] : (card ?? [])) add(id);

  let relation: BaseRelation | undefined;
  for (const tag of model.tags ?? []) {
    const parsed = parseBaseModelTag(tag);
    if (!parsed) continue;
    add(parsed.id);
    relation ??= parsed.relation;
  }
  for (const { id } of model.baseModels?.models ?? []) add(id);
  relation ??= relationOf(model.baseModels?.relation);
  return { baseModels: ids, baseRelation: ids.length > 0 ? relation : undefined };
}

/** `base_model:Qwen/Qwen3-8B` or `base_model:quantized:Qwen/Qwen3-8B`; repo ids never contain `:`. */
export function parseBaseModelTag(
  tag: string,
): { id: string; relation: BaseRelation | undefined } | undefined {
  if (!tag.startsWith('base_model:')) return undefined;
  const rest = tag.slice('base_model:'.length);
  const colon = rest.indexOf(':');
  if (colon === -1) return rest ? { id: rest, relation: undefined } : undefined;
  const id = rest.slice(colon + 1);
  return id ? { id, relation: relationOf(rest.slice(0, colon)) } : undefined;
}

function relationOf(value: string | undefined): BaseRelation | undefined {
  const parsed = BaseRelationSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
