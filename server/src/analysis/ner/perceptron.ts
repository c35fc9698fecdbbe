import { NUM_FEATURES } from './features';
import { NUM_LABELS, viterbi } from './viterbi';
import { seededRandom, trainAveragedPerceptron, type PerceptronWeights } from '../learn/perceptron';

/*
 * Averaged structured perceptron (Collins 2002) over first-order Viterbi.
 * Training lives here rather than in scripts/ so that unit tests can train a
 * toy model without the shared data. The loop itself is shared with the claims
 * tagger (learn/perceptron.ts); this file adapts it to the 9 BIO labels.
 */

export interface TrainingSet {
  /** tokens x NUM_FEATURES dense feature ids; -1 for features outside the model (too rare). */
  feats: Int32Array;
  /** Gold BIO label index per token. */
  gold: Uint8Array;
  /** Flattened [tokenStart, tokenEnd) pairs, one per sentence. */
  sentences: Int32Array;
  numFeatures: number;
  /** Features per token in feats (default NUM_FEATURES). */
  stride?: number;
  /** Fixed scores (tokens x labels) added to the emissions: the first stage's, when training the second (docStage.ts). */
  base?: Float32Array;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Starting transition scores (default zero). */
  initTransitions?: Float32Array;
  /** Called after each epoch with the averaged weights so far (e.g. to report dev F1). */
  onEpoch?: (epoch: number, weights: Float32Array, transitions: Float32Array, mistakes: number) => void;
}

export type TrainedWeights = PerceptronWeights;

/** The project's one deterministic PRNG (mulberry32), under the name the NER code has always used. */
export const rng = seededRandom;

/** Trains over the unrolled 9-label Viterbi with the shared trainer (learn/perceptron.ts). */
export function trainPerceptron(set: TrainingSet, opts: TrainOptions): TrainedWeights {
  return trainAveragedPerceptron(
    {
      labels: NUM_LABELS,
      feats: set.feats,
      featuresPerToken: set.stride ?? NUM_FEATURES,
      gold: set.gold,
      sequences: set.sentences,
      numFeatures: set.numFeatures,
      base: set.base,
      decoder: (maxLen) => {
        const back = new Uint8Array(maxLen * NUM_LABELS);
        return (emit, trans, n, out) => viterbi(emit, trans, 0, n, out, back);
      },
    },
    {
      epochs: opts.epochs,
      random: rng(opts.seed),
      initTransitions: opts.initTransitions,
      onEpoch: opts.onEpoch ? (epoch, avg, mistakes) => opts.onEpoch?.(epoch, avg.weights, avg.transitions, mistakes) : undefined,
    },
  );
}
