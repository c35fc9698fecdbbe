/*
 * The registry's key buckets (crossDocument.ts), and what lets its memoised
 * answers outlive unrelated changes: each bucket's changes are stamped by one
 * clock, and an answer records the buckets it read. It stays right while
 * none of them changed, so an update costs only the answers that read its keys.
 */

/** When a key's bucket last changed (a tick of the clock); one per key and index, never dropped. */
export interface Stamp {
  changed: number;
  /** When an entry last left the bucket: until then it only grew, and an answer may read just its new end. */
  removed: number;
}

/** What a cached answer read, and the clock when it was computed. */
export interface Deps {
  /** An array, not the Set it was recorded in: a large workspace keeps one per entity, and most hold two or three. */
  read: readonly Stamp[];
  at: number;
}

/** Records, while an answer is computed, the buckets it reads; answers nest (a target reads components). */
export class ReadTracker {
  /** Ticks once per change of a bucket. */
  clock = 0;
  /** The buckets read by the answer being computed, or null when none is. */
  reading: Set<Stamp> | null = null;

  /** Whether none of the buckets a cached answer read has changed since. */
  valid(d: Deps): boolean {
    for (const s of d.read) if (s.changed > d.at) return false;
    return true;
  }

  /** Whether the buckets a cached answer read have only gained entries since (at their ends: see BucketIndex). */
  onlyGrew(d: Deps): boolean {
    for (const s of d.read) if (s.removed > d.at) return false;
    return true;
  }

  /** A cached answer used inside another's computation: the outer one read the same buckets. */
  reuse(d: Deps): void {
    const reading = this.reading;
    if (reading) for (const s of d.read) reading.add(s);
  }

  /** Starts recording the buckets an answer reads; returns the outer recording to give to end(). */
  begin(): Set<Stamp> | null {
    const outer = this.reading;
    this.reading = new Set();
    return outer;
  }

  end(outer: Set<Stamp> | null): Deps {
    const read = this.reading ?? new Set<Stamp>();
    this.reading = outer;
    if (outer) for (const s of read) outer.add(s);
    return { read: [...read], at: this.clock };
  }
}

/*
 * Key → entries, in insertion order. Arrays, not Sets: a warm start files
 * hundreds of thousands of entries into buckets of up to one per document
 * ("n:place:iraq"), and adding an object to a Set (hashing it) was most of
 * the start. A removed entry is only marked dead and skipped, and a bucket
 * is compacted once half of it is dead: searching a bucket of thousands for
 * each key of each entity made every edit pay for the hubs. Entries are only
 * appended: a bucket with no removal since an answer read it holds what it
 * held then, followed by what came since (see ReadTracker.onlyGrew).
 */
export interface Bucket<T> {
  list: T[];
  dead: number;
  /** The bucket's changes (kept after it empties: an answer that read an empty key must see it filled); one look-up finds both. */
  stamp: Stamp;
}

export class BucketIndex<T extends { alive: boolean }> {
  constructor(private readonly tracker: ReadTracker) {}

  private readonly buckets = new Map<string, Bucket<T>>();

  /**
   * The bucket of `key`, to add to and remove from without looking it up
   * again (a bucket, once made, stays the key's for the index's life).
   */
  slot(key: string): Bucket<T> {
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { list: [], dead: 0, stamp: { changed: 0, removed: 0 } }));
    return bucket;
  }

  add(key: string, e: T): void {
    addTo(this.tracker, this.slot(key), e);
  }

  /** Call after marking the entry dead. */
  remove(key: string): void {
    removeFrom(this.tracker, this.slot(key));
  }

  /** The entries filed under `key`, dead ones included (callers skip them); the answer being computed depends on them. */
  entries(key: string): readonly T[] {
    const bucket = this.slot(key);
    this.tracker.reading?.add(bucket.stamp);
    return bucket.list;
  }
}

/** Files an entry in a bucket of any index that counts its changes with `tracker`. */
export function addTo<T>(tracker: ReadTracker, bucket: Bucket<T>, e: T): void {
  bucket.stamp.changed = ++tracker.clock;
  bucket.list.push(e);
}

/** Takes a dead entry out of a bucket of any index that counts its changes with `tracker` (call after marking it dead). */
export function removeFrom<T extends { alive: boolean }>(tracker: ReadTracker, bucket: Bucket<T>): void {
  bucket.stamp.changed = bucket.stamp.removed = ++tracker.clock;
  if (!bucket.list.length) return;
  bucket.dead++;
  if (bucket.dead * 2 < bucket.list.length) return;
  bucket.list = bucket.list.filter((x) => x.alive);
  bucket.dead = 0;
}
