import { describe, expect, it } from 'vitest';
import { isGeneric, NameSet } from './names.js';

describe('NameSet', () => {
  const names = new NameSet([
    'hanyc4855/H24',
    'meta-llama/Llama-3.3-70B-Instruct',
    'Qwen/Qwen2.5-0.5B-Instruct',
    '',
  ]);

  it('allows names equal to or whole parts of plan names, ignoring case', () => {
    for (const name of ['hanyc4855/h24', 'H24', 'hanyc4855', 'Llama-3.3-70B', 'llama-3.3', 'Qwen2.5-0.5B'])
      expect(names.has(name), name).toBe(true);
  });

  it('refuses fragments of longer words or numbers', () => {
    for (const name of ['H2', 'Llama-3', 'Qwen2', 'Qwen2.5-0', 'anyc4855', '', 'GPT-5'])
      expect(names.has(name), name).toBe(false);
  });

  it('allows the generic terms', () => {
    expect(names.has('H100')).toBe(true);
    expect(names.has('AI')).toBe(true);
    expect(isGeneric('Sunday')).toBe(true);
    expect(isGeneric('GPT-5')).toBe(false);
  });
});
