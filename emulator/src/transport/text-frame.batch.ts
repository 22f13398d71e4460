import { writeWsTextFrameHeader, wsTextFrameHeaderSize } from '@feedgate/core';

/**
 * Text frames held for one connection, encoded back to back into one buffer: each is a
 * complete, unfragmented, unmasked server text frame (FIN + opcode 1, RFC 6455 §5.2), byte for
 * byte what `ws` writes for `send(text)` without compression. Sending one tick's frames as
 * one write costs the kernel one call, and skips `ws`'s per-message bookkeeping.
 */
export class TextFrameBatch {
  private texts: string[] = [];
  private lengths: number[] = [];
  /** Encoded size of the held frames, headers included. */
  bytes = 0;

  get count(): number {
    return this.texts.length;
  }

  add(text: string): void {
    const n = Buffer.byteLength(text, 'utf8');
    this.texts.push(text);
    this.lengths.push(n);
    this.bytes += wsTextFrameHeaderSize(n) + n;
  }

  /** The held frames as one buffer, in the order added; the batch is empty afterwards. */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.bytes);
    let at = 0;
    for (let i = 0; i < this.texts.length; i++) {
      const n = this.lengths[i];
      at += writeWsTextFrameHeader(out, at, n);
      at += out.write(this.texts[i], at, n, 'utf8');
    }
    this.clear();
    return out;
  }

  clear(): void {
    this.texts = [];
    this.lengths = [];
    this.bytes = 0;
  }
}
