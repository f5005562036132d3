import { describe, expect, it } from 'vitest';
import type { BaseRelation, ItemAttributes } from '../../core/item.js';
import { familyOf, modelFamily } from './family.js';
import { historyItem } from './test-items.js';

describe('familyOf', () => {
  it.each([
    ['Qwen/Qwen2.5-0.5B-Instruct', 'qwen'],
    ['Qwen/QwQ-32B', 'qwen'],
    ['meta-llama/Llama-3.1-8B', 'llama'],
    ['codellama/CodeLlama-7b-hf', 'llama'],
    ['TinyLlama/TinyLlama-1.1B', 'llama'],
    ['mistralai/Mixtral-8x7B-v0.1', 'mistral'],
    ['mistralai/Devstral-Small', 'mistral'],
    ['google/medgemma-4b-it', 'gemma'],
    ['deepseek-ai/DeepSeek-V3', 'deepseek'],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'qwen'],
    ['microsoft/Phi-3-mini-4k', 'phi'],
    ['microsoft/phi-4', 'phi'],
    ['openai/gpt-oss-20b', 'gpt-oss'],
    ['openai-community/gpt2', 'gpt2'],
    ['distilbert/distilgpt2', 'gpt2'],
    ['google-bert/bert-base-uncased', 'bert'],
    ['google/flan-t5-base', 't5'],
    ['openai/whisper-large-v3', 'whisper'],
    ['stabilityai/stable-diffusion-2-1', 'stable-diffusion'],
    ['black-forest-labs/FLUX.1-dev', 'flux'],
    ['Ultralytics/YOLOv8', 'yolo'],
    ['HuggingFaceTB/SmolLM2-135M', 'smollm'],
    ['ibm-granite/granite-3.1-8b', 'granite'],
    ['allenai/OLMo-2-7B', 'olmo'],
    ['tiiuae/falcon-7b', 'falcon'],
  ])('%s → %s', (id, family) => {
    expect(familyOf(id)).toBe(family);
  });

  it.each(['cognitivecomputations/dolphin-2.9', 'someone/ollama-helper', 'a/median', 'a/H24', 'a/🤗', ''])(
    '%s has no family',
    (id) => {
      expect(familyOf(id)).toBeUndefined();
    },
  );
});

describe('modelFamily', () => {
  it('takes the base model and the Hub relation when given', () => {
    const item = historyItem('jhuang583/medical-assistant', {
      baseModels: ['Qwen/Qwen2.5-0.5B-Instruct', 'other/model'],
      baseRelation: 'adapter',
    });
    expect(modelFamily(item)).toEqual({
      family: 'qwen',
      baseModel: 'Qwen/Qwen2.5-0.5B-Instruct',
      relation: 'adapter',
    });
  });

  it('prefers the base model over the own name, then tags, then the owner', () => {
    expect(modelFamily(historyItem('a/llama-style-name', { baseModels: ['Qwen/Qwen3-8B'] })).family).toBe(
      'qwen',
    );
    expect(modelFamily(historyItem('a/my-model', { tags: ['transformers', 'qwen3_5'] })).family).toBe('qwen');
    expect(modelFamily(historyItem('meta-llama/Meta-Guard-X')).family).toBe('llama');
    expect(modelFamily(historyItem('a/plain')).family).toBeUndefined();
  });

  it.each<[string, ItemAttributes, BaseRelation | undefined]>([
    ['unsloth/Qwen3.8-27B-GGUF', {}, 'quantized'],
    ['a/model', { tags: ['gguf'] }, 'quantized'],
    ['a/model', { library: 'gguf' }, 'quantized'],
    ['TheBloke/Llama-2-7B-AWQ', {}, 'quantized'],
    ['TheBloke/Llama-2-7B-GPTQ', {}, 'quantized'],
    ['a/Llama-3-8B-4bit', {}, 'quantized'],
    ['a/Qwen3.8-27B-Uncensored-FP8', {}, 'quantized'],
    ['a/Foo-Q4_K_M', {}, 'quantized'],
    ['a/qwen-medical-lora', {}, 'adapter'],
    ['a/model', { library: 'peft', baseModels: ['Qwen/Qwen3-8B'] }, 'adapter'],
    ['a/model', { tags: ['lora'] }, 'adapter'],
    ['a/model', { tags: ['merge', 'mergekit'] }, 'merge'],
    ['a/Qwen-Llama-slerp', {}, 'merge'],
    ['a/model', { baseModels: ['Qwen/Qwen3-8B'] }, 'finetune'],
    ['a/model', {}, undefined],
    ['a/Qwen3-8B-GGUF', { baseModels: ['Qwen/Qwen3-8B'], baseRelation: 'finetune' }, 'finetune'],
  ])('%s %j → relation %s', (id, attributes, relation) => {
    expect(modelFamily(historyItem(id, attributes)).relation).toBe(relation);
  });

  it('gives only models a family', () => {
    expect(modelFamily(historyItem('ggml-org/llama.cpp', {}, { kind: 'repository' }))).toEqual({});
  });

  it('copes with empty and odd values', () => {
    expect(modelFamily(historyItem('🤗', { baseModels: ['', '  '], tags: [] }))).toEqual({});
  });
});
