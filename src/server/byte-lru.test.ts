import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru.js';

describe('ByteLru', () => {
  it('evicts the least recently used entries once over budget', () => {
    const lru = new ByteLru<string>(10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 4);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    expect(lru.bytes).toBe(8);
  });

  it('replaces an entry without counting it twice and skips values bigger than the budget', () => {
    const lru = new ByteLru<string>(10);
    lru.set('a', 'A', 6);
    lru.set('a', 'A2', 3);
    expect(lru.bytes).toBe(3);
    lru.set('huge', 'H', 11);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('a')).toBe('A2');
    lru.delete('a');
    expect(lru.size).toBe(0);
    expect(lru.bytes).toBe(0);
  });

  it('keeps the order right when the newest entry is read again, replaced or deleted', () => {
    const lru = new ByteLru<string>(12);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    lru.set('c', 'C', 4);
    expect(lru.get('a')).toBe('A');
    expect(lru.get('a')).toBe('A');
    lru.set('d', 'D', 4);
    expect(lru.get('b')).toBeUndefined();
    lru.delete('d');
    expect(lru.get('c')).toBe('C');
    lru.set('e', 'E', 4);
    lru.set('f', 'F', 4);
    // a was read before c, so a goes first, then c stays with e and f.
    expect(lru.get('a')).toBeUndefined();
    expect([lru.get('c'), lru.get('e'), lru.get('f')]).toEqual(['C', 'E', 'F']);
  });
});
