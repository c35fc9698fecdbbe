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
      const table = new PackedWeightTable([{ hashes, q, scales }], L);
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

  it('holds two weight sets: each set sums its own rows alone, and both in one sweep give the same sums', () => {
    const L = 7;
    const rand = seededRandom(11);
    const rows = 400;
    const all = Uint32Array.from({ length: rows }, (_, r) => (((r % 40) + 1) | (((r * 2654435761) >>> 0) & 0xffff0000)) >>> 0);
    // Set 0 has the first 300 rows, set 1 the last 300: a hundred rows in one set only, two hundred in both.
    const h0 = all.slice(0, 300);
    const h1 = all.slice(100);
    const w0 = quantizeRows(
      Float32Array.from({ length: 300 * L }, () => (rand() - 0.5) * 50),
      L,
    );
    const w1 = quantizeRows(
      Float32Array.from({ length: 300 * L }, () => (rand() - 0.5) * 50),
      L,
    );
    const table = new PackedWeightTable(
      [
        { hashes: h0, ...w0 },
        { hashes: h1, ...w1 },
      ],
      L,
    );
    const n = 30;
    const per = 5;
    const feats = Uint32Array.from({ length: n * per }, (_, i) => (i % 5 === 0 ? 0 : all[Math.floor(rand() * rows)]));
    const ref0 = reference(h0, w0.q, w0.scales, L, feats, per, n);
    const ref1 = reference(h1, w1.q, w1.scales, L, feats, per, n);
    const out0 = new Float32Array(n * L);
    const out1 = new Float32Array(n * L);
    table.emissions(feats, per, n, out0, 0);
    table.emissions(feats, per, n, out1, 1);
    assert.deepStrictEqual(out0, ref0);
    assert.deepStrictEqual(out1, ref1);
    const both0 = new Float32Array(n * L);
    const both1 = new Float32Array(n * L);
    table.emissionsBoth(feats, per, n, both0, both1);
    assert.deepStrictEqual(both0, ref0);
    assert.deepStrictEqual(both1, ref1);
    assert.notDeepStrictEqual(ref0, ref1);
  });

  it('refuses more labels than a slot holds', () => {
    assert.throws(
      () => new PackedWeightTable([{ hashes: new Uint32Array(1), q: new Int8Array(9), scales: new Float32Array(1) }], 9),
      /at most 8/,
    );
  });
});
