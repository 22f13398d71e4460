/**
 * A frame's text as bytes, for the direct paths (generated, and the Kraken v1 hook). V8
 * re-checks a string's representation on every charCodeAt (~20 instructions, measured), while a
 * Uint8Array read is a bounds check and a load; and reading a module-level constant array lets
 * V8 fold its address and length into the code (measured: 11-13% faster than a parameter). So
 * the frame is copied once into FRAME_BYTES, which the readers bind at module level (`const B =
 * FRAME_BYTES`): the buffer holds the frame of the latest loadFrameBytes call, and the direct
 * paths read it synchronously right after.
 *
 * Only an ASCII frame is copied, so a byte offset is a char offset and `text.slice` of a span
 * gives the value's string. A zero byte after the frame is a sentinel: it is not a token, string
 * or literal character, so every scan stops on it without a separate bounds check.
 */
export const FRAME_BYTES = new Uint8Array(1 << 16);
const B = FRAME_BYTES;
const ENC = new TextEncoder();

/** Copies `text` into FRAME_BYTES; false (nothing to read) when it is not ASCII or too long. */
export function loadFrameBytes(text: string): boolean {
  const n = text.length;
  // room for the sentinel and for the 4-byte-wide reads of the string loop past it
  if (n + 8 > B.length) return false;
  const r = ENC.encodeInto(text, B);
  // a non-ASCII char takes 2+ bytes in UTF-8: n chars in n bytes means all ASCII
  if (r.read !== n || r.written !== n) return false;
  B[n] = 0;
  return true;
}

/** 1 for the bytes of a number or true/false/null token (JsonCursor.tokenEnd's set). */
export const TOKEN_BYTE = new Uint8Array(256);
/** 1 for a byte that may sit inside a string the direct paths accept: not `"`, `\` or NUL. */
export const STRING_BYTE = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  TOKEN_BYTE[c] =
    (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || (c >= 97 && c <= 122) || c === 69
      ? 1
      : 0;
  STRING_BYTE[c] = c === 34 || c === 92 || c === 0 ? 0 : 1;
}

/**
 * Index just past the string starting (at its quote) at `p`, or -1: unterminated, or an escape,
 * which the direct paths leave to the general path.
 */
export function byteStringEnd(p: number): number {
  let i = p + 1;
  while (STRING_BYTE[B[i]] === 1) i++;
  return B[i] === 34 ? i + 1 : -1;
}

/** Index just past any value at `p` (objects and arrays bracket-balanced), or -1. */
export function byteValueEnd(p: number): number {
  const c = B[p];
  if (c === 34) return byteStringEnd(p);
  if (c !== 123 && c !== 91) {
    let i = p;
    while (TOKEN_BYTE[B[i]] === 1) i++;
    return i === p ? -1 : i;
  }
  let depth = 0;
  for (let i = p; ; i++) {
    const d = B[i];
    if (d === 34) {
      i = byteStringEnd(i) - 1;
      if (i < 0) return -1;
    } else if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      if (--depth === 0) return i + 1;
    } else if (d === 0 || d === 92) return -1;
  }
}
