import { describe, expect, it } from 'vitest';
import { historyItem } from './test-items.js';
import { itemNameTokens, nameTokens, repoName, repoOwner } from './tokens.js';

describe('tokens', () => {
  it('splits ids on separators, camelCase and digits', () => {
    expect(nameTokens('Qwen2.5-Coder_7B')).toEqual(['qwen', '2', '5', 'coder', '7', 'b']);
    expect(nameTokens('MedGemma')).toEqual(['med', 'gemma']);
    expect(nameTokens('HTTPServer')).toEqual(['http', 'server']);
    expect(nameTokens('Foo-4bit', { splitDigits: false })).toEqual(['foo', '4bit']);
    expect(nameTokens('🤗 x 🚀')).toEqual(['x']);
    expect(nameTokens('')).toEqual([]);
  });

  it('reads repo ids and paper titles', () => {
    expect(repoName('a/b/c')).toBe('c');
    expect(repoName('plain')).toBe('plain');
    expect(repoOwner('hanyc4855/H24')).toBe('hanyc4855');
    expect(repoOwner('/x')).toBeUndefined();
    expect(itemNameTokens(historyItem('2401.1', {}, { kind: 'paper', title: 'Med Vision' }))).toEqual([
      'med',
      'vision',
    ]);
  });
});
