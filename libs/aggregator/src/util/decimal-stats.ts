import { Decimal } from '@feedgate/core';

const HALF = Decimal.parse('0.5');
const BPS = Decimal.fromInt(10_000);

/** Exact median: the middle value, or the exact mean of the two middle values (×0.5 is exact). */
export function decimalMedian(values: readonly Decimal[]): Decimal | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a.compare(b));
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid];
  return sorted[mid - 1].add(sorted[mid]).mul(HALF);
}

/** Exact mid price (bid + ask) / 2. */
export function decimalMid(bid: Decimal, ask: Decimal): Decimal {
  return bid.add(ask).mul(HALF);
}

/**
 * True when |value − reference| / reference > thresholdBps / 10 000, decided exactly by
 * cross-multiplying (no division, so no rounding at the threshold). reference must be > 0.
 */
export function exceedsBps(value: Decimal, reference: Decimal, thresholdBps: Decimal): boolean {
  return value.sub(reference).abs().mul(BPS).gt(thresholdBps.mul(reference));
}

/** |value − reference| / reference in bps, 2 fractional digits, for alert details only. */
export function deviationBps(value: Decimal, reference: Decimal): Decimal {
  return value.sub(reference).abs().mul(BPS).div(reference, 2, 'half-even');
}

/** A config number (threshold, multiplier) as an exact Decimal; numbers are validated finite. */
export function decimalOf(n: number): Decimal {
  // String(n) is the shortest round-trip text (maybe `1e-7`), which Decimal.parse accepts.
  return Decimal.parse(String(n));
}

/** 10^k for k ≤ 22, each exact as a double (parsed, so correctly rounded). */
const POW10_FLOAT = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** Mantissas up to 15 digits: such decimals survive a round trip through a double (DBL_DIG). */
const MAX_KEY_MANTISSA = 1e15;

/**
 * Relative slack a float estimate must clear before it may stand in for an exact decision; the
 * estimates below are off by at most a few ulps (~1e-15), so anything this close goes exact.
 */
export const APPROX_SLACK = 1e-9;

/**
 * d rounded ONCE to the nearest double (a mantissa of at most 15 digits times or divided by an
 * exact 10^k, k ≤ 22), else NaN. One correct rounding is monotonic, so approxOf(a) < approxOf(b)
 * proves a < b; and decimals of at most 15 significant digits map to distinct doubles, so equal
 * non-NaN results prove a = b. NaN proves nothing: callers fall back to the exact Decimal compare.
 * Lets hot comparisons (book levels, thresholds) skip bigint arithmetic in the usual case.
 */
export function approxOf(d: Decimal): number {
  const m = Number(d.mantissa);
  return Math.abs(m) < MAX_KEY_MANTISSA ? roundedOnce(m, d.exponent) : Number.NaN;
}

/**
 * A double that identifies d's VALUE: approxOf of its normalized form m0 × 10^e0 (no trailing
 * zeros, so every representation of a value, `1.50` or `1.5`, gives the same key). Equal keys mean
 * equal values; NaN when the value has no such key (over 15 significant digits, |e0| > 22).
 */
export function valueKeyOf(d: Decimal): number {
  let m = Number(d.mantissa);
  let e = d.exponent;
  if (m === 0) return 0;
  if (!(Math.abs(m) < MAX_KEY_MANTISSA)) {
    const n = d.normalize(); // the bigint path, only for long mantissas
    m = Number(n.mantissa);
    e = n.exponent;
    if (!(Math.abs(m) < MAX_KEY_MANTISSA)) return Number.NaN;
  }
  while (m % 10 === 0) {
    m /= 10;
    e++;
  }
  return roundedOnce(m, e);
}

/** m × 10^e with one rounding (m an exact integer below 10^15), NaN when |e| > 22. */
function roundedOnce(m: number, e: number): number {
  if (e === 0) return m;
  if (e > 0) return e < POW10_FLOAT.length ? m * POW10_FLOAT[e] : Number.NaN;
  return -e < POW10_FLOAT.length ? m / POW10_FLOAT[-e] : Number.NaN;
}
