import type { Decimal } from '@feedgate/core';

/** 10^0 … 10^22: every one is exactly representable, so m × or ÷ it rounds once. */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Decimals of at most 15 significant digits map to distinct doubles (and back). */
const MAX_DIGITS_15 = 1e15;

/**
 * A book level's Map key: equal for equal prices whatever their representation (`1.0`, `1`,
 * `1e0`), distinct for distinct prices. Prices of at most 15 significant digits whose
 * exponent is within ±22 (all real prices) get the double nearest to them: one exact integer
 * conversion and one correctly rounded × or ÷ by an exact power of ten, no BigInt arithmetic
 * and no string. Every other price gets its canonical text (normalize().toString()); a number
 * and a string key never collide in a Map. The branch depends on the value only (trailing
 * zeros are stripped first), so one price always gets the same kind of key.
 */
export function levelKey(price: Decimal): number | string {
  const m = price.mantissa;
  if (m >= -MAX_SAFE && m <= MAX_SAFE) {
    let n = Number(m);
    if (n === 0) return 0;
    let e = price.exponent;
    while (n % 10 === 0) {
      n /= 10;
      e++;
    }
    if (n < MAX_DIGITS_15 && n > -MAX_DIGITS_15 && e >= -22 && e <= 22) {
      return e < 0 ? n / POW10[-e] : n * POW10[e];
    }
    // A safe mantissa with ≥ 16 significant digits or a far exponent: text below.
  }
  const canonical = price.normalize();
  const cm = canonical.mantissa;
  // A huge mantissa may shrink to a small one once its trailing zeros are gone.
  if (cm !== m && cm >= -MAX_SAFE && cm <= MAX_SAFE) {
    const n = Number(cm);
    const e = canonical.exponent;
    if (n < MAX_DIGITS_15 && n > -MAX_DIGITS_15 && e >= -22 && e <= 22) {
      return e < 0 ? n / POW10[-e] : n * POW10[e];
    }
  }
  return canonical.toString();
}
