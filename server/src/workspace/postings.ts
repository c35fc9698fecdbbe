/**
 * A group's postings by document: two arrays appended to, not a map (a
 * warm start files 860,000 postings, and inserting each in a map of
 * thousands was a tenth of it), with a map from uri to place made only
 * when a posting is first looked up or removed, and kept from then on.
 * Their order is no answer's: every list made from them is sorted.
 */
export class Postings<P> {
  private readonly uris: string[] = [];
  private readonly items: P[] = [];
  private at: Map<string, number> | null = null;

  get size(): number {
    return this.uris.length;
  }

  /** Adds the posting of a document that has none here. */
  add(uri: string, p: P): void {
    this.at?.set(uri, this.uris.length);
    this.uris.push(uri);
    this.items.push(p);
  }

  private index(): Map<string, number> {
    if (!this.at) {
      const at = new Map<string, number>();
      for (let i = 0; i < this.uris.length; i++) at.set(this.uris[i], i);
      this.at = at;
    }
    return this.at;
  }

  get(uri: string): P | undefined {
    const i = this.index().get(uri);
    return i === undefined ? undefined : this.items[i];
  }

  has(uri: string): boolean {
    return this.index().has(uri);
  }

  /** Takes the document's posting out (the last one takes its place) and gives it back. */
  delete(uri: string): P | undefined {
    const at = this.index();
    const i = at.get(uri);
    if (i === undefined) return undefined;
    const p = this.items[i];
    const last = this.uris.length - 1;
    if (i !== last) {
      this.uris[i] = this.uris[last];
      this.items[i] = this.items[last];
      at.set(this.uris[i], i);
    }
    this.uris.pop();
    this.items.pop();
    at.delete(uri);
    return p;
  }

  keys(): readonly string[] {
    return this.uris;
  }

  forEach(visit: (p: P, uri: string) => void): void {
    for (let i = 0; i < this.uris.length; i++) visit(this.items[i], this.uris[i]);
  }
}
