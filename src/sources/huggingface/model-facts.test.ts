import { describe, expect, it } from 'vitest';
import { baseModelFacts, modelParameters, parseBaseModelTag } from './model-facts.js';

describe('modelParameters', () => {
  it('prefers safetensors, then gguf, then numParameters, then the fallback', () => {
    expect(modelParameters({ safetensors: { total: 1 }, gguf: { total: 2 }, numParameters: 3 }, 4)).toBe(1);
    expect(modelParameters({ gguf: { total: 2 }, numParameters: 3 }, 4)).toBe(2);
    expect(modelParameters({ numParameters: 3 }, 4)).toBe(3);
    expect(modelParameters({}, 4)).toBe(4);
    expect(modelParameters({})).toBeUndefined();
  });
});

describe('base models', () => {
  it('reads both tag forms', () => {
    expect(parseBaseModelTag('base_model:org/m')).toEqual({ id: 'org/m', relation: undefined });
    expect(parseBaseModelTag('base_model:quantized:org/m')).toEqual({ id: 'org/m', relation: 'quantized' });
    expect(parseBaseModelTag('base_model:distilled:org/m')).toEqual({ id: 'org/m', relation: undefined });
    expect(parseBaseModelTag('base_model:')).toBeUndefined();
    expect(parseBaseModelTag('license:mit')).toBeUndefined();
  });

  it('joins card, tags and the expand field without repeats; relation only with a base model', () => {
    expect(
      baseModelFacts({
        cardData: { base_model: 'org/a' },
        tags: ['base_model:org/a', 'base_model:finetune:org/a'],
        baseModels: { relation: 'quantized', models: [{ id: 'org/b' }] },
      }),
    ).toEqual({ baseModels: ['org/a', 'org/b'], baseRelation: 'finetune' });
    expect(baseModelFacts({ baseModels: { relation: 'adapter', models: [{ id: 'org/c' }] } })).toEqual({
      baseModels: ['org/c'],
      baseRelation: 'adapter',
    });
    expect(baseModelFacts({ cardData: { base_model: ['x/1', 'x/2'] }, tags: [] })).toEqual({
      baseModels: ['x/1', 'x/2'],
      baseRelation: undefined,
    });
    expect(baseModelFacts({ baseModels: { relation: 'merge', models: [] } })).toEqual({
      baseModels: [],
      baseRelation: undefined,
    });
  });
});
