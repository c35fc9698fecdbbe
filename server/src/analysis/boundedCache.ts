/** A cache that forgets everything when full: names repeat within and across documents, so hits dominate. */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    // Cleared, not replaced: V8 treats a field never reassigned as a constant in optimised code, and
    // the first replacement (when a cache first fills, on new text) made every caller bail out.
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
  }
}
