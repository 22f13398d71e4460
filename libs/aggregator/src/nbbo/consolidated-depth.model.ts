import type { Decimal, JsonOf } from '@feedgate/core';

/** One level of the consolidated depth: a price level of one venue. */
export interface DepthLevel {
  readonly price: Decimal;
  readonly amount: Decimal;
  readonly exchange: string;
}

/** Top N levels per side across exchanges, best first. */
export interface ConsolidatedDepthSnapshot {
  readonly symbol: string;
  readonly bids: readonly DepthLevel[];
  readonly asks: readonly DepthLevel[];
  /** Venues with a synced, fresh book. */
  readonly venues: number;
  readonly ts: number;
  readonly localTs: number;
}

export type JsonConsolidatedDepth = JsonOf<ConsolidatedDepthSnapshot>;

export function toJsonDepth(d: ConsolidatedDepthSnapshot): JsonConsolidatedDepth {
  const lv = (l: DepthLevel) => ({
    price: l.price.toString(),
    amount: l.amount.toString(),
    exchange: l.exchange,
  });
  return { ...d, bids: d.bids.map(lv), asks: d.asks.map(lv) };
}
