import { CodecError } from './codec.error';
import { ESCAPE, MAX_TIME_DELTA } from './wire-format';

const INITIAL_BYTES = 64 * 1024;
/** Head-room above the frame limit so fixed-size reservations near the limit do not fail early. */
const SLACK_BYTES = 64;

type WellFormed = { isWellFormed(): boolean };

/**
 * Growable byte buffer with the wire primitives. One instance is reused for every frame of an
 * encoder, so steady-state encoding allocates nothing but the final copy. Every write checks
 * capacity (a typed array silently drops out-of-bounds writes, which would corrupt the frame).
 */
export class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(
    private readonly maxBytes: number,
    initialBytes = INITIAL_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(Math.min(initialBytes, maxBytes + SLACK_BYTES));
  }

  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    const need = this.pos + n;
    if (need > this.maxBytes + SLACK_BYTES) {
      throw new CodecError('FRAME_TOO_LARGE', `frame exceeds ${this.maxBytes} bytes`);
    }
    const next = Buffer.allocUnsafe(
      Math.min(Math.max(need, this.buf.length * 2), this.maxBytes + SLACK_BYTES),
    );
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u32At(offset: number, v: number): void {
    this.buf.writeUInt32LE(v, offset);
  }

  f64(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  /** Unsigned LEB128 of a non-negative safe integer (callers check the range). */
  uvarint(v: number): void {
    this.ensure(8);
    const buf = this.buf;
    let p = this.pos;
    while (v > 0x7fffffff) {
      const low = v % 128;
      buf[p++] = low | 0x80;
      v = (v - low) / 128;
    }
    while (v > 0x7f) {
      buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[p++] = v;
    this.pos = p;
  }

  /** Sign-magnitude varint of a safe integer (see wire-format.ts); never writes the ESCAPE byte. */
  snum(v: number): void {
    this.ensure(8);
    const buf = this.buf;
    let p = this.pos;
    const sign = v < 0 ? 1 : 0;
    let mag = sign ? -v : v;
    if (mag < 64) {
      buf[p] = (mag << 1) | sign;
      this.pos = p + 1;
      return;
    }
    const low = mag % 64;
    buf[p++] = 0x80 | (low << 1) | sign;
    mag = (mag - low) / 64;
    while (mag > 0x7fffffff) {
      const g = mag % 128;
      buf[p++] = g | 0x80;
      mag = (mag - g) / 128;
    }
    while (mag > 0x7f) {
      buf[p++] = (mag & 0x7f) | 0x80;
      mag >>>= 7;
    }
    buf[p++] = mag;
    this.pos = p;
  }

  /**
   * A decimal with a safe-integer mantissa: snum(n) then zigzag32(e), with an int32 bit-op fast
   * path for the common case (|n| < 2^27, |e| ≤ 64) and a single capacity check.
   */
  decimal(n: number, e: number): void {
    const sign = n < 0 ? 1 : 0;
    const mag = sign ? -n : n;
    if (mag >= 0x8000000 || e < -64 || e > 63) {
      this.snum(n);
      this.zigzag32(e);
      return;
    }
    this.ensure(5);
    const buf = this.buf;
    let p = this.pos;
    if (mag < 64) buf[p++] = (mag << 1) | sign;
    else {
      buf[p++] = 0x80 | ((mag & 0x3f) << 1) | sign;
      let v = mag >>> 6;
      while (v > 0x7f) {
        buf[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[p++] = v;
    }
    buf[p++] = e >= 0 ? e << 1 : (-e << 1) - 1;
    this.pos = p;
  }

  /** Zigzag varint of an int32 (decimal exponents). */
  zigzag32(v: number): void {
    this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Any JS number, bit-exact: a safe integer as snum, anything else (-0, fractions, NaN) as f64. */
  num(v: number): void {
    if (Number.isSafeInteger(v) && !(v === 0 && 1 / v < 0)) this.snum(v);
    else this.escapedF64(v);
  }

  /** Epoch-ms time relative to `base` (see wire-format.ts "time"); bit-exact for every number. */
  time(t: number, base: number): void {
    if (Number.isInteger(t)) {
      const d = t - base;
      if (
        d >= -MAX_TIME_DELTA &&
        d <= MAX_TIME_DELTA &&
        base + d === t &&
        !(t === 0 && 1 / t < 0)
      ) {
        this.snum(d * 2);
        return;
      }
    } else if (Number.isFinite(t)) {
      // Sub-ms exchanges (µs clocks) give t = µs/1000; keep that exact with a µs integer delta.
      const baseMicro = base * 1000;
      const d = Math.round(t * 1000) - baseMicro;
      if (d >= -MAX_TIME_DELTA && d <= MAX_TIME_DELTA && (baseMicro + d) / 1000 === t) {
        this.snum(d >= 0 ? d * 2 + 1 : d * 2 - 1);
        return;
      }
    }
    this.escapedF64(t);
  }

  private escapedF64(v: number): void {
    this.u8(ESCAPE);
    this.f64(v);
  }

  /** Length-prefixed UTF-8 (see wire-format.ts "str"). */
  str(s: string, maxBytes: number): void {
    const n = s.length;
    if (n >= 128 || n > maxBytes || !this.ascii(s, 1)) this.utf8(s, maxBytes, 1);
  }

  /**
   * Id-like string (trade id, book sequence, gap bound): canonical decimal digits up to 15 long
   * travel as a number (odd header), which is smaller than the text and decodes without parsing.
   */
  idstr(s: string, maxBytes: number): void {
    const n = s.length;
    if (n > 0 && n <= 15) {
      let v = 0;
      let i = 0;
      for (; i < n; i++) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9 || (d === 0 && i === 0 && n > 1)) break;
        v = v * 10 + d;
      }
      if (i === n) {
        this.uvarint(v * 2 + 1);
        return;
      }
    }
    if (n >= 64 || n > maxBytes || !this.ascii(s, 2)) this.utf8(s, maxBytes, 2);
  }

  /**
   * Fast path: writes a one-byte header (length × mul) and the chars as bytes if `s` is ASCII.
   * Returns false (and leaves pos unchanged) at the first non-ASCII char.
   */
  private ascii(s: string, mul: number): boolean {
    const n = s.length;
    this.ensure(n + 1);
    const buf = this.buf;
    const start = this.pos + 1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return false;
      buf[start + i] = c;
    }
    buf[this.pos] = n * mul;
    this.pos = start + n;
    return true;
  }

  private utf8(s: string, maxBytes: number, mul: number): void {
    if (!(s as unknown as WellFormed).isWellFormed()) {
      throw new CodecError('BAD_STRING', 'string has a lone surrogate and cannot be UTF-8 encoded');
    }
    const len = Buffer.byteLength(s, 'utf8');
    if (len > maxBytes) {
      throw new CodecError('LIMIT_EXCEEDED', `string of ${len} bytes exceeds ${maxBytes}`);
    }
    this.uvarint(len * mul);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, len, 'utf8');
  }

  /** Mantissa magnitude too big for a double: ESCAPE · sign · uvarint n · n bytes little-endian. */
  bigMantissa(m: bigint, maxBytes: number): void {
    const neg = m < 0n;
    let mag = neg ? -m : m;
    const hex = mag.toString(16);
    const n = (hex.length + 1) >> 1;
    if (n > maxBytes) {
      throw new CodecError('LIMIT_EXCEEDED', `mantissa of ${n} bytes exceeds ${maxBytes}`);
    }
    this.u8(ESCAPE);
    this.u8(neg ? 1 : 0);
    this.uvarint(n);
    this.ensure(n);
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      buf[this.pos++] = Number(mag & 0xffn);
      mag >>= 8n;
    }
  }

  /** Copy of the bytes written so far (the internal buffer is reused by the next frame). */
  copyOut(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }
}
