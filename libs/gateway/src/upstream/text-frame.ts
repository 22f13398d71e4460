/** FIN + opcode 1 (text): a whole message in one frame (RFC 6455 §5.2). */
const FIN_TEXT = 0x81;

/**
 * `text` as one complete WebSocket text frame as a server sends it: unmasked, uncompressed,
 * the same bytes ws writes for `send(text)` when no extension is negotiated (2-byte header up
 * to 125 bytes of payload, 4 bytes up to 65535, else 10). The fan-out builds it once per event
 * and each subscriber's socket writes it as is: one write per client, no per-client header
 * allocation or ws send bookkeeping.
 */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const head = length <= 125 ? 2 : length <= 0xffff ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = FIN_TEXT;
  if (head === 2) {
    frame[1] = length;
  } else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(text, head, 'utf8');
  return frame;
}

/** The UTF-8 payload of a frame built by textFrame (a view, not a copy). */
export function framePayload(frame: Buffer): Buffer {
  const length = frame[1] & 0x7f;
  return frame.subarray(length <= 125 ? 2 : length === 126 ? 4 : 10);
}
