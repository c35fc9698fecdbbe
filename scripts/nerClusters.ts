/*
 * Induces the NER tagger's word clusters (server/src/analysis/ner/clusters.ts)
 * from unlabeled sentences: every word form seen at least MIN_FREQ times is a
 * vector of positive pointwise mutual information with its left and right
 * neighbours (the CONTEXT_WORDS most frequent lowercase forms, the rest by
 * shape), and spherical k-means splits the words into COARSE clusters, then
 * each of those into 2^FINE_BITS. Deterministic: k-means++ seeding from a fixed
 * seed, words in sorted order. Run by scripts/train.ts on CoNLL train's and
 * PolNeAR train's text only (never valid or dev).
 */
import { FINE_BITS } from '../server/src/analysis/ner/clusters';
import { rng } from '../server/src/analysis/ner/perceptron';

const MIN_FREQ = 3;
const CONTEXT_WORDS = 1000;
const COARSE = 64;
const ITERATIONS = 12;

/** Sparse row: context ids and weights (unit length). */
interface Row {
  ids: Int32Array;
  vals: Float32Array;
}

function shapeBucket(w: string): number {
  const c = w.charAt(0);
  if (c >= '0' && c <= '9') return 1;
  if (c.toLowerCase() !== c) return w.toUpperCase() === w && w.length > 1 ? 2 : 3;
  if (c.toUpperCase() !== c) return 4;
  return 5;
}

/** Spherical k-means of rows (indices `members`) into k clusters; returns the cluster of each member. */
function kmeans(rows: Row[], members: number[], clusters: number, dims: number, seed: number): Int32Array {
  const n = members.length;
  const assign = new Int32Array(n);
  const k = Math.min(clusters, n);
  if (k === 0) return assign;
  const random = rng(seed);
  const cent = new Float32Array(k * dims);
  const dot = (r: Row, c: number) => {
    let s = 0;
    const o = c * dims;
    for (let j = 0; j < r.ids.length; j++) s += r.vals[j] * cent[o + r.ids[j]];
    return s;
  };
  const setCentroid = (c: number, r: Row) => {
    cent.fill(0, c * dims, (c + 1) * dims);
    for (let j = 0; j < r.ids.length; j++) cent[c * dims + r.ids[j]] = r.vals[j];
  };
  // k-means++ seeding on cosine distance (1 - similarity).
  const best = new Float64Array(n).fill(Infinity);
  setCentroid(0, rows[members[Math.floor(random() * n)]]);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(rows[members[i]], c - 1));
      if (d < best[i]) best[i] = d;
      total += best[i] * best[i];
    }
    let x = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      x -= best[i] * best[i];
      if (x <= 0) {
        pick = i;
        break;
      }
    }
    setCentroid(c, rows[members[pick]]);
  }
  for (let it = 0; it < ITERATIONS; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[members[i]];
      let arg = 0;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(r, c);
        if (s > max) {
          max = s;
          arg = c;
        }
      }
      if (it === 0 || assign[i] !== arg) moved++;
      assign[i] = arg;
    }
    cent.fill(0);
    for (let i = 0; i < n; i++) {
      const r = rows[members[i]];
      const o = assign[i] * dims;
      for (let j = 0; j < r.ids.length; j++) cent[o + r.ids[j]] += r.vals[j];
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += cent[c * dims + d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) cent[c * dims + d] /= norm;
    }
    if (it > 0 && moved === 0) break;
  }
  return assign;
}

/** The clusters of the words of `sentences`, in the model file's form: lists[c] = space-separated words of fine cluster c. */
export function induceClusters(sentences: ReadonlyArray<readonly string[]>): string[] {
  const freq = new Map<string, number>();
  const lowerFreq = new Map<string, number>();
  for (const s of sentences) {
    for (const w of s) {
      freq.set(w, (freq.get(w) ?? 0) + 1);
      const l = w.toLowerCase();
      lowerFreq.set(l, (lowerFreq.get(l) ?? 0) + 1);
    }
  }
  const contextWords = [...lowerFreq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, CONTEXT_WORDS)
    .map((e) => e[0]);
  const ctxId = new Map(contextWords.map((w, i) => [w, i]));
  // Per side: the context words, 6 shape buckets, the sentence edge.
  const side = CONTEXT_WORDS + 7;
  const dims = 2 * side;
  const vocab = [...freq.entries()]
    .filter(([w, c]) => c >= MIN_FREQ && !/\s/.test(w))
    .map((e) => e[0])
    .sort();
  const index = new Map(vocab.map((w, i) => [w, i]));
  const counts: Array<Map<number, number>> = vocab.map(() => new Map());
  const ctxTotal = new Float64Array(dims);
  const ctxOf = (w: string | undefined) => (w === undefined ? side - 1 : (ctxId.get(w.toLowerCase()) ?? CONTEXT_WORDS + shapeBucket(w)));
  let total = 0;
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const v = index.get(s[i]);
      if (v === undefined) continue;
      const m = counts[v];
      const l = ctxOf(i > 0 ? s[i - 1] : undefined);
      const r = side + ctxOf(i + 1 < s.length ? s[i + 1] : undefined);
      m.set(l, (m.get(l) ?? 0) + 1);
      m.set(r, (m.get(r) ?? 0) + 1);
      ctxTotal[l]++;
      ctxTotal[r]++;
      total += 2;
    }
  }
  const rows: Row[] = counts.map((m) => {
    let wTotal = 0;
    for (const c of m.values()) wTotal += c;
    const ids: number[] = [];
    const vals: number[] = [];
    for (const [id, c] of [...m.entries()].sort((a, b) => a[0] - b[0])) {
      const pmi = Math.log((c * total) / (wTotal * ctxTotal[id]));
      if (pmi > 0) {
        ids.push(id);
        vals.push(pmi);
      }
    }
    const norm = Math.sqrt(vals.reduce((a, b) => a + b * b, 0)) || 1;
    return { ids: Int32Array.from(ids), vals: Float32Array.from(vals, (x) => x / norm) };
  });
  const all = vocab.map((_, i) => i);
  const coarse = kmeans(rows, all, COARSE, dims, 7);
  const fineK = 1 << FINE_BITS;
  const lists: string[][] = Array.from({ length: COARSE * fineK }, () => []);
  for (let c = 0; c < COARSE; c++) {
    const members = all.filter((i) => coarse[i] === c);
    const fine = kmeans(rows, members, fineK, dims, 100 + c);
    members.forEach((m, j) => lists[c * fineK + fine[j]].push(vocab[m]));
  }
  return lists.map((l) => l.join(' '));
}
