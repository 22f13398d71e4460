/**
 * kafkajs 2.x encodes every produce request through its `Encoder`, which grows its buffer by
 * doubling with `Buffer.alloc` (zero-filled) and copies the data 4–6 times per request (record,
 * batch body, batch, request). At ~65 MB/s that zero-filling alone was ~11% of the producer
 * thread (profile: FastBuffer self time). The zero fill buys nothing: Encoder writes strictly
 * sequentially at `offset`, and the only read (`get buffer`) slices `[0, offset)`, so bytes
 * past `offset` are never exposed. This swaps the two allocations for `Buffer.allocUnsafe`;
 * everything else (growth policy, copies) is unchanged.
 *
 * Applied once, idempotent, and only if the internal module still has the expected shape
 * (kafkajs has no `exports` map, so `kafkajs/src/protocol/encoder` resolves); on any other
 * kafkajs version it silently does nothing and kafkajs behaves as shipped.
 */
import { createRequire } from 'node:module';

interface EncoderLike {
  buf: Buffer;
  offset: number;
  ensureAvailable(length: number): void;
}

interface EncoderClass {
  new (initialSize?: number): EncoderLike;
  prototype: EncoderLike;
  nextPowerOfTwo(value: number): number;
}

const PATCHED = Symbol.for('feedgate.kafkajs.encoder.allocUnsafe');

export class KafkajsEncoderPatch {
  private static applied: boolean | undefined;

  /** True when the patch is active (kafkajs's Encoder was found and has the expected shape). */
  static apply(): boolean {
    if (this.applied !== undefined) return this.applied;
    this.applied = false;
    let Encoder: EncoderClass;
    try {
      Encoder = createRequire(__filename)('kafkajs/src/protocol/encoder') as EncoderClass;
    } catch {
      return false;
    }
    const proto = Encoder?.prototype as (EncoderLike & { [PATCHED]?: true }) | undefined;
    if (
      !proto ||
      typeof proto.ensureAvailable !== 'function' ||
      typeof Encoder.nextPowerOfTwo !== 'function' ||
      // The shipped body, so a rewritten Encoder (e.g. non-sequential writes) is left alone.
      !/Buffer\.alloc\(newLength\)/.test(String(proto.ensureAvailable))
    ) {
      return false;
    }
    if (!proto[PATCHED]) {
      proto.ensureAvailable = function ensureAvailable(this: EncoderLike, length: number): void {
        if (this.offset + length > this.buf.length) {
          const grown = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(this.offset + length));
          this.buf.copy(grown, 0, 0, this.offset);
          this.buf = grown;
        }
      };
      proto[PATCHED] = true;
    }
    this.applied = true;
    return true;
  }
}
