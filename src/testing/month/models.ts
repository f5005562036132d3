/**
 * @module testing/month/models
 * Hub models as the month generator makes them: a recipe (a fine-tune, a GGUF quantisation, a
 * LoRA, a speech or detection model, an original small model) gives the name and the attributes
 * the collector would store, in the shapes `src/sources/huggingface/models.ts` produces.
 */
import type { AuthorKind, ItemAttributes } from '../../core/item.js';
import {
  type BaseModel,
  DETECTION_SUBJECTS,
  IMAGE_BASES,
  LANGUAGES,
  MODEL_WORDS,
  repoNameOf,
  SMALL_TEXT_BASES,
  SPEECH_BASES,
  STYLE_WORDS,
  TEXT_BASES,
  VISION_LANGUAGE_BASES,
} from './names.js';
import type { Random } from './random.js';

export interface ModelSpec {
  name: string;
  attributes: ItemAttributes;
}

export type Recipe =
  | 'finetune'
  | 'quantized'
  | 'lora'
  | 'speech'
  | 'detection'
  | 'vision-language'
  | 'original'
  | 'embedding'
  | 'code'
  | 'math'
  | 'finance'
  | 'legal'
  | 'medical';

/** How often each recipe turns up among new models (weights, not shares). */
export const RECIPES: ReadonlyArray<readonly [Recipe, number]> = [
  ['finetune', 26],
  ['quantized', 12],
  ['lora', 9],
  ['speech', 5],
  ['detection', 4],
  ['vision-language', 7],
  ['original', 12],
  ['embedding', 5],
  ['code', 7],
  ['math', 4],
  ['finance', 3],
  ['legal', 2],
  ['medical', 2],
];

const DOMAIN_WORDS: Record<'code' | 'math' | 'finance' | 'legal' | 'medical', readonly string[]> = {
  code: ['Coder', 'SQL', 'Code'],
  math: ['Math', 'Prover'],
  finance: ['Fin', 'Finance'],
  legal: ['Legal', 'Law'],
  medical: ['Medical', 'Med', 'Clinical'],
};

function baseTags(base: string, relation: NonNullable<ItemAttributes['baseRelation']>): string[] {
  return [`base_model:${base}`, `base_model:${relation}:${base}`];
}

function derived(
  base: BaseModel,
  relation: NonNullable<ItemAttributes['baseRelation']>,
  name: string,
  extraTags: string[],
  library = 'transformers',
): ModelSpec {
  return {
    name,
    attributes: {
      pipelineTag: base.pipelineTag,
      library,
      tags: [library, 'safetensors', base.pipelineTag, ...extraTags, ...baseTags(base.id, relation)],
      parameters: base.parameters,
      baseModels: [base.id],
      baseRelation: relation,
    },
  };
}

const sizes: ReadonlyArray<readonly [string, number]> = [
  ['135M', 135_000_000],
  ['270M', 270_000_000],
  ['0.5B', 500_000_000],
  ['1.5B', 1_540_000_000],
  ['3B', 3_090_000_000],
  ['7B', 7_620_000_000],
];

/** A model's name and attributes for a recipe; `createdAt` and `authorKind` are added by the caller. */
export function modelSpec(random: Random, recipe: Recipe): ModelSpec {
  const word = random.pick(MODEL_WORDS);
  switch (recipe) {
    case 'finetune': {
      const base = random.pick(TEXT_BASES);
      return derived(base, 'finetune', `${repoNameOf(base.id)}-${word}`, ['conversational', 'en']);
    }
    case 'quantized': {
      const base = random.pick(TEXT_BASES);
      const spec = derived(
        base,
        'quantized',
        `${repoNameOf(base.id)}-${word}-GGUF`,
        ['gguf', 'imatrix'],
        'gguf',
      );
      if (random.chance(0.5)) return spec;
      // Hub listings often carry no safetensors count for GGUF repos.
      const { parameters: _dropped, ...attributes } = spec.attributes;
      return { ...spec, attributes };
    }
    case 'lora': {
      const base = random.pick(IMAGE_BASES);
      return {
        name: `${random.pick(STYLE_WORDS)}-${word.toLowerCase()}-lora`,
        attributes: {
          pipelineTag: 'text-to-image',
          library: 'diffusers',
          tags: ['diffusers', 'lora', 'text-to-image', 'template:sd-lora', ...baseTags(base, 'adapter')],
          baseModels: [base],
          baseRelation: 'adapter',
        },
      };
    }
    case 'speech': {
      const base = random.pick(SPEECH_BASES);
      return derived(base, 'finetune', `${repoNameOf(base.id)}-${random.pick(LANGUAGES)}`, ['audio', 'asr']);
    }
    case 'detection':
      return {
        name: `${word}-DETR-${random.pick(DETECTION_SUBJECTS)}`,
        attributes: {
          pipelineTag: 'object-detection',
          library: 'transformers',
          tags: ['transformers', 'safetensors', 'object-detection', 'vision'],
          parameters: random.int(20, 80) * 1_000_000,
        },
      };
    case 'vision-language': {
      const base = random.pick(VISION_LANGUAGE_BASES);
      return derived(base, 'finetune', `${word}-VL-${repoNameOf(base.id).includes('3B') ? '3B' : '4B'}`, [
        'multimodal',
        'conversational',
      ]);
    }
    case 'embedding':
      return {
        name: `${word.toLowerCase()}-embed-${random.pick(['small', 'base', 'large'])}`,
        attributes: {
          pipelineTag: 'sentence-similarity',
          library: 'sentence-transformers',
          tags: ['sentence-transformers', 'safetensors', 'sentence-similarity', 'feature-extraction'],
          parameters: random.pick([33, 110, 335, 568]) * 1_000_000,
        },
      };
    case 'original': {
      const [label, parameters] = random.pick(sizes);
      return {
        name: random.chance(0.5)
          ? `${word}-${label}`
          : `${word.toLowerCase()}-${label.toLowerCase()}-instruct`,
        attributes: {
          pipelineTag: 'text-generation',
          library: 'transformers',
          tags: ['transformers', 'safetensors', 'text-generation', 'conversational'],
          ...(random.chance(0.85) ? { parameters } : {}),
        },
      };
    }
    default:
      return domainModel(random, recipe, word);
  }
}

/** A small fine-tune about a subject: the subject word in the name and in the tags. */
export function domainModel(
  random: Random,
  domain: 'code' | 'math' | 'finance' | 'legal' | 'medical',
  word = random.pick(MODEL_WORDS),
): ModelSpec {
  const base = random.pick(domain === 'medical' ? SMALL_TEXT_BASES : TEXT_BASES);
  const label = random.pick(DOMAIN_WORDS[domain]);
  const name = random.chance(0.5) ? `${repoNameOf(base.id)}-${label}` : `${word}-${label}-${sizeWord(base)}`;
  return derived(base, 'finetune', name, [domain === 'code' ? 'code' : domain, 'en']);
}

function sizeWord(base: BaseModel): string {
  const b = base.parameters / 1e9;
  return b < 1 ? `${Math.round(b * 10) / 10}B` : `${Math.round(b)}B`;
}

export function withKind(spec: ModelSpec, createdAt: string, authorKind: AuthorKind | undefined): ModelSpec {
  return {
    name: spec.name,
    attributes: {
      createdAt,
      ...spec.attributes,
      ...(authorKind ? { authorKind } : {}),
    },
  };
}
