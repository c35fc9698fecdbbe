import { ownString } from './ownString';

/**
 * A cache that forgets everything when full: names repeat within and across documents, so hits dominate.
 * It outlives documents, so what it stores must not be a view into one (see ownString).
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  /**
   * Stores the value of a key not in the cache, computed from a copy of the key, and returns it: a
   * value cut from the key (a lowercase form, a word of a name) then holds no document either.
   */
  remember(key: string, compute: (key: string) => V): V {
    const own = ownString(key);
    const value = compute(own);
    // Cleared, not replaced: V8 treats a field never reassigned as a constant in optimised code, and
    // the first replacement (when a cache first fills, on new text) made every caller bail out.
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(own, value);
    return value;
  }
}
