/**
 * @module analysis/facts/family
 * A model's family (qwen, llama, …), its base model and how it derives from it.
 *
 * Family: the first name in FAMILIES that matches, read from the first base model's id, then the
 * model's own repo name, then its tags (`qwen3_5`, `gemma3`, `gpt2` are architecture tags), then
 * its owner (`meta-llama`, `mistralai`). Table order settles names that mention two families:
 * `DeepSeek-R1-Distill-Qwen-7B` is a Qwen model, so qwen and llama come before deepseek.
 * Relation: `attributes.baseRelation` (the Hub's own word) when set; otherwise quantized, adapter
 * or merge when the library, a tag or a name word says so; otherwise `finetune` when a base model
 * is known. Only models have a family; other kinds get `{}`.
 */
import type { HistoryItem } from '../../core/history.js';
import type { BaseRelation } from '../../core/item.js';
import { nameTokens, repoName, repoOwner } from './tokens.js';

export interface FamilyResult {
  family?: string;
  baseModel?: string;
  relation?: BaseRelation;
}

type FamilyItem = Pick<HistoryItem, 'kind' | 'externalId' | 'attributes'>;

/** Patterns run on the lower-cased text; `(?<![a-z])` keeps `dolphin` out of phi and `ollama` out of llama. */
export const FAMILIES: ReadonlyArray<readonly [string, RegExp]> = [
  ['gpt-oss', /gpt[-_]?oss/],
  ['gpt2', /gpt[-_]?2(?!\d)/],
  ['qwen', /qwen|(?<![a-z])qwq/],
  ['llama', /(?<!o)llama/],
  ['mistral', /mistral|mixtral|magistral|devstral|codestral|pixtral|voxtral/],
  ['gemma', /gemma/],
  ['phi', /(?<![a-z])phi(?![a-z])/],
  ['deepseek', /deepseek/],
  ['smollm', /smol[-_]?lm/],
  ['granite', /granite/],
  ['olmo', /(?<![a-z])olmo/],
  ['falcon', /falcon/],
  ['glm', /(?<![a-z])(?:chat)?glm/],
  ['kimi', /(?<![a-z])kimi/],
  ['minimax', /minimax/],
  ['nemotron', /nemotron/],
  ['internlm', /internlm|internvl/],
  ['hunyuan', /hunyuan/],
  ['ernie', /(?<![a-z])ernie/],
  ['mimo', /(?<![a-z])mimo(?![a-z])/],
  ['whisper', /whisper/],
  ['t5', /(?<![a-z0-9])(?:flan-?|mt|by|long)?t5(?!\d)/],
  ['bert', /bert/],
  ['clip', /(?<![a-z])(?:open)?clip(?![a-z])|siglip/],
  ['stable-diffusion', /stable[-_ ]?diffusion|(?<![a-z])sdxl|(?<![a-z])sd[-_]?3/],
  ['flux', /(?<![a-z])flux/],
  ['wan', /(?<![a-z])wan[-_]?2/],
  ['ltx', /(?<![a-z])ltx/],
  ['yolo', /yolo/],
];

const QUANTIZED_WORDS = new Set([
  'gguf',
  'ggml',
  'awq',
  'gptq',
  'exl2',
  'exl3',
  'fp8',
  'int4',
  'int8',
  '4bit',
  '8bit',
  'nf4',
  'bnb',
  'mxfp4',
  'nvfp4',
  'quantized',
  'q4',
  'q5',
  'q6',
  'q8',
  'w4a16',
  'w8a8',
]);
const QUANTIZED_TAGS = new Set([
  'gguf',
  'awq',
  'gptq',
  'exl2',
  'fp8',
  '4-bit',
  '8-bit',
  'bitsandbytes',
  'compressed-tensors',
  'quantized',
]);
const ADAPTER_WORDS = new Set(['lora', 'qlora', 'adapter', 'adapters', 'peft']);
const MERGE_WORDS = new Set(['merge', 'merged', 'mergekit', 'slerp']);

export function modelFamily(item: FamilyItem): FamilyResult {
  if (item.kind !== 'model') return {};
  const attributes = item.attributes;
  const baseModel = attributes.baseModels?.find((id) => id.trim() !== '');
  const tags = (attributes.tags ?? []).map((tag) => tag.toLowerCase());
  const texts = [baseModel, repoName(item.externalId), ...tags.filter((tag) => !tag.includes(':'))];
  const family = firstFamily(texts) ?? firstFamily([repoOwner(item.externalId)]);
  const relation = attributes.baseRelation ?? inferRelation(item, tags, baseModel);
  return {
    ...(family ? { family } : {}),
    ...(baseModel ? { baseModel } : {}),
    ...(relation ? { relation } : {}),
  };
}

/** The family named in the first text that names one. */
export function familyOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const lower = text.toLowerCase();
  return FAMILIES.find(([, pattern]) => pattern.test(lower))?.[0];
}

function firstFamily(texts: Array<string | undefined>): string | undefined {
  for (const text of texts) {
    const family = familyOf(text);
    if (family) return family;
  }
  return undefined;
}

function inferRelation(
  item: FamilyItem,
  tags: string[],
  baseModel: string | undefined,
): BaseRelation | undefined {
  const library = item.attributes.library?.toLowerCase();
  // Digits stay attached so that `4bit`, `fp8` and `Q4_K_M`'s `q4` stay words.
  const words = new Set(nameTokens(repoName(item.externalId), { splitDigits: false }));
  const any = (set: Set<string>, values: Iterable<string>) => [...values].some((value) => set.has(value));
  if (library === 'gguf' || any(QUANTIZED_TAGS, tags) || any(QUANTIZED_WORDS, words)) return 'quantized';
  if (library === 'peft' || any(ADAPTER_WORDS, tags) || any(ADAPTER_WORDS, words)) return 'adapter';
  if (any(MERGE_WORDS, tags) || any(MERGE_WORDS, words)) return 'merge';
  return baseModel ? 'finetune' : undefined;
}

/** How readers expect family names spelled; the owners' own spelling (OpenAI writes gpt-oss). */
const FAMILY_DISPLAY: Record<string, string> = {
  qwen: 'Qwen',
  llama: 'Llama',
  mistral: 'Mistral',
  gemma: 'Gemma',
  deepseek: 'DeepSeek',
  phi: 'Phi',
  whisper: 'Whisper',
  'gpt-oss': 'gpt-oss',
};

/** A family id as prose: the known spelling, else the id itself (capitalised when asked, for labels). */
export function familyDisplayName(family: string, options: { capitalise?: boolean } = {}): string {
  const known = FAMILY_DISPLAY[family];
  if (known) return known;
  return options.capitalise ? family.charAt(0).toUpperCase() + family.slice(1) : family;
}
