import { Decimal } from '@feedgate/core';
import { decimalSpan } from './decimal-span';
import { FRAME_BYTES } from './frame-bytes';
import { epochMsSpan, utcMs } from './time-span';
import type { TsUnit } from './time-text';

// Bound once: through the package re-exports every `Decimal` access is a getter call.
const D = Decimal;
// Bound once at load, so V8 folds the buffer into the readers (see FRAME_BYTES).
const B = FRAME_BYTES;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Value readers of the direct paths, which walk an ASCII frame's bytes (loaded into FRAME_BYTES)
 * in its usual key order. A value span [a, e) is the value's raw text: quotes included for a
 * string, the bare token otherwise; `t` is the frame's text (strings are sliced from it). Every
 * reader gives exactly what the scanner (JsonScanner) gives for the same value: the usual shapes
 * are read from the bytes, anything else (and every error) goes through the text-based reader
 * the scanner uses.
 */

/** The scalar's text (JsonScanner.scalarAt): string content, or the token itself. */
export function byteText(t: string, a: number, e: number): string {
  return B[a] === 34 ? t.slice(a + 1, e - 1) : t.slice(a, e);
}

/**
 * Exact decimal of a string or number token (JsonScanner.decimalAt). The usual price — an
 * unsigned run of at most 15 characters, digits and one inner dot — is summed in a double
 * (exact below 2^53); anything else is decimalSpan's.
 */
export function byteDecimal(t: string, a: number, e: number): Decimal {
  let s = a;
  let f = e;
  if (B[a] === 34) {
    s++;
    f--;
  }
  if (f > s && f - s <= 15) {
    let m = 0;
    let dot = -1;
    let i = s;
    for (; i < f; i++) {
      const d = B[i] - 48;
      if (d >= 0 && d <= 9) m = m * 10 + d;
      else if (d === -2 && dot < 0 && i > s && i < f - 1) dot = i;
      else break;
    }
    if (i === f) return D.fromParts(bigOf(m), dot < 0 ? 0 : dot - f + 1);
  }
  return decimalSpan(t, s, f);
}

/** Two 32-bit words of one int64, which BigInt64Array reads as a bigint without a runtime call. */
const WORDS = new Uint32Array(2);
const INT64 = new BigInt64Array(WORDS.buffer);
/** Which word is the low one: typed arrays use the platform's byte order. */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/**
 * BigInt(m) of a safe integer m ≥ 0. V8 builds a bigint from a small integer quickly but calls
 * into its runtime for a larger double (measured ~2x the time): those go through the words.
 */
function bigOf(m: number): bigint {
  if (m < 0x40000000) return BigInt(m);
  const lo = m >>> 0;
  WORDS[LOW] = lo;
  WORDS[1 - LOW] = (m - lo) / 0x100000000;
  return INT64[0];
}

/** JsonScanner.optDecimalAt for a present value: JSON null gives `fallback`. */
export function byteOptDecimal(t: string, a: number, e: number, fallback: Decimal): Decimal {
  return B[a] === 110 /* n */ ? fallback : byteDecimal(t, a, e);
}

/** Epoch ms of a timestamp value (JsonScanner.tsAt), bit-identical to epochMsSpan. */
export function byteTs(t: string, a: number, e: number, unit: TsUnit): number {
  let s = a;
  let f = e;
  if (B[a] === 34) {
    s++;
    f--;
  }
  let v = -1;
  if (unit === 'ms') v = digitsValue(s, f);
  else if (unit === 'iso') v = isoZuluMs(s, f);
  else if (unit === 's') v = secondsMs(s, f);
  else if (unit === 'us') {
    v = digitsValue(s, f);
    if (v >= 0) v /= 1000;
  }
  return v >= 0 ? v : epochMsSpan(t, s, f, unit);
}

/** The integer spelled by digits only in [s, f), or -1 (empty, other bytes, ≥ 2^53). */
function digitsValue(s: number, f: number): number {
  if (f <= s || f - s > 16) return -1;
  let v = 0;
  for (let i = s; i < f; i++) {
    const d = B[i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v <= Number.MAX_SAFE_INTEGER ? v : -1;
}

/** The fraction digits [s, f) of a second as ms (epochMs's fractionMs), or -1. */
function fractionMs(s: number, f: number): number {
  const len = f - s;
  if (len > 18) return -1;
  // the ms digits, then the rest as a fraction of a ms: one pass, no calls
  const h = len < 3 ? f : s + 3;
  let head = 0;
  let i = s;
  for (; i < h; i++) {
    const d = B[i] - 48;
    if (d < 0 || d > 9) return -1;
    head = head * 10 + d;
  }
  if (len <= 3) return len === 0 ? 0 : head * POW10[3 - len];
  let rest = 0;
  for (; i < f; i++) {
    const d = B[i] - 48;
    if (d < 0 || d > 9) return -1;
    rest = rest * 10 + d;
  }
  return head + rest / POW10[len - 3];
}

function secondsMs(s: number, f: number): number {
  // whole seconds: digits up to the first dot (epochMs splits there)
  let whole = 0;
  let i = s;
  for (; i < f; i++) {
    const d = B[i] - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === s || i - s > 16 || whole > Number.MAX_SAFE_INTEGER) return -1;
  if (i === f) return whole * 1000;
  if (B[i] !== 46 || i + 1 === f) return -1;
  const frac = fractionMs(i + 1, f);
  return frac < 0 ? -1 : whole * 1000 + frac;
}

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(i: number): number {
  const h = B[i] - 48;
  const l = B[i + 1] - 48;
  return h >= 0 && h <= 9 && l >= 0 && l <= 9 ? h * 10 + l : -1;
}

/** The last ISO date read and its epoch ms at 00:00 UTC: a feed's times share their date. */
let lastDateKey = -1;
let lastDateMs = 0;

/** `YYYY-MM-DDTHH:MM:SS(.f+)?Z`, or -1 (offsets and anything odd take the text path). */
function isoZuluMs(s: number, f: number): number {
  if (f - s < 20 || B[f - 1] !== 90 /* Z */) return -1;
  if (B[s + 4] !== 45 || B[s + 7] !== 45 || B[s + 10] !== 84 || B[s + 13] !== 58) return -1;
  if (B[s + 16] !== 58) return -1;
  const yh = twoDigits(s);
  const yl = twoDigits(s + 2);
  const mo = twoDigits(s + 5);
  const d = twoDigits(s + 8);
  const h = twoDigits(s + 11);
  const mi = twoDigits(s + 14);
  const sec = twoDigits(s + 17);
  if ((yh | yl | mo | d | h | mi | sec) < 0) return -1;
  const y = yh * 100 + yl;
  let ms: number;
  if (y < 100 || mo < 1 || mo > 12) ms = utcMs(y, mo, d, h, mi, sec);
  else {
    // utcMs sums exact integers: the date's part plus the time's is the same double
    const key = (y * 100 + mo) * 100 + d;
    if (key !== lastDateKey) {
      lastDateMs = utcMs(y, mo, d, 0, 0, 0);
      lastDateKey = key;
    }
    ms = lastDateMs + h * 3_600_000 + mi * 60_000 + sec * 1000;
  }
  if (f - s === 20) return ms;
  if (B[s + 19] !== 46 || f - s === 21) return -1;
  const frac = fractionMs(s + 20, f - 1);
  return frac < 0 ? -1 : ms + frac;
}
