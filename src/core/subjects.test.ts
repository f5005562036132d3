import { describe, expect, it } from 'vitest';
import { authorPath, itemPath, subjectFromPath } from './subjects.js';

describe('subject paths', () => {
  it('gives each kind its section, and releases their repository', () => {
    expect(itemPath('model', 'Qwen/Qwen3-8B')).toBe('/models/Qwen/Qwen3-8B/');
    expect(itemPath('dataset', 'open-r1/math_v1.2')).toBe('/datasets/open-r1/math_v1.2/');
    expect(itemPath('space', 'hf/chat')).toBe('/spaces/hf/chat/');
    expect(itemPath('repository', 'ollama/ollama')).toBe('/repos/ollama/ollama/');
    expect(itemPath('release', 'ollama/ollama@v0.9.1')).toBe('/repos/ollama/ollama/');
    expect(itemPath('paper', '2506.01234')).toBe('/papers/2506.01234/');
    expect(authorPath('unsloth')).toBe('/authors/unsloth/');
  });

  it('refuses ids that could escape their section or hold markup', () => {
    for (const id of ['../etc', 'a/..', 'a/b/c', 'a', '', 'a/<b>', 'a/b c', 'a/b?x', 'a/%2e%2e'])
      expect(itemPath('model', id), id).toBeUndefined();
    expect(itemPath('paper', '../x')).toBeUndefined();
    expect(authorPath('..')).toBeUndefined();
    expect(authorPath('a/b')).toBeUndefined();
  });

  it('reads a path back into its subject', () => {
    expect(subjectFromPath('/models/Qwen/Qwen3-8B/')).toEqual({
      type: 'item',
      kind: 'model',
      externalId: 'Qwen/Qwen3-8B',
    });
    expect(subjectFromPath('/authors/unsloth/')).toEqual({ type: 'author', name: 'unsloth' });
    expect(subjectFromPath('/papers/2506.01234/')).toEqual({
      type: 'item',
      kind: 'paper',
      externalId: '2506.01234',
    });
    expect(subjectFromPath('/models/only-one/')).toBeUndefined();
    expect(subjectFromPath('/models/a/%E0%A4%A/')).toBeUndefined();
    expect(subjectFromPath('/widgets/a/b/')).toBeUndefined();
  });
});
