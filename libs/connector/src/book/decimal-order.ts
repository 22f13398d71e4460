import type { Decimal } from '@feedgate/core';

/** Exact comparison (-1, 0, 1) without floats; local so the book does not wait on core's compare. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  // Same scale (the usual case within one book): the mantissas compare directly, no BigInts made.
  if (a.exponent === b.exponent) {
    return a.mantissa < b.mantissa ? -1 : a.mantissa > b.mantissa ? 1 : 0;
  }
  const e = Math.min(a.exponent, b.exponent);
  const am = a.mantissa * 10n ** BigInt(a.exponent - e);
  const bm = b.mantissa * 10n ** BigInt(b.exponent - e);
  return am < bm ? -1 : am > bm ? 1 : 0;
}
