import type { Decimal, JsonOf } from '@feedgate/core';

/** Consolidated best bid/offer of one normalized symbol across exchanges. */
export interface ConsolidatedBbo {
  readonly symbol: string;
  /** Best (highest) bid across venues, its size and venue; null when no venue bids. */
  readonly bidPrice: Decimal | null;
  readonly bidAmount: Decimal | null;
  readonly bidExchange: string | null;
  /** Best (lowest) ask across venues, its size and venue; null when no venue offers. */
  readonly askPrice: Decimal | null;
  readonly askAmount: Decimal | null;
  readonly askExchange: string | null;
  /** Best bid > best ask across venues (an arbitrage or a bad feed). */
  readonly crossed: boolean;
  /** Best bid = best ask across venues. */
  readonly locked: boolean;
  /** Latest exchange ts / gate receipt of the quotes that form it. */
  readonly ts: number;
  readonly localTs: number;
  /** Venues with a live (not stale) quote. */
  readonly venues: number;
}

export type JsonConsolidatedBbo = JsonOf<ConsolidatedBbo>;

export function toJsonConsolidatedBbo(b: ConsolidatedBbo): JsonConsolidatedBbo {
  return {
    ...b,
    bidPrice: b.bidPrice?.toString() ?? null,
    bidAmount: b.bidAmount?.toString() ?? null,
    askPrice: b.askPrice?.toString() ?? null,
    askAmount: b.askAmount?.toString() ?? null,
  };
}

/** Same market picture (timestamps aside): used to publish only real changes. */
export function sameBbo(a: ConsolidatedBbo, b: ConsolidatedBbo): boolean {
  const eq = (x: Decimal | null, y: Decimal | null) =>
    x === null ? y === null : y !== null && x.eq(y);
  return (
    a.bidExchange === b.bidExchange &&
    a.askExchange === b.askExchange &&
    a.venues === b.venues &&
    eq(a.bidPrice, b.bidPrice) &&
    eq(a.bidAmount, b.bidAmount) &&
    eq(a.askPrice, b.askPrice) &&
    eq(a.askAmount, b.askAmount)
  );
}
