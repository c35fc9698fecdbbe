/*
 * The payload of the model files (NER and claims): for each kept feature, its
 * 32-bit hash, a float32 scale and `labels` int8 weights (weight = int8 *
 * scale), laid out as hashes (u32 LE x rows), scales (f32 LE x rows), weights
 * (i8 x rows x labels), in base64. Per-row scales keep the small weights of
 * rare features precise while the table stays at 8 + labels bytes a feature.
 */

/** Per-row int8 quantisation: each row's largest weight maps to +-127. */
export function quantizeRows(weights: Float32Array, labels: number): { q: Int8Array; scales: Float32Array } {
  const L = labels;
  const rows = weights.length / L;
  const q = new Int8Array(weights.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(weights[r * L + l]));
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    if (scale > 0) for (let l = 0; l < L; l++) q[r * L + l] = Math.round(weights[r * L + l] / scale);
  }
  return { q, scales };
}

/**
 * Drops features whose largest weight is below minWeight (they hardly ever
 * change a decision), quantises the rest and encodes them.
 */
export function encodeRows(hashes: Uint32Array, weights: Float32Array, labels: number, minWeight: number): { rows: number; data: string } {
  const L = labels;
  const keep: number[] = [];
  for (let r = 0; r < hashes.length; r++) {
    let max = 0;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(weights[r * L + l]));
    if (max >= minWeight) keep.push(r);
  }
  // Sorted hashes make the file deterministic and compress well if anyone gzips it.
  keep.sort((a, b) => hashes[a] - hashes[b]);
  const rows = keep.length;
  const buf = Buffer.alloc(rows * (8 + L));
  const { q, scales } = quantizeRows(weights, L);
  keep.forEach((r, i) => {
    buf.writeUInt32LE(hashes[r], i * 4);
    buf.writeFloatLE(scales[r], rows * 4 + i * 4);
    for (let l = 0; l < L; l++) buf.writeInt8(q[r * L + l], rows * 8 + i * L + l);
  });
  return { rows, data: buf.toString('base64') };
}

/** Decodes a payload of `rows` rows; `what` names the model in the error when the size is wrong. */
export function decodeRows(
  data: string,
  rows: number,
  labels: number,
  what: string,
): { hashes: Uint32Array; q: Int8Array; scales: Float32Array } {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length !== rows * (8 + labels)) throw new Error(`${what} payload has the wrong size`);
  // Copy into aligned buffers: the decoded Buffer may start at any byte offset.
  const hashes = new Uint32Array(rows);
  const scales = new Float32Array(rows);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let r = 0; r < rows; r++) {
    hashes[r] = view.getUint32(r * 4, true);
    scales[r] = view.getFloat32(rows * 4 + r * 4, true);
  }
  const q = new Int8Array(rows * labels);
  q.set(new Int8Array(bytes.buffer, bytes.byteOffset + rows * 8, rows * labels));
  return { hashes, q, scales };
}
