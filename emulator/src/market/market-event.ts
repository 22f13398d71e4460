import type { ScenarioKind, ScenarioNote } from './market-scenario';

/** Book side as the market engine sees it. */
export type BookSide = 'bid' | 'ask';

/** One level change: `lots` 0 deletes the level. Prices in ticks, amounts in lots (exact integers). */
export interface LevelChange {
  readonly side: BookSide;
  readonly ticks: number;
  readonly lots: number;
}

export interface MarketTrade {
  /** Per-symbol trade id, contiguous from the market's first trade. */
  readonly id: number;
  readonly ticks: number;
  readonly lots: number;
  /** Taker side: a `buy` lifts the best ask, a `sell` hits the best bid. */
  readonly side: 'buy' | 'sell';
  /** The book sequence number of the change this trade caused (Coinbase `sequence`). */
  readonly seq: number;
  readonly ts: number;
  /** Set on the trades a market scenario made (volume-spike, wash-trades), for the ground truth. */
  readonly scenario?: ScenarioKind;
}

/** The book changes of one tick, merged per price level, with the sequence range they carry. */
export interface BookDelta {
  /** Sequence of the first step in this delta. */
  readonly firstSeq: number;
  /** Sequence of the last step (Binance `u`, OKX `seqId`). */
  readonly lastSeq: number;
  /** Sequence just before firstSeq, sent or not (Binance futures `pu`, OKX `prevSeqId`). */
  readonly prevSeq: number;
  /** Per-push update id, +1 per delta (Bybit `u`); a gap of N steps skips N ids. */
  readonly updateId: number;
  readonly changes: readonly LevelChange[];
}

export interface Bbo {
  readonly bidTicks: number;
  readonly bidLots: number;
  readonly askTicks: number;
  readonly askLots: number;
}

/** Everything one symbol produced in one clock tick. */
export interface MarketBatch {
  readonly nativeSymbol: string;
  readonly ts: number;
  readonly trades: readonly MarketTrade[];
  readonly book: BookDelta | null;
  /** Present when the best bid or ask (price or amount) changed during the tick. */
  readonly bbo: Bbo | null;
  /** A sequence range generated but suppressed by a `gap` fault during this tick. */
  readonly gap: { readonly from: number; readonly to: number } | null;
  /** Market scenarios that started or ended during this tick (absent: none). */
  readonly scenarios?: readonly ScenarioNote[];
}
