import { writeWsTextFrameHeader, wsTextFrameHeaderSize } from '@feedgate/core';

/**
 * `text` as one complete WebSocket text frame as a server sends it: unmasked, uncompressed,
 * the same bytes ws writes for `send(text)` when no extension is negotiated (2-byte header up
 * to 125 bytes of payload, 4 bytes up to 65535, else 10). The fan-out builds it once per event
 * and each subscriber's socket writes it as is: one write per client, no per-client header
 * allocation or ws send bookkeeping.
 */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const frame = Buffer.allocUnsafe(wsTextFrameHeaderSize(length) + length);
  frame.write(text, writeWsTextFrameHeader(frame, 0, length), 'utf8');
  return frame;
}

/** The UTF-8 payload of a frame built by textFrame (a view, not a copy). */
export function framePayload(frame: Buffer): Buffer {
  const length = frame[1] & 0x7f;
  return frame.subarray(length <= 125 ? 2 : length === 126 ? 4 : 10);
}
