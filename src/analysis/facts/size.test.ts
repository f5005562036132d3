import { describe, expect, it } from 'vitest';
import { parameterCount, parseParameters, sizeClass } from './size.js';
import { historyItem } from './test-items.js';

describe('parseParameters', () => {
  it.each([
    ['Qwen2.5-0.5B-Instruct', 0.5e9],
    ['llama-2-7b-chat', 7e9],
    ['Qwen2.5-Math-1.5B', 1.5e9],
    ['Mixtral-8x7B-v0.1', 56e9],
    ['Mixtral-8x22B-Instruct', 176e9],
    ['gemma-3-270m-it', 270e6],
    ['SmolLM2-135M', 135e6],
    ['Kimi-K2-1T', 1e12],
    ['Qwen3-30B-A3B', 30e9],
    ['Ornith-1.5-35B-A3B', 35e9],
    ['Qwen3.8-27B-mlx-mxfp4-text-generation-only', 27e9],
    ['Llama-3.1-8B', 8e9],
    ['Qwen2.5-7B-Instruct-1M', 7e9],
    ['phi_3_MINI_3.8B', 3.8e9],
    ['model.7b.gguf', 7e9],
  ])('%s → %d', (name, expected) => {
    expect(parseParameters(name)).toBe(expected);
  });

  it.each([
    'model-v2',
    'model-2024',
    'release-20240115',
    'H24',
    'Foo-4bit',
    'Foo-Q4_K_M',
    'Foo-fp8',
    'Foo-32k',
    'Qwen-Next-A3B',
    'gemma-3n-E4B',
    'Foo-7Bchat',
    'qwen2.5b',
    '',
    '🤗🚀',
    'B',
    '0B',
  ])('%s states no size', (name) => {
    expect(parseParameters(name)).toBeUndefined();
  });
});

describe('parameterCount', () => {
  it('prefers the metadata count over the name', () => {
    const item = historyItem('someone/Qwen3.8-27B-GGUF', { parameters: 1_863_907_840 });
    expect(parameterCount(item)).toEqual({ parameters: 1_863_907_840, from: 'metadata' });
  });

  it('falls back to the name for models only', () => {
    expect(parameterCount(historyItem('a/Qwen2.5-0.5B-med'))).toEqual({ parameters: 0.5e9, from: 'name' });
    expect(parameterCount(historyItem('a/corpus-1M', {}, { kind: 'dataset' }))).toEqual({});
  });

  it('ignores a zero or broken metadata count', () => {
    expect(parameterCount(historyItem('a/tool-7B', { parameters: 0 }))).toEqual({
      parameters: 7e9,
      from: 'name',
    });
    expect(parameterCount(historyItem('a/no-size-here', { parameters: Number.NaN }))).toEqual({});
  });
});

describe('sizeClass', () => {
  it.each([
    [undefined, undefined],
    [0, undefined],
    [-5, undefined],
    [135e6, 'tiny'],
    [999_999_999, 'tiny'],
    [1e9, 'small'],
    [9.9e9, 'small'],
    [10e9, 'medium'],
    [69.9e9, 'medium'],
    [70e9, 'large'],
    [1e12, 'large'],
  ])('%s → %s', (parameters, expected) => {
    expect(sizeClass(parameters)).toBe(expected);
  });
});
