import { seededRandom, shuffleInPlace } from '../../server/src/analysis/learn/perceptron';

/*
 * An averaged ranking perceptron over named features: each instance is a
 * short list of candidates (each a list of feature names), one of them the
 * target; training moves the weights toward the target's features and away
 * from those of a wrongly preferred candidate (Collins 2002, with averaging).
 * Small and deterministic: the content-extent ranker (extents.ts)
 * is measured with it by scripts/extentRanker.ts.
 */

export interface RankInstance {
  /** Feature names per candidate; candidate 0 wins ties. */
  candidates: string[][];
  /** How good each candidate is (e.g. Jaccard against the gold span); the best is the target. */
  quality: number[];
}

/** Score of a candidate: the sum of its features' weights (unknown features weigh nothing). */
export function rankScore(weights: ReadonlyMap<string, number>, feats: readonly string[]): number {
  let s = 0;
  for (const f of feats) s += weights.get(f) ?? 0;
  return s;
}

/** Index of the best-scored candidate; earlier candidates win ties, and candidate 0 (the default) gets `margin` more. */
export function rankBest(weights: ReadonlyMap<string, number>, candidates: readonly (readonly string[])[], margin = 0): number {
  let best = 0;
  let bestScore = -Infinity;
  candidates.forEach((c, i) => {
    const s = rankScore(weights, c) + (i === 0 ? margin : 0);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

function target(quality: readonly number[]): number {
  let t = 0;
  for (let i = 1; i < quality.length; i++) if (quality[i] > quality[t]) t = i;
  return t;
}

/** Averaged weights after `epochs` passes in a seeded order, rounded to 3 decimals, zeros dropped. */
export function trainRanker(instances: readonly RankInstance[], epochs: number, seed: number): Map<string, number> {
  const w = new Map<string, number>();
  // Sum over updates of (step of update) × delta, for the average: avg = w - u / steps.
  const u = new Map<string, number>();
  const random = seededRandom(seed);
  const order = instances.map((_, i) => i);
  let step = 1;
  const bump = (feats: readonly string[], delta: number) => {
    for (const f of feats) {
      w.set(f, (w.get(f) ?? 0) + delta);
      u.set(f, (u.get(f) ?? 0) + step * delta);
    }
  };
  for (let e = 0; e < epochs; e++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const inst = instances[i];
      const t = target(inst.quality);
      const p = rankBest(w, inst.candidates);
      if (inst.quality[p] < inst.quality[t]) {
        bump(inst.candidates[t], 1);
        bump(inst.candidates[p], -1);
      }
      step++;
    }
  }
  const avg = new Map<string, number>();
  for (const f of [...w.keys()].sort()) {
    const v = Math.round((w.get(f)! - (u.get(f) ?? 0) / step) * 1000) / 1000;
    if (v !== 0) avg.set(f, v);
  }
  return avg;
}
