import { seededRandom } from '../learn/perceptron';

/*
 * Greedy left-to-right averaged perceptron (the classic form of a fast
 * part-of-speech tagger): each token's label is the argmax of the summed
 * weights of its features, some of which look at the labels already chosen
 * for the tokens before it. Training uses the tagger's own earlier choices
 * for those features (not the gold ones), so it learns to recover from its
 * mistakes as it will have to at run time. Deterministic (seeded shuffle).
 */

export interface GreedyProblem {
  labels: number;
  /** tokens x perToken static feature hashes (0 = none): the ones that depend on the words only. */
  hashes: Uint32Array;
  perToken: number;
  gold: Uint8Array;
  /** Flattened [tokenStart, tokenEnd) pairs, one per sentence. */
  sequences: Int32Array;
  /** Hashes of the features of token t of sentence [s, e) that depend on labels pred[s..t-1]; writes them to out, returns how many. */
  dynamic: (t: number, s: number, e: number, pred: Uint8Array, out: Uint32Array) => number;
  /** Static features seen fewer times are left out. */
  minCount: number;
}

export interface GreedyWeights {
  /** Feature hash of each row, ascending. */
  hashes: Uint32Array;
  /** rows x labels. */
  weights: Float32Array;
}

export function trainGreedy(problem: GreedyProblem, opts: { epochs: number; seed: number }): GreedyWeights {
  const L = problem.labels;
  const F = problem.perToken;
  const { hashes, gold, sequences } = problem;
  // Dense ids: static hashes seen minCount times (sorted, so that ids do not depend on the order of the data), dynamic ones as met.
  const counts = new Map<number, number>();
  for (let i = 0; i < hashes.length; i++) if (hashes[i] !== 0) counts.set(hashes[i], (counts.get(hashes[i]) ?? 0) + 1);
  const kept = [...counts].filter(([, c]) => c >= problem.minCount).map(([h]) => h);
  kept.sort((a, b) => a - b);
  const ids = new Map<number, number>(kept.map((h, i) => [h, i]));
  const feats = new Int32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) feats[i] = hashes[i] === 0 ? -1 : (ids.get(hashes[i]) ?? -1);
  let cap = Math.max(1024, ids.size * 2);
  let W = new Float32Array(cap * L);
  let U = new Float64Array(cap * L);
  const idOf = (h: number): number => {
    let id = ids.get(h);
    if (id === undefined) {
      id = ids.size;
      ids.set(h, id);
      if (id >= cap) {
        cap *= 2;
        const w2 = new Float32Array(cap * L);
        w2.set(W);
        W = w2;
        const u2 = new Float64Array(cap * L);
        u2.set(U);
        U = u2;
      }
    }
    return id;
  };
  const nSeq = sequences.length / 2;
  let maxLen = 1;
  for (let s = 0; s < nSeq; s++) maxLen = Math.max(maxLen, sequences[2 * s + 1] - sequences[2 * s]);
  const pred = new Uint8Array(gold.length);
  const dyn = new Uint32Array(64);
  const dynIds = new Int32Array(64);
  const score = new Float64Array(L);
  const order = new Int32Array(nSeq);
  for (let s = 0; s < nSeq; s++) order[s] = s;
  const random = seededRandom(opts.seed);
  let c = 1;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = nSeq - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    for (let oi = 0; oi < nSeq; oi++) {
      const s = sequences[2 * order[oi]];
      const e = sequences[2 * order[oi] + 1];
      for (let t = s; t < e; t++) {
        const nd = problem.dynamic(t, s, e, pred, dyn);
        for (let k = 0; k < nd; k++) dynIds[k] = idOf(dyn[k]);
        score.fill(0);
        const fo = t * F;
        for (let k = 0; k < F; k++) {
          const f = feats[fo + k];
          if (f >= 0) for (let l = 0; l < L; l++) score[l] += W[f * L + l];
        }
        for (let k = 0; k < nd; k++) {
          const f = dynIds[k];
          for (let l = 0; l < L; l++) score[l] += W[f * L + l];
        }
        let best = 0;
        for (let l = 1; l < L; l++) if (score[l] > score[best]) best = l;
        pred[t] = best;
        const g = gold[t];
        if (best !== g) {
          const upd = (f: number) => {
            W[f * L + g] += 1;
            U[f * L + g] += c;
            W[f * L + best] -= 1;
            U[f * L + best] -= c;
          };
          for (let k = 0; k < F; k++) if (feats[fo + k] >= 0) upd(feats[fo + k]);
          for (let k = 0; k < nd; k++) upd(dynIds[k]);
        }
        c++;
      }
    }
  }
  const n = ids.size;
  const order2 = [...ids].sort((a, b) => a[0] - b[0]);
  const outHashes = new Uint32Array(n);
  const weights = new Float32Array(n * L);
  order2.forEach(([h, id], r) => {
    outHashes[r] = h;
    for (let l = 0; l < L; l++) weights[r * L + l] = W[id * L + l] - U[id * L + l] / c;
  });
  return { hashes: outHashes, weights };
}
