import { describe, expect, it } from 'vitest';
import { writeWsTextFrameHeader, wsTextFrameHeaderSize } from './ws-text-frame';

describe('ws text frame header', () => {
  it.each([
    [0, '8100'],
    [125, '817d'],
    [126, '817e007e'],
    [65_535, '817effff'],
    [65_536, '817f0000000000010000'],
  ])('frames %i payload bytes as RFC 6455 says', (n, hex) => {
    const out = Buffer.alloc(12, 0xee);
    const head = writeWsTextFrameHeader(out, 1, n);
    expect(head).toBe(wsTextFrameHeaderSize(n));
    expect(out.subarray(1, 1 + head).toString('hex')).toBe(hex);
    expect(out[0]).toBe(0xee);
  });
});
