/*
 * The passes of the attribution tagger in training (scripts/trainClaims.ts):
 * a problem for the sequence perceptron from documents' feature hashes, a
 * pass trained on a subset of the documents, and the first pass's tags on
 * PolNeAR train made by models that did not see the document (k-fold
 * jackknife), which the second pass (server/src/analysis/claims/stack.ts)
 * learns from.
 */
import type { ClaimContext } from '../server/src/analysis/claims/context';
import type { RoleSpan } from '../server/src/analysis/claims/decode';
import { tagsOfSpans } from '../server/src/analysis/claims/decode';
import { ClaimModel, passAsWritten, type Calibration, type PassWeights } from '../server/src/analysis/claims/model';
import type { MergeParams } from '../server/src/analysis/claims/merge';
import { stackFeatures } from '../server/src/analysis/claims/stack';
import { CLAIM_TAGS } from '../server/src/analysis/claims/tags';
import { frequentValues } from '../server/src/analysis/learn/perceptron';
import { trainSequencePerceptron, type SequenceWeights } from '../server/src/analysis/learn/sequence';

export interface PassDoc {
  ctx: ClaimContext;
  roles: RoleSpan[];
}

export interface PassProblem {
  /** Dense feature ids, tokens x featuresPerToken over all documents in order; -1 = absent. */
  feats: Int32Array;
  featuresPerToken: number;
  gold: Uint8Array;
  /** Per document: its sequences (blocks) as [start, end) pairs into the token arrays. */
  seqsOf: number[][];
  /** The hash of each dense feature id. */
  featHashes: Uint32Array;
}

/** The problem of documents whose features are hashesOf(doc) (F per token); features seen fewer than minCount times are left out. */
export function buildProblem<D extends PassDoc>(docs: D[], hashesOf: (d: D) => Uint32Array, F: number, minCount: number): PassProblem {
  let nTok = 0;
  for (const d of docs) nTok += d.ctx.tokens.length;
  const all = new Uint32Array(nTok * F);
  const gold = new Uint8Array(nTok);
  const seqsOf: number[][] = [];
  let off = 0;
  for (const d of docs) {
    all.set(hashesOf(d), off * F);
    gold.set(tagsOfSpans(d.ctx, d.roles), off);
    const seqs: number[] = [];
    const n = d.ctx.tokens.length;
    for (let a = 0; a < n;) {
      let b = a + 1;
      while (b < n && d.ctx.blockOf[b] === d.ctx.blockOf[a]) b++;
      seqs.push(off + a, off + b);
      a = b;
    }
    seqsOf.push(seqs);
    off += n;
  }
  const featHashes = frequentValues(all.filter((h) => h !== 0).sort(), minCount);
  const index = new Map<number, number>();
  featHashes.forEach((h, i) => index.set(h, i));
  const feats = new Int32Array(all.length);
  for (let i = 0; i < all.length; i++) feats[i] = all[i] === 0 ? -1 : (index.get(all[i]) ?? -1);
  return { feats, featuresPerToken: F, gold, seqsOf, featHashes };
}

/** A pass trained on the documents whose index `use` accepts. */
export function trainPass(
  p: PassProblem,
  use: (doc: number) => boolean,
  epochs: number,
  seed: number,
  onEpoch?: (epoch: number, avg: SequenceWeights, mistakes: number) => void,
): SequenceWeights {
  const seqs = p.seqsOf.flatMap((s, i) => (use(i) ? s : []));
  return trainSequencePerceptron(
    CLAIM_TAGS,
    {
      feats: p.feats,
      featuresPerToken: p.featuresPerToken,
      gold: p.gold,
      sequences: Int32Array.from(seqs),
      numFeatures: p.featHashes.length,
    },
    { epochs, seed, onEpoch },
  );
}

const NO_CAL: Calibration = { bias: 0, cue: 1, content: 1, source: 0 };
const NO_MERGE: MergeParams = { add: 0, veto: 0, modelContent: false };

/**
 * The second pass's features of each training document, from the first pass
 * of a model trained on the other folds (as written: pruned and quantised),
 * so that the second pass learns from first-pass tags as good as on unseen text.
 */
export function jackknifeStack<D extends PassDoc & { hashes: Uint32Array }>(
  docs: D[],
  p: PassProblem,
  folds: number,
  epochs: number,
  seed: number,
  minWeight: number,
  cueWords: ReadonlyMap<string, number>,
): Uint32Array[] {
  const out = new Array<Uint32Array>(docs.length);
  for (let f = 0; f < folds; f++) {
    const w = trainPass(p, (i) => i % folds !== f, epochs, seed);
    const pass: PassWeights = passAsWritten(p.featHashes, w.weights, w.transitions, minWeight);
    const model = new ClaimModel(pass.hashes, pass.q, pass.scales, pass.transitions, NO_CAL, NO_MERGE, cueWords);
    docs.forEach((d, i) => {
      if (i % folds !== f) return;
      const t = model.tagFirst(d.ctx, d.hashes);
      out[i] = stackFeatures(d.ctx, d.hashes, t.tags, t.emit);
    });
  }
  return out;
}
