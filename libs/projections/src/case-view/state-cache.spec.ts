import { StateCache } from './state-cache';

describe('StateCache: the case view’s parsed states between batches', () => {
  it('answers only at the stored revision, evicts the least recently used past its capacity, and counts both', () => {
    const cache = new StateCache<string>(2);
    cache.set('a', 0, 'a@0');
    cache.set('b', 3, 'b@3');
    expect(cache.get('a', 0)).toBe('a@0');
    expect(cache.get('b', 4)).toBeUndefined();
    cache.set('c', 1, 'c@1');
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 0)).toBe('a@0');
    expect(cache.stats()).toEqual({ entries: 2, max_entries: 2, hits: 2, misses: 2, evictions: 1 });
  });

  it('holds nothing at capacity 0', () => {
    const cache = new StateCache<string>(0);
    cache.set('a', 0, 'a@0');
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.stats()).toEqual({ entries: 0, max_entries: 0, hits: 0, misses: 1, evictions: 1 });
  });
});
