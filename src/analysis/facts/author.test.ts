import { describe, expect, it } from 'vitest';
import { authorKind, DEFAULT_BIG_LABS, isBigLab } from './author.js';
import { historyItem } from './test-items.js';

describe('authorKind', () => {
  it('maps the Hub author type', () => {
    expect(authorKind(historyItem('a/b', { authorKind: 'user' }))).toBe('individual');
    expect(authorKind(historyItem('a/b', { authorKind: 'org' }))).toBe('organisation');
    expect(authorKind(historyItem('a/b'))).toBeUndefined();
  });
});

describe('isBigLab', () => {
  it('matches the default list ignoring case', () => {
    expect(isBigLab('Qwen')).toBe(true);
    expect(isBigLab('qwen')).toBe(true);
    expect(isBigLab('META-LLAMA')).toBe(true);
    expect(isBigLab('deepseek-ai')).toBe(true);
    expect(isBigLab('hanyc4855')).toBe(false);
    expect(isBigLab('StyTJU')).toBe(false);
  });

  it('uses a configured list instead of the default', () => {
    expect(isBigLab('StyTJU', ['stytju'])).toBe(true);
    expect(isBigLab('Qwen', ['stytju'])).toBe(false);
  });

  it('never counts a missing author', () => {
    expect(isBigLab(null)).toBe(false);
    expect(isBigLab(undefined)).toBe(false);
    expect(isBigLab('  ')).toBe(false);
  });

  it('lists the labs named in the brief', () => {
    for (const lab of [
      'meta-llama',
      'google',
      'microsoft',
      'openai',
      'mistralai',
      'nvidia',
      'allenai',
      'THUDM',
    ])
      expect(DEFAULT_BIG_LABS).toContain(lab);
  });
});
