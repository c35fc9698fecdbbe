/** A copy of `a` in a new array of `size` (at least a.length) elements: the per-word and per-span buffers grow by it. */
export function grownInt32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
