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
