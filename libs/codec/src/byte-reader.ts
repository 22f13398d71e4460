import { Decimal } from '@feedgate/core';
import { CodecError, type CodecErrorCode } from './codec.error';
import { ESCAPE } from './wire-format';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/**
 * Bound once: compiled CommonJS reads an imported name through the re-exporting index's getter
 * on every use, which showed up in decode profiles.
 */
const DecimalClass: typeof Decimal = Decimal;
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000'];

/**
 * String(v) for a non-negative safe integer. V8 prints numbers above the small-integer range
 * through its slow double-to-string path; two small halves print about twice as fast.
 */
function digits(v: number): string {
  if (v < 0x40000000) return String(v);
  const lo = v % 1e9;
  const low = String(lo);
  return String((v - lo) / 1e9) + ZEROS[9 - low.length] + low;
}

/**
 * Bounds-checked cursor over one frame. Every read checks the end first and every length or
 * count is checked against the bytes left, so corrupt input yields a CodecError, never an
 * exception from a typed array, a huge allocation or a loop that does not end.
 */
export class ByteReader {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  end = 0;

  reset(bytes: Uint8Array): void {
    this.buf = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
    this.end = bytes.byteLength;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  fail(code: CodecErrorCode, message: string, at = this.pos): never {
    throw new CodecError(code, message, at);
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('TRUNCATED', 'input ends inside a field');
    return this.buf[this.pos++];
  }

  peek(): number {
    if (this.pos >= this.end) this.fail('TRUNCATED', 'input ends inside a field');
    return this.buf[this.pos];
  }

  u32(): number {
    if (this.end - this.pos < 4) this.fail('TRUNCATED', 'input ends inside a field');
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  f64(): number {
    if (this.end - this.pos < 8) this.fail('TRUNCATED', 'input ends inside a float');
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Unsigned LEB128, at most 8 bytes, value at most 2^53 - 1. */
  uvarint(): number {
    const buf = this.buf;
    const end = this.end;
    let p = this.pos;
    if (p >= end) this.fail('TRUNCATED', 'input ends inside a varint');
    let b = buf[p++];
    if (b < 0x80) {
      this.pos = p;
      return b;
    }
    let v = b & 0x7f;
    let mul = 128;
    for (let i = 1; ; i++) {
      if (i >= 8) this.fail('VARINT_TOO_LONG', 'varint longer than 8 bytes');
      if (p >= end) this.fail('TRUNCATED', 'input ends inside a varint');
      b = buf[p++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    if (v > MAX_SAFE) this.fail('BAD_VALUE', 'varint above 2^53 - 1');
    this.pos = p;
    return v;
  }

  /** Sign-magnitude varint (the caller has already ruled out the ESCAPE byte). */
  snum(): number {
    const buf = this.buf;
    const end = this.end;
    let p = this.pos;
    if (p >= end) this.fail('TRUNCATED', 'input ends inside a number');
    let b = buf[p++];
    const neg = b & 1;
    let mag = (b >> 1) & 0x3f;
    if (b >= 0x80) {
      let mul = 64;
      for (let i = 1; ; i++) {
        if (i >= 8) this.fail('VARINT_TOO_LONG', 'number longer than 8 bytes');
        if (p >= end) this.fail('TRUNCATED', 'input ends inside a number');
        b = buf[p++];
        mag += (b & 0x7f) * mul;
        if (b < 0x80) break;
        mul *= 128;
      }
      if (mag > MAX_SAFE) this.fail('BAD_VALUE', 'number above 2^53 - 1');
    }
    if (neg && mag === 0) this.fail('BAD_VALUE', 'negative zero outside an escape');
    this.pos = p;
    return neg ? -mag : mag;
  }

  /** snum, or ESCAPE · f64 (see ByteWriter.num). */
  num(): number {
    if (this.peek() === ESCAPE) {
      this.pos++;
      return this.f64();
    }
    return this.snum();
  }

  /** Zigzag int32. */
  zigzag32(): number {
    const z = this.uvarint();
    if (z > 0xffffffff) this.fail('BAD_VALUE', 'exponent outside int32');
    return z % 2 === 1 ? -(z + 1) / 2 : z / 2;
  }

  /** Time relative to `base` (see ByteWriter.time); recomputes exactly what the encoder checked. */
  time(base: number): number {
    if (this.peek() === ESCAPE) {
      this.pos++;
      return this.f64();
    }
    const v = this.snum();
    const mag = v < 0 ? -v : v;
    if (mag % 2 === 0) return base + v / 2;
    const half = (mag - 1) / 2;
    return (base * 1000 + (v < 0 ? -half : half)) / 1000;
  }

  /** Big mantissa after its ESCAPE byte: sign u8 · uvarint n · n bytes little-endian. */
  bigMagnitude(maxBytes: number): bigint {
    const sign = this.u8();
    if (sign > 1) this.fail('BAD_VALUE', 'bad mantissa sign byte', this.pos - 1);
    const n = this.uvarint();
    if (n > maxBytes) this.fail('LIMIT_EXCEEDED', `mantissa of ${n} bytes exceeds ${maxBytes}`);
    if (n > this.end - this.pos) this.fail('TRUNCATED', 'input ends inside a mantissa');
    let hex = '';
    for (let i = this.pos + n - 1; i >= this.pos; i--) {
      const b = this.buf[i];
      hex += (b < 16 ? '0' : '') + b.toString(16);
    }
    this.pos += n;
    const mag = n === 0 ? 0n : BigInt('0x' + hex);
    return sign ? -mag : mag;
  }

  /**
   * A decimal: mantissa (snum, or ESCAPE and a big magnitude) then zigzag32 exponent. Decimal
   * itself may refuse the value (its exponent bound): that error is mapped by FrameDecodethis.
   */
  decimal(maxMantissaBytes: number): Decimal {
    const p = this.pos;
    // Fast path (most prices and amounts): |mantissa| < 2^27 in ≤ 4 bytes and a one-byte
    // exponent, read with int32 bit ops; 5 bytes left means no per-byte bounds checks.
    if (this.end - p >= 5) {
      const buf = this.buf;
      const b0 = buf[p];
      if (b0 !== ESCAPE) {
        let mag = (b0 >> 1) & 0x3f;
        let q = p + 1;
        let b = b0;
        if (b & 0x80) {
          b = buf[q++];
          mag |= (b & 0x7f) << 6;
          if (b & 0x80) {
            b = buf[q++];
            mag |= (b & 0x7f) << 13;
            if (b & 0x80) {
              b = buf[q++];
              mag |= (b & 0x7f) << 20;
            }
          }
        }
        const e = buf[q];
        if (b < 0x80 && e < 0x80 && (mag !== 0 || (b0 & 1) === 0)) {
          this.pos = q + 1;
          return DecimalClass.fromParts(
            BigInt(b0 & 1 ? -mag : mag),
            e & 1 ? -((e + 1) >> 1) : e >> 1,
          );
        }
      }
    }
    let m: bigint;
    if (this.peek() === ESCAPE) {
      this.pos++;
      m = this.bigMagnitude(maxMantissaBytes);
    } else {
      m = BigInt(this.snum());
    }
    return DecimalClass.fromParts(m, this.zigzag32());
  }

  /** Start offset of `len` bytes of string data, after checking the limit and the end. */
  strBytes(len: number, maxBytes: number): number {
    if (len > maxBytes) this.fail('LIMIT_EXCEEDED', `string of ${len} bytes exceeds ${maxBytes}`);
    if (len > this.end - this.pos) this.fail('TRUNCATED', 'input ends inside a string');
    const start = this.pos;
    this.pos += len;
    return start;
  }

  /** Decodes buf[start, start+len) as UTF-8, building short ASCII strings in JS (no native call). */
  text(start: number, len: number): string {
    const buf = this.buf;
    if (len <= 16) {
      let s = '';
      for (let i = start, e = start + len; i < e; i++) {
        const c = buf[i];
        if (c >= 0x80) return buf.toString('utf8', start, start + len);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return buf.toString('utf8', start, start + len);
  }

  str(maxBytes: number): string {
    const len = this.uvarint();
    const start = this.strBytes(len, maxBytes);
    return this.text(start, len);
  }

  /** Id-like string (see ByteWriter.idstr). */
  idstr(maxBytes: number): string {
    const h = this.uvarint();
    if (h % 2 === 1) return digits((h - 1) / 2);
    const len = h / 2;
    return this.text(this.strBytes(len, maxBytes), len);
  }
}
