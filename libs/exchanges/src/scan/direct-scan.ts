import { Decimal } from '@feedgate/core';
import { decimalSpan } from './decimal-span';
import { epochMsSpan } from './time-span';
import type { TsUnit } from './time-text';

// Bound once: through the package re-exports every `Decimal` access is a getter call.
const D = Decimal;

/**
 * Helpers for the generated "direct" paths: straight-line code that walks a frame in its usual
 * key order with the position in a local variable. They are only called on frames WITHOUT a
 * backslash (checked once per frame), so a string value ends at the next quote. A value span
 * [a, e) is the value's raw text: quotes included for a string, the bare token otherwise. Every
 * reader gives exactly what the scanner (JsonScanner) gives for the same value; -1 from an
 * `…End` function means "not this shape": the generated code then returns to the general path.
 */

/** 1 for the characters of a number or true/false/null token (JsonCursor.tokenEnd's set). */
export const TOKEN_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  TOKEN_CHAR[c] =
    (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || (c >= 97 && c <= 122) || c === 69
      ? 1
      : 0;

/** Index just past the scalar at `p` (string or number/literal token), or -1. */
export function scalarEnd(t: string, p: number): number {
  if (p < 0) return -1;
  const c = t.charCodeAt(p);
  if (c === 34) {
    const q = t.indexOf('"', p + 1);
    return q < 0 ? -1 : q + 1;
  }
  let i = p;
  // the token characters of JsonCursor.tokenEnd: digits, sign, dot, exponent, true/false/null
  for (;;) {
    const d = t.charCodeAt(i);
    if (
      (d >= 48 && d <= 57) ||
      d === 45 ||
      d === 43 ||
      d === 46 ||
      (d >= 97 && d <= 122) ||
      d === 69
    )
      i++;
    else break;
  }
  return i === p ? -1 : i;
}

/** Index just past any value at `p` (objects and arrays bracket-balanced), or -1. */
export function valueEnd(t: string, p: number): number {
  if (p < 0) return -1;
  const c = t.charCodeAt(p);
  if (c !== 123 && c !== 91) return scalarEnd(t, p);
  let depth = 0;
  const n = t.length;
  for (let i = p; i < n; i++) {
    const d = t.charCodeAt(i);
    if (d === 34) {
      i = t.indexOf('"', i + 1);
      if (i < 0) return -1;
    } else if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
  }
  return -1;
}

/** The scalar's text (JsonScanner.scalarAt): string content, or the token itself. */
export function spanText(t: string, a: number, e: number): string {
  return t.charCodeAt(a) === 34 ? t.slice(a + 1, e - 1) : t.slice(a, e);
}

/**
 * Exact decimal of a string or number token (JsonScanner.decimalAt). The usual price — a
 * quoted, unsigned run of at most 15 digits and one inner dot — is summed in a double (exact
 * below 2^53) in a loop small enough to inline; anything else is decimalSpan's.
 */
export function spanDecimal(t: string, a: number, e: number): Decimal {
  if (t.charCodeAt(a) !== 34) return decimalSpan(t, a, e);
  const last = e - 2;
  if (last - a > 15) return decimalSpan(t, a + 1, e - 1);
  let m = 0;
  let dot = -1;
  for (let i = a + 1; i <= last; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) m = m * 10 + d;
    else if (d === -2 && dot < 0 && i > a + 1 && i < last) dot = i;
    else return decimalSpan(t, a + 1, e - 1);
  }
  if (last <= a) return decimalSpan(t, a + 1, e - 1);
  return D.fromParts(BigInt(m), dot < 0 ? 0 : dot - last);
}

/** JsonScanner.optDecimalAt for a present value: JSON null gives `fallback`. */
export function spanOptDecimal(t: string, a: number, e: number, fallback: Decimal): Decimal {
  return t.charCodeAt(a) === 110 /* n */ ? fallback : spanDecimal(t, a, e);
}

/** JsonScanner.tokenIs: the scalar's text equals `lit`. */
export function spanIs(t: string, a: number, e: number, lit: string): boolean {
  return t.charCodeAt(a) === 34
    ? e - a - 2 === lit.length && t.startsWith(lit, a + 1)
    : e - a === lit.length && t.startsWith(lit, a);
}

/** Epoch ms of a timestamp value (JsonScanner.tsAt). */
export function spanTs(t: string, a: number, e: number, unit: TsUnit): number {
  return t.charCodeAt(a) === 34 ? epochMsSpan(t, a + 1, e - 1, unit) : epochMsSpan(t, a, e, unit);
}
