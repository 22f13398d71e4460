import type { BookEvent, BookLevel } from '@feedgate/core';
import type { ChannelSubscription } from './channel-subscription';

/**
 * How consecutive book deltas must chain, on `seq`/`prevSeq` (decimal integer strings):
 * - `sequential`: seq == previous seq + 1 (Bybit `u`, Kraken v1-style counters).
 * - `linked`: prevSeq == previous seq on every delta (OKX `prevSeqId`, Binance futures `pu`).
 * - `binance`: Binance spot/futures with prevSeq = U − 1 (spot) or `pu` (futures): the first
 *   delta after a snapshot needs prevSeq <= snapshot seq < seq (i.e. U <= lastUpdateId+1 <= u),
 *   every later one prevSeq == previous seq (U == previous u + 1); older deltas are dropped.
 * - `none`: no sequence numbers (trust the feed; checksum may still apply).
 */
export type ContinuityRule = 'sequential' | 'linked' | 'binance' | 'none';

/** Sorted top of the maintained book: bids best (highest) first, asks best (lowest) first. */
export interface BookView {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

export interface BookRules {
  /** `rest`: fetch `snapshotUrl` and buffer deltas meanwhile; `ws`: the subscribe brings a snapshot. */
  readonly snapshotSource: 'rest' | 'ws';
  snapshotUrl?(sub: ChannelSubscription): string;
  /** Turns a REST snapshot body into a snapshot BookEvent carrying its seq. */
  parseSnapshot?(body: unknown, sub: ChannelSubscription, localTs: number): BookEvent;
  readonly continuity: ContinuityRule;
  /** Computes the exchange checksum over the maintained book (OKX/Kraken CRC32). */
  checksum?(book: BookView): number;
  /** Levels per side the checksum covers (the book view is cut to this depth). */
  readonly checksumDepth?: number;
}
