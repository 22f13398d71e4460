import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { KafkajsEncoderPatch } from './kafkajs-encoder.patch';

interface Encoder {
  writeInt32(value: number): Encoder;
  writeBytes(value: Buffer): Encoder;
  writeString(value: string): Encoder;
  readonly buffer: Buffer;
}
const EncoderClass = createRequire(__filename)('kafkajs/src/protocol/encoder') as new (
  initialSize?: number,
) => Encoder;

describe('KafkajsEncoderPatch', () => {
  it('applies to the installed kafkajs and is idempotent', () => {
    expect(KafkajsEncoderPatch.apply()).toBe(true);
    expect(KafkajsEncoderPatch.apply()).toBe(true);
  });

  it('encodes exactly the bytes written, across many growth steps', () => {
    KafkajsEncoderPatch.apply();
    const payload = Buffer.alloc(70_000);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) & 0xff;
    const encoder = new EncoderClass(4).writeInt32(-2).writeString('héllo').writeBytes(payload);
    const out = encoder.buffer;
    const expected = Buffer.concat([
      Buffer.from([0xff, 0xff, 0xff, 0xfe]),
      Buffer.from([0, 6]),
      Buffer.from('héllo', 'utf8'),
      Buffer.from([0, 1, 0x11, 0x70]),
      payload,
    ]);
    expect(out.length).toBe(expected.length);
    expect(out.equals(expected)).toBe(true);
  });
});
