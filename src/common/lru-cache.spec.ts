import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('forgets the least recently used entries first, a read counting as a use', () => {
    const cache = new LruCache<string, number>(10);
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, i);
    expect(cache.get('k0')).toBe(0);
    cache.set('k10', 10);
    // Past its capacity it keeps nine tenths: the two least recently used (k1, k2) are gone, k0 was read.
    expect(cache.size).toBe(9);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k2')).toBeUndefined();
    for (const key of ['k0', 'k3', 'k9', 'k10']) expect(cache.get(key)).toBeDefined();
  });

  it('never holds more than its capacity and always keeps the entry just written', () => {
    for (const capacity of [1, 2, 7, 100]) {
      const cache = new LruCache<number, number>(capacity);
      for (let i = 0; i < 1_000; i++) {
        cache.set(i, i);
        expect(cache.size).toBeLessThanOrEqual(capacity);
        expect(cache.get(i)).toBe(i);
      }
    }
  });

  it('writing a key again replaces its value without growing', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(2);
  });
});
