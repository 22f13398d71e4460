/** Server-to-client frame header sizes (RFC 6455 §5.2: no mask). */
const SHORT = 125;
const MEDIUM = 0xffff;

function headerSize(payloadBytes: number): number {
  return payloadBytes <= SHORT ? 2 : payloadBytes <= MEDIUM ? 4 : 10;
}

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
    this.bytes += headerSize(n) + n;
  }

  /** The held frames as one buffer, in the order added; the batch is empty afterwards. */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.bytes);
    let at = 0;
    for (let i = 0; i < this.texts.length; i++) {
      const n = this.lengths[i];
      out[at] = 0x81;
      if (n <= SHORT) {
        out[at + 1] = n;
        at += 2;
      } else if (n <= MEDIUM) {
        out[at + 1] = 126;
        out.writeUInt16BE(n, at + 2);
        at += 4;
      } else {
        out[at + 1] = 127;
        // 64-bit length: a JS string's UTF-8 never needs the upper two bytes.
        out.writeUInt16BE(0, at + 2);
        out.writeUIntBE(n, at + 4, 6);
        at += 10;
      }
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
