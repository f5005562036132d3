import { describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../core/history.js';
import { findSeries } from './series.js';
import { historyItem } from './test-items.js';

function items(...ids: string[]): HistoryItem[] {
  return ids.map((id, index) => historyItem(id, {}, { id: index + 1 }));
}

describe('findSeries', () => {
  it('groups the seed story H24 and H25, in numeric order', () => {
    expect(findSeries(items('hanyc4855/H25', 'hanyc4855/H24', 'StyTJU/multi-object-detection'))).toEqual([
      { key: 'hanyc4855/H', author: 'hanyc4855', stem: 'H', members: [2, 1], labels: ['24', '25'] },
    ]);
  });

  it.each([
    [['a/model-v2', 'a/model-v3', 'a/model-v10'], 'a/model', ['v2', 'v3', 'v10']],
    [['a/Foo-2', 'a/Foo-1'], 'a/Foo', ['1', '2']],
    [['meta/llama-3.2-8b', 'meta/llama-3.1-8b', 'meta/llama-3-8b'], 'meta/llama-8b', ['3', '3.1', '3.2']],
    [['a/Foo-7B-v1', 'a/Foo-7B-v2'], 'a/Foo-7B', ['v1', 'v2']],
    [['a/checkpoint-1000', 'a/checkpoint-500'], 'a/checkpoint', ['500', '1000']],
    [['a/H24', 'a/h25'], 'a/H', ['24', '25']],
  ])('%j is a series %s', (ids, key, labels) => {
    const [series] = findSeries(items(...ids));
    expect(series?.key).toBe(key);
    expect(series?.labels).toEqual(labels);
  });

  it.each([
    [['a/foo-7B', 'a/foo-8B'], 'sizes are not versions'],
    [['a/Mixtral-8x7B', 'a/Mixtral-4x7B'], 'expert counts are sizes'],
    [['a/foo-fp8', 'a/foo-fp16'], 'quantisation formats are not versions'],
    [['a/foo-Q4_K_M', 'a/foo-Q8_0'], 'GGUF quant levels are not versions'],
    [['a/foo-4bit', 'a/foo-8bit'], 'bit widths are not versions'],
    [['a/H24', 'b/H25'], 'two authors'],
    [['a/alpha-7B', 'a/beta-8B'], 'different names that share a size suffix'],
    [['a/1', 'a/2'], 'nothing but a number'],
    [['a/H24', 'a/H24'], 'one number twice'],
    [['a/Qwen3.8-27B-Uncensored-FP8', 'a/Qwen3.8-27B-Uncensored-MLX'], 'same version, different format'],
  ])('%j is not a series (%s)', (ids) => {
    expect(findSeries(items(...ids))).toEqual([]);
  });

  it('keeps kinds apart and leaves papers out', () => {
    const mixed = [
      historyItem('a/thing-v1', {}, { id: 1 }),
      historyItem('a/thing-v2', {}, { id: 2, kind: 'dataset' }),
      historyItem('2401.00001', {}, { id: 3, kind: 'paper', author: 'x' }),
      historyItem('2401.00002', {}, { id: 4, kind: 'paper', author: 'x' }),
    ];
    expect(findSeries(mixed)).toEqual([]);
  });

  it('puts an item in one series only, the largest', () => {
    const found = findSeries(items('a/run-1-step-1', 'a/run-1-step-2', 'a/run-1-step-3', 'a/run-2-step-1'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ stem: 'run-1-step', members: [1, 2, 3] });
  });

  it('falls back to the id owner when the author is missing, and survives odd names', () => {
    const odd = [
      historyItem('o/X-1', {}, { id: 1, author: null }),
      historyItem('o/X-2', {}, { id: 2, author: null }),
      historyItem('🤗🚀', {}, { id: 3, author: null }),
      historyItem('', {}, { id: 4, author: '' }),
      historyItem('o/99999999999999999999-a', {}, { id: 5 }),
    ];
    expect(findSeries(odd)).toEqual([
      { key: 'o/X', author: 'o', stem: 'X', members: [1, 2], labels: ['1', '2'] },
    ]);
  });
});
