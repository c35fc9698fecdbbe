import * as assert from 'assert';
import { PackedWeightTable } from '../../server/src/analysis/learn/packedTable';
import { seededRandom } from '../../server/src/analysis/learn/sequence';
import { quantizeRows } from '../../server/src/analysis/learn/weightRows';

/*
 * The claims tagger's feature table packs each row's int8 weights into its
 * slot; its emissions must be exactly those of the dequantised float rows
 * (weight = float32(int8 * scale)), whatever the signs, the label count and
 * the hash collisions in the slots.
 */

function reference(
  hashes: Uint32Array,
  q: Int8Array,
  scales: Float32Array,
  L: number,
  feats: Uint32Array,
  per: number,
  n: number,
): Float32Array {
  const row = new Map<number, number>();
  hashes.forEach((h, r) => row.set(h, r));
  const out = new Float32Array(n * L);
  for (let t = 0; t < n; t++) {
    for (let f = 0; f < per; f++) {
      const r = row.get(feats[t * per + f]);
      if (r === undefined) continue;
      for (let l = 0; l < L; l++) out[t * L + l] += Math.fround(q[r * L + l] * scales[r]);
    }
  }
  return out;
}

describe('packed weight table', () => {
  for (const L of [3, 7, 8]) {
    it(`sums the dequantised weights of ${L} labels exactly, negative weights and colliding slots included`, () => {
      const rand = seededRandom(L);
      const rows = 500;
      // Hashes that share their low bits collide in the slots and probe onwards.
      const hashes = Uint32Array.from({ length: rows }, (_, r) => (((r % 50) + 1) | (((r * 2654435761) >>> 0) & 0xffff0000)) >>> 0);
      const weights = Float32Array.from({ length: rows * L }, () => (rand() - 0.5) * 200);
      const { q, scales } = quantizeRows(weights, L);
      const table = new PackedWeightTable(hashes, q, scales, L);
      const n = 40;
      const per = 6;
      // Half the features are in the table, half are not (0 = absent, or an unknown hash).
      const feats = Uint32Array.from({ length: n * per }, (_, i) =>
        i % 2 ? hashes[Math.floor(rand() * rows)] : i % 4 === 0 ? 0 : (Math.floor(rand() * 2 ** 32) | 1) >>> 0,
      );
      const out = new Float32Array(n * L);
      table.emissions(feats, per, n, out);
      assert.deepStrictEqual(out, reference(hashes, q, scales, L, feats, per, n));
      assert.ok(out.some((x) => x < 0) && out.some((x) => x > 0));
    });
  }

  it('refuses more labels than a slot holds', () => {
    assert.throws(() => new PackedWeightTable(new Uint32Array(1), new Int8Array(9), new Float32Array(1), 9), /at most 8/);
  });
});
