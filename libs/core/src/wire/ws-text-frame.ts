/** FIN + opcode 1 (text): a whole message in one frame (RFC 6455 §5.2). */
const FIN_TEXT = 0x81;

/**
 * Header bytes of an unmasked, uncompressed server text frame carrying `payloadBytes` of UTF-8:
 * 2 up to 125 bytes of payload, 4 up to 65535, else 10 — what ws writes for `send(text)` when no
 * extension is negotiated. Shared by the gateway's fan-out and the emulator's tick batches,
 * which both hand pre-framed bytes to the socket.
 */
export function wsTextFrameHeaderSize(payloadBytes: number): number {
  return payloadBytes <= 125 ? 2 : payloadBytes <= 0xffff ? 4 : 10;
}

/** Writes that header at `at` in `out`; returns its size (the payload starts right after). */
export function writeWsTextFrameHeader(out: Buffer, at: number, payloadBytes: number): number {
  out[at] = FIN_TEXT;
  const head = wsTextFrameHeaderSize(payloadBytes);
  if (head === 2) {
    out[at + 1] = payloadBytes;
  } else if (head === 4) {
    out[at + 1] = 126;
    out.writeUInt16BE(payloadBytes, at + 2);
  } else {
    out[at + 1] = 127;
    // 64-bit length: a JS string's UTF-8 never needs the upper two bytes.
    out.writeUInt16BE(0, at + 2);
    out.writeUIntBE(payloadBytes, at + 4, 6);
  }
  return head;
}
