/**
 * Streaming 64-bit non-cryptographic hash for event identities: two independent 32-bit lanes
 * (murmur3-style mixing with different constants) so the pair behaves like a 64-bit hash.
 * A collision inside one key's window would drop a distinct event, so 32 bits are not enough
 * (at ~100k ids per key the birthday bound would be ~1 in 1000); two lanes give ~2^-63.
 *
 * Allocation-free on purpose (the dedup hot path hashes every event): the state lives in the
 * instance, numbers are hashed through their IEEE-754 bits, strings four one-byte characters per round.
 */
export class IdHasher {
  private h1 = 0;
  private h2 = 0;
  private readonly f64 = new Float64Array(1);
  private readonly i32 = new Int32Array(this.f64.buffer);

  reset(seed: number): this {
    this.h1 = seed ^ 0x811c9dc5;
    this.h2 = Math.imul(seed, 0x9e3779b1) ^ 0x3c6ef372;
    return this;
  }

  /** Mixes one 32-bit word into both lanes. */
  int(x: number): this {
    let k1 = Math.imul(x, 0xcc9e2d51);
    k1 = (k1 << 15) | (k1 >>> 17);
    let h1 = this.h1 ^ Math.imul(k1, 0x1b873593);
    h1 = (h1 << 13) | (h1 >>> 19);
    this.h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;

    let k2 = Math.imul(x, 0x85ebca6b);
    k2 = (k2 << 17) | (k2 >>> 15);
    let h2 = this.h2 ^ Math.imul(k2, 0xc2b2ae35);
    h2 = (h2 << 11) | (h2 >>> 21);
    this.h2 = (Math.imul(h2, 9) + 0x7feb352d) | 0;
    return this;
  }

  /** Exact for every double (fractional ms included): hashes the raw IEEE-754 bits. */
  num(v: number): this {
    if ((v | 0) === v) return this.int(v).int(0x5f3759df);
    this.f64[0] = v;
    return this.int(this.i32[0]).int(this.i32[1]);
  }

  /**
   * Strings are length-prefixed so ("ab","c") and ("a","bc") differ. One-byte characters (ids,
   * UUIDs, reasons: nearly always) go four to a word, halving the mixing rounds; from the first
   * group of four holding a wider character on, two UTF-16 units go to a word. The encoding is
   * injective for a given length: the later the switch, the fewer the words, so the word count
   * tells where it happened, and each mode packs its units without loss.
   */
  str(s: string): this {
    const n = s.length;
    this.int(n);
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const a = s.charCodeAt(i);
      const b = s.charCodeAt(i + 1);
      const c = s.charCodeAt(i + 2);
      const d = s.charCodeAt(i + 3);
      if ((a | b | c | d) > 0xff) break;
      this.int(a | (b << 8) | (c << 16) | (d << 24));
    }
    for (; i + 1 < n; i += 2) this.int(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < n) this.int(s.charCodeAt(i));
    return this;
  }

  /**
   * Decimal parts. A mantissa beyond 2^53 loses low bits in Number(): two such mantissas that
   * differ only there hash alike, which needs equal key, type, time and all other fields to matter.
   */
  decimal(mantissa: bigint, exponent: number): this {
    return this.num(Number(mantissa)).int(exponent);
  }

  /** High lane, final avalanche applied. */
  get hi(): number {
    return IdHasher.fmix(this.h2);
  }

  /** Low lane, final avalanche applied. */
  get lo(): number {
    return IdHasher.fmix(this.h1);
  }

  private static fmix(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) | 0;
  }
}
