import { Decimal } from '@feedgate/core';
import type { SeededRandom } from './seeded-random';

/**
 * Fixed price and amount grid of one symbol: price = ticks × 10^priceExp, amount = lots ×
 * 10^amountExp. Integers inside, Decimal at the edge, so every price on the wire is exact.
 */
export interface SymbolProfile {
  readonly priceExp: number;
  readonly amountExp: number;
  /** Initial mid price in ticks. */
  readonly midTicks: number;
  /** Largest resting level size, in lots. */
  readonly maxLots: number;
}

const KNOWN: Readonly<Record<string, { price: number; priceExp: number; amountExp: number }>> = {
  BTC: { price: 60_000, priceExp: -2, amountExp: -5 },
  ETH: { price: 3_000, priceExp: -2, amountExp: -4 },
  SOL: { price: 150, priceExp: -3, amountExp: -2 },
  BNB: { price: 550, priceExp: -2, amountExp: -3 },
};

/** Profile of a normalized symbol (`BTC-USDT`); unknown bases get a seeded price in [1, 100]. */
export function symbolProfile(symbol: string, random: SeededRandom): SymbolProfile {
  const base = symbol.split('-')[0] ?? symbol;
  const known = KNOWN[base];
  if (known) {
    return {
      priceExp: known.priceExp,
      amountExp: known.amountExp,
      midTicks: known.price * 10 ** -known.priceExp,
      maxLots: 10 ** Math.min(6, -known.amountExp + 1),
    };
  }
  return { priceExp: -4, amountExp: -2, midTicks: random.int(10_000, 1_000_000), maxLots: 100_000 };
}

export function priceOf(profile: SymbolProfile, ticks: number): Decimal {
  return Decimal.fromParts(BigInt(ticks), profile.priceExp);
}

export function amountOf(profile: SymbolProfile, lots: number): Decimal {
  return Decimal.fromParts(BigInt(lots), profile.amountExp);
}
