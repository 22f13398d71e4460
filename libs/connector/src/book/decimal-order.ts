import type { Decimal } from '@feedgate/core';

/** Canonical text key of a decimal value (trailing zeros folded: 1.50 and 1.5 are one level). */
export function decimalKey(d: Decimal): string {
  let m = d.mantissa;
  let e = d.exponent;
  if (m === 0n) return '0';
  while (m % 10n === 0n) {
    m /= 10n;
    e += 1;
  }
  return `${m}e${e}`;
}

/** Exact comparison (-1, 0, 1) without floats; local so the book does not wait on core's compare. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const e = Math.min(a.exponent, b.exponent);
  const am = a.mantissa * 10n ** BigInt(a.exponent - e);
  const bm = b.mantissa * 10n ** BigInt(b.exponent - e);
  return am < bm ? -1 : am > bm ? 1 : 0;
}
