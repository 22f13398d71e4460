import { Decimal } from '@feedgate/core';
import { FrameParseError } from '../frame-parse.error';

// Bound once: through the package re-exports every `Decimal` access is a getter call.
const D = Decimal;

/**
 * Decimal from text[start, end) — a JSON number token or the inside of a decimal string —
 * without slicing or a regex. Same value and scale as Decimal.parse (trailing zeros kept, so
 * "0.00426990" keeps exponent -8). Up to 15 digits the mantissa is accumulated as a double,
 * which is exact below 2^53 and much cheaper than BigInt(string).
 */
export function decimalSpan(text: string, start: number, end: number): Decimal {
  let i = start;
  let neg = false;
  let c = text.charCodeAt(i);
  // Same grammar as Decimal.parse: a leading '-' only (JSON has no '+').
  if (c === 45 /* - */) {
    neg = true;
    c = text.charCodeAt(++i);
  }
  const digitsStart = i;
  let mant = 0;
  let digits = 0;
  let fracDigits = 0;
  let seenDot = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (seenDot) fracDigits++;
    } else if (c === 46 /* . */ && !seenDot && digits > 0) {
      seenDot = true;
    } else break;
  }
  if (digits === 0 || (seenDot && fracDigits === 0)) throw badNumber(text, start, end);
  const mantEnd = i;
  let exp = 0;
  if (i < end) {
    if (c !== 101 && c !== 69 /* e E */) throw badNumber(text, start, end);
    i++;
    let expNeg = false;
    c = text.charCodeAt(i);
    if (c === 45 || c === 43) {
      expNeg = c === 45;
      i++;
    }
    if (i >= end) throw badNumber(text, start, end);
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57 || exp > 1e6) throw badNumber(text, start, end);
      exp = exp * 10 + (c - 48);
    }
    if (expNeg) exp = -exp;
  }
  let big: bigint;
  if (digits <= 15) big = BigInt(mant);
  else {
    const raw = text.slice(digitsStart, mantEnd);
    big = BigInt(seenDot ? raw.replace('.', '') : raw);
  }
  return D.fromParts(neg ? -big : big, exp - fracDigits);
}

function badNumber(text: string, start: number, end: number): FrameParseError {
  return new FrameParseError(
    'BAD_NUMBER',
    `not a decimal: ${JSON.stringify(text.slice(start, Math.min(end, start + 40)))}`,
  );
}
