import type { Decimal, JsonOf } from '@feedgate/core';

/** VWAP of one series at one moment. */
export interface VwapResult {
  readonly symbol: string;
  /** The exchange, or null for the cross-exchange VWAP of the symbol. */
  readonly exchange: string | null;
  readonly windowMs: number;
  /** Σ(price × amount) / Σ amount, rounded half-even to `scale` digits; null for an empty window. */
  readonly vwap: Decimal | null;
  readonly scale: number;
  /** Σ amount and Σ(price × amount) of the window, exact. */
  readonly volume: Decimal;
  readonly notional: Decimal;
  readonly trades: number;
  /** The window is (from, to] in exchange time; `to` is the series clock. */
  readonly from: number;
  readonly to: number;
  /** Trades evicted early by maxTradesPerSeries since the series began (0 = exact window). */
  readonly truncated: number;
}

export type JsonVwapResult = JsonOf<VwapResult>;

export function toJsonVwap(r: VwapResult): JsonVwapResult {
  return {
    ...r,
    vwap: r.vwap === null ? null : r.vwap.toString(),
    volume: r.volume.toString(),
    notional: r.notional.toString(),
  };
}
