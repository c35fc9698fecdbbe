/*
 * Integers as LEB128 varints, for the shard payload's columns (payload.ts):
 * an offset or a count is one or two bytes instead of its decimal digits and
 * a comma, and the shard that much smaller.
 * Signed values (steps between offsets) are zigzag-encoded. Values are
 * limited to what fits 32 bits once zigzagged: the encoder checks
 * (isSmallInt) and keeps anything else in JSON.
 */

/** Bounds of a value the columns may hold: |v| < 2^30, so that a step between two of them, zigzagged, fits 32 bits. */
export const SMALL = 0x40000000;

export function isSmallInt(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) > -SMALL && (v as number) < SMALL;
}

export class ByteWriter {
  private bytes = new Uint8Array(4096);
  private n = 0;

  /** A non-negative integer below 2^32. */
  unsigned(v: number): void {
    if (this.n + 5 > this.bytes.length) this.grow();
    const b = this.bytes;
    while (v > 0x7f) {
      b[this.n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[this.n++] = v;
  }

  /** An integer with |v| < 2^31 (zigzag: small magnitudes, either sign, take few bytes). */
  signed(v: number): void {
    this.unsigned(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  get length(): number {
    return this.n;
  }

  /** The bytes written, copied into `out` at `at`. */
  copyTo(out: Uint8Array, at: number): void {
    out.set(this.bytes.subarray(0, this.n), at);
  }

  private grow(): void {
    const bigger = new Uint8Array(this.bytes.length * 2);
    bigger.set(this.bytes.subarray(0, this.n));
    this.bytes = bigger;
  }
}

/** Reads what ByteWriter wrote; any read past the end, or an overlong varint, throws. */
export class ByteReader {
  private at: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
  ) {
    this.at = start;
  }

  unsigned(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      if (this.at >= this.bytes.length) throw new Error('past the end of the columns');
      const b = this.bytes[this.at++];
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 128;
    }
    throw new Error('a varint too long');
  }

  signed(): number {
    const z = this.unsigned();
    return z % 2 ? -(z + 1) / 2 : z / 2;
  }

  /** A count of elements, each at least a byte: one that the bytes left cannot hold is refused before anything is allocated for it. */
  count(): number {
    const n = this.unsigned();
    if (n > this.bytes.length - this.at) throw new Error('a count past the end of the columns');
    return n;
  }

  get done(): boolean {
    return this.at === this.bytes.length;
  }
}
