import { grownInt32 } from './grownInt32';
import { mixInt } from './hash';

/*
 * The first stage's entities of one document for the second stage (docStage.ts), keyed by their
 * case-folded words. A key is the sequence of the words' lowercase-form indices (DocContext.form),
 * not the lowercased words joined by spaces: two spans have equal strings exactly when their form
 * sequences are equal (one index per lowercase form, and no token holds white space), and the
 * sequences are compared and hashed without building a string per span and per part of a name.
 * The same counts as with strings; about 300 spans a news document, and the buffers are reused.
 */

export class DocEntities {
  /** Per span (in text order): first token, end token, type slot (1 PER ... 4 MISC) and entity. */
  spanStart: Int32Array = new Int32Array(64);
  spanEnd: Int32Array = new Int32Array(64);
  spanType: Int32Array = new Int32Array(64);
  spanEntity: Int32Array = new Int32Array(64);
  spans = 0;
  /** Per entity (distinct key): its first span, whose words stand for the key. */
  private first: Int32Array = new Int32Array(64);
  /** Per entity, 5 slots by type: how many spans have the key, and the types of longer entities that contain it. */
  counts: Int32Array = new Int32Array(64 * 5);
  longer: Int32Array = new Int32Array(64 * 5);
  private entities = 0;
  /** Open addressing over the keys: entity + 1 per slot, 0 empty. */
  private slots = new Int32Array(256);
  private mask = 255;

  /** Forgets the previous document's entities. */
  reset(): void {
    this.slots.fill(0);
    this.spans = 0;
    this.entities = 0;
  }

  /** Adds the span [s, e) of type slot `type`; form holds the tokens' lowercase-form indices. */
  add(form: Int32Array, s: number, e: number, type: number): void {
    if (this.spans === this.spanStart.length) this.grow(form);
    let ent = this.find(form, s, e);
    if (ent < 0) {
      ent = this.entities++;
      this.first[ent] = this.spans;
      this.counts.fill(0, ent * 5, ent * 5 + 5);
      this.longer.fill(0, ent * 5, ent * 5 + 5);
      this.place(form, s, e, ent);
    }
    this.counts[ent * 5 + type]++;
    const sp = this.spans++;
    this.spanStart[sp] = s;
    this.spanEnd[sp] = e;
    this.spanType[sp] = type;
    this.spanEntity[sp] = ent;
  }

  private place(form: Int32Array, s: number, e: number, ent: number): void {
    let slot = keyHash(form, s, e) & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = ent + 1;
  }

  /** Doubles the per-span and per-entity buffers, and the key slots, which stay at most half full (one key per span at most). */
  private grow(form: Int32Array): void {
    const size = this.spanStart.length * 2;
    this.spanStart = grownInt32(this.spanStart, size);
    this.spanEnd = grownInt32(this.spanEnd, size);
    this.spanType = grownInt32(this.spanType, size);
    this.spanEntity = grownInt32(this.spanEntity, size);
    this.first = grownInt32(this.first, size);
    this.counts = grownInt32(this.counts, size * 5);
    this.longer = grownInt32(this.longer, size * 5);
    if (this.slots.length < 2 * size) {
      this.slots = new Int32Array(4 * size);
      this.mask = this.slots.length - 1;
      for (let ent = 0; ent < this.entities; ent++) {
        const sp = this.first[ent];
        this.place(form, this.spanStart[sp], this.spanEnd[sp], ent);
      }
    }
  }

  /** Whether span sp is the first of its entity (each distinct key is visited once through it). */
  isFirst(sp: number): boolean {
    return this.first[this.spanEntity[sp]] === sp;
  }

  /** The entity whose key is the forms of tokens [s, e), or -1. */
  find(form: Int32Array, s: number, e: number): number {
    const len = e - s;
    const { slots, mask, first, spanStart, spanEnd } = this;
    let slot = keyHash(form, s, e) & mask;
    for (;;) {
      const v = slots[slot];
      if (v === 0) return -1;
      const fs = spanStart[first[v - 1]];
      if (spanEnd[first[v - 1]] - fs === len) {
        let k = 0;
        while (k < len && form[fs + k] === form[s + k]) k++;
        if (k === len) return v - 1;
      }
      slot = (slot + 1) & mask;
    }
  }
}

function keyHash(form: Int32Array, s: number, e: number): number {
  let h = e - s;
  for (let k = s; k < e; k++) h = mixInt(h, form[k]);
  return h;
}
