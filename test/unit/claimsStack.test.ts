import * as assert from 'assert';
import { loadClaimModel } from '../../server/src/workspace/resources';
import { claimFeatures } from '../../server/src/analysis/claims';
import { buildContext, type ClaimContext } from '../../server/src/analysis/claims/context';
import { FEATURES_PER_TOKEN } from '../../server/src/analysis/claims/features';
import { ClaimModel, parseClaimModel, serializeClaimModel, viterbiBio, type ClaimModelFile } from '../../server/src/analysis/claims/model';
import { seededRandom, viterbi } from '../../server/src/analysis/learn/sequence';
import { SECOND_PASS_FEATURES, STACK_FEATURES, stackFeatures } from '../../server/src/analysis/claims/stack';
import { B_CON, B_CUE, CLAIM_TAGS, I_CON, NUM_TAGS, O } from '../../server/src/analysis/claims/tags';
import { claimInput } from './claimInput';
import { joinLines } from './util';

/*
 * The second pass of the claims tagger (stack.ts): its features see the first
 * pass's tags within the paragraph only, and a model file with a second pass
 * round-trips and tags within the BIO constraints.
 */

function context(text: string): ClaimContext {
  const i = claimInput(text, [['Ana Ruiz', 'person', 'ana-ruiz']], { aliases: false });
  return buildContext(i.text, i.tokens, i.sentences, i.structure, i.mentions, i.entities);
}

/** Emissions that favour each given tag by 1. */
function emitOf(tags: Uint8Array): Float32Array {
  const emit = new Float32Array(tags.length * NUM_TAGS);
  tags.forEach((t, k) => (emit[k * NUM_TAGS + t] = 1));
  return emit;
}

const stacked = (feats: Uint32Array, k: number) =>
  Array.from(feats.subarray(k * SECOND_PASS_FEATURES + FEATURES_PER_TOKEN, (k + 1) * SECOND_PASS_FEATURES));

describe('claims model: second pass', () => {
  const text = joinLines('Ana Ruiz said taxes rose.', '', 'Prices fell sharply in the spring.');
  const ctx = context(text);
  const base = claimFeatures(ctx, new Map()).feats;
  const n = ctx.tokens.length;
  const said = ctx.tokens.findIndex((t) => t.text === 'said');
  const prices = ctx.tokens.findIndex((t) => t.text === 'Prices');
  const taxes = ctx.tokens.findIndex((t) => t.text === 'taxes');

  it("keeps the first pass's features and adds its own", () => {
    const tags = new Uint8Array(n);
    const feats = stackFeatures(ctx, base, tags, emitOf(tags));
    assert.strictEqual(feats.length, n * SECOND_PASS_FEATURES);
    assert.strictEqual(SECOND_PASS_FEATURES, FEATURES_PER_TOKEN + STACK_FEATURES);
    for (let k = 0; k < n; k++) {
      assert.deepStrictEqual(
        Array.from(feats.subarray(k * SECOND_PASS_FEATURES, k * SECOND_PASS_FEATURES + FEATURES_PER_TOKEN)),
        Array.from(base.subarray(k * FEATURES_PER_TOKEN, (k + 1) * FEATURES_PER_TOKEN)),
      );
    }
  });

  it("sees a first-pass cue in the token's paragraph, not across a paragraph break", () => {
    const none = new Uint8Array(n).fill(O);
    const withCue = Uint8Array.from(none);
    withCue[said] = B_CUE;
    withCue[taxes] = B_CON;
    withCue[taxes + 1] = I_CON;
    const a = stackFeatures(ctx, base, none, emitOf(none));
    const b = stackFeatures(ctx, base, withCue, emitOf(withCue));
    // "taxes", right after the cue, sees it; "Prices", in the next paragraph, sees the same as with no cue at all.
    assert.notDeepStrictEqual(stacked(b, taxes), stacked(a, taxes));
    assert.deepStrictEqual(stacked(b, prices), stacked(a, prices));
  });

  it('round-trips a model file with a second pass and tags within the BIO constraints', () => {
    // Toy weights on the bias feature: the first pass says O, the second pass says inside content.
    const first = Uint32Array.from([base[0]]);
    const w1 = new Float32Array(NUM_TAGS);
    w1[O] = 50;
    const trans = new Float32Array((NUM_TAGS + 1) * NUM_TAGS);
    const w2 = new Float32Array(NUM_TAGS);
    w2[I_CON] = 40;
    const file = JSON.parse(
      serializeClaimModel(
        first,
        w1,
        trans,
        { bias: 0, cue: 1, content: 1, source: 0 },
        { add: 0.5, veto: 0, modelContent: false },
        new Map(),
        1,
        undefined,
        undefined,
        {
          hashes: first,
          weights: w2,
          transitions: trans,
        },
      ),
    ) as ClaimModelFile;
    const model: ClaimModel = parseClaimModel(file);
    assert.ok(model.twoPass);
    assert.ok(model.tagFirst(ctx, base).tags.every((t) => t === O));
    const tags = model.tag(ctx, base).tags;
    // The second pass makes each paragraph one content span: B-CON (an inside tag may not open it), then I-CON.
    assert.strictEqual(tags[0], B_CON);
    assert.strictEqual(tags[1], I_CON);
    for (let k = 0; k < n; k++) {
      const prev = k === 0 || ctx.blockOf[k - 1] !== ctx.blockOf[k] ? NUM_TAGS : tags[k - 1];
      assert.ok(CLAIM_TAGS.allowed[prev * NUM_TAGS + tags[k]], `token ${k}: ${prev} -> ${tags[k]}`);
    }
    const { second: _second, ...onePass } = file;
    assert.ok(!parseClaimModel(onePass).twoPass);
  });

  it('is what the committed model runs', () => {
    assert.ok(loadClaimModel().twoPass);
  });

  it('decodes with the unrolled BIO Viterbi exactly as the generic one, ties included', () => {
    const rand = seededRandom(5);
    const L = NUM_TAGS;
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 30);
      const a = Math.floor(rand() * 5);
      // Small integer scores make ties common; the first best previous tag must win in both.
      const emit = Float32Array.from({ length: (a + n) * L }, () => Math.floor(rand() * 4));
      const trans = Float32Array.from({ length: (L + 1) * L }, () => Math.floor(rand() * 3) - 1);
      const want = new Uint8Array(n);
      viterbi(CLAIM_TAGS, emit.subarray(a * L), trans, n, want, new Float64Array(n * L), new Uint8Array(n * L));
      const got = new Uint8Array(a + n);
      viterbiBio(emit, a, trans, n, got, new Float64Array(n * L), new Uint8Array(n * L));
      assert.deepStrictEqual(got.subarray(a), want);
    }
  });
});
