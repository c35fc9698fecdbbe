/** Disjoint sets of mentions; a set may carry a fixed identity (alias data or gazetteer id), and two different ones never merge. */
export class UnionFind {
  readonly parent: Int32Array;
  readonly fixed: Array<string | undefined>;
  constructor(n: number) {
    // A plain loop: Array.from with a mapping function showed up in profiles (one set per mention, every document).
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.fixed = new Array<string | undefined>(n);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  /** Merges unless the two sets carry different fixed ids. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const fa = this.fixed[ra];
    const fb = this.fixed[rb];
    if (fa !== undefined && fb !== undefined && fa !== fb) return false;
    // The earlier mention stays root so clusters come out in text order.
    const root = ra < rb ? ra : rb;
    this.parent[ra < rb ? rb : ra] = root;
    this.fixed[root] = fa ?? fb;
    return true;
  }
}
