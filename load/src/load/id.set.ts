const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;

/**
 * A set of non-negative integer ids (trade ids, book sequences) as sparse 8 KB bitmap chunks:
 * about one bit per id for the contiguous id ranges the emulator produces, so tens of millions
 * of ids fit in a few MB where a Set<number> would need gigabytes.
 */
export class IdSet {
  private readonly chunks = new Map<number, Uint8Array>();
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Adds id; false when it was already there (a duplicate). Non-integers are ignored (false). */
  add(id: number): boolean {
    if (!Number.isSafeInteger(id) || id < 0) return false;
    const c = Math.floor(id / CHUNK_SIZE);
    const bit = id - c * CHUNK_SIZE;
    let chunk = this.chunks.get(c);
    if (!chunk) this.chunks.set(c, (chunk = new Uint8Array(CHUNK_SIZE >> 3)));
    const mask = 1 << (bit & 7);
    if (chunk[bit >> 3] & mask) return false;
    chunk[bit >> 3] |= mask;
    this.n++;
    return true;
  }

  has(id: number): boolean {
    if (!Number.isSafeInteger(id) || id < 0) return false;
    const c = Math.floor(id / CHUNK_SIZE);
    const chunk = this.chunks.get(c);
    if (!chunk) return false;
    const bit = id - c * CHUNK_SIZE;
    return (chunk[bit >> 3] & (1 << (bit & 7))) !== 0;
  }
}
