import type { MarketBatch } from '../market/market-event';
import type { Level } from '../market/order-book';
import type { SymbolMarket } from '../market/symbol-market';
import { checksumDigits } from '../market/decimal-text';
import type { SymbolProfile } from '../market/symbol-profile';
import { crc32 } from './crc32';
import { px, sz } from './dialect-json';
import type { TopicSubscription } from './exchange-dialect';
import { isoTime } from './iso-time';

/** What a book subscription last sent: its depth-limited view, per side. */
export interface BookView {
  bids: Map<number, number>;
  asks: Map<number, number>;
}

export function depthOf(sub: TopicSubscription): number {
  return Number(sub.variant.split('.')[1]) || 10;
}

export function viewOf(market: SymbolMarket, depth: number): BookView {
  return {
    bids: new Map(market.book.levels('bid', depth)),
    asks: new Map(market.book.levels('ask', depth)),
  };
}

export function sorted(m: Map<number, number>, desc: boolean): Level[] {
  return [...m].sort((x, y) => (desc ? y[0] - x[0] : x[0] - y[0]));
}

export function krakenLevels(p: SymbolProfile, levels: readonly Level[]): string {
  return `[${levels.map(([t, l]) => `{"price":${px(p, t)},"qty":${sz(p, l)}}`).join(',')}]`;
}

/** Top 10 asks then top 10 bids, each price and qty without the point and leading zeros. */
export function krakenBookChecksum(
  p: SymbolProfile,
  bids: readonly Level[],
  asks: readonly Level[],
): number {
  let s = '';
  const top = (levels: readonly Level[]): void => {
    const n = Math.min(10, levels.length);
    for (let i = 0; i < n; i++) {
      s += checksumDigits(levels[i][0], p.priceExp) + checksumDigits(levels[i][1], p.amountExp);
    }
  };
  top(asks);
  top(bids);
  return crc32(s);
}

/**
 * The update frames from the view a subscription was sent (`before`) to the view after `batch`
 * (none when nothing visible changed); a gap hides the suppressed steps' levels from the client.
 */
export function krakenBookUpdate(
  nativeSymbol: string,
  batch: MarketBatch,
  p: SymbolProfile,
  before: BookView,
  after: BookView,
): string[] {
  const visible =
    batch.gap && batch.book ? new Set(batch.book.changes.map((c) => `${c.side}${c.ticks}`)) : null;
  const diff = (side: 'bid' | 'ask', a: Map<number, number>, b: Map<number, number>): Level[] => {
    const out: Level[] = [];
    for (const [t, l] of b) if (a.get(t) !== l) out.push([t, l]);
    for (const t of a.keys()) if (!b.has(t)) out.push([t, 0]);
    return visible ? out.filter(([t]) => visible.has(`${side}${t}`)) : out;
  };
  const bids = diff('bid', before.bids, after.bids).sort((x, y) => y[0] - x[0]);
  const asks = diff('ask', before.asks, after.asks).sort((x, y) => x[0] - y[0]);
  if (bids.length === 0 && asks.length === 0) return [];
  const checksum = krakenBookChecksum(p, sorted(after.bids, true), sorted(after.asks, false));
  return [
    `{"channel":"book","type":"update","data":[{"symbol":"${nativeSymbol}","bids":${krakenLevels(p, bids)},` +
      `"asks":${krakenLevels(p, asks)},"checksum":${checksum},"timestamp":"${isoTime(batch.ts)}"}]}`,
  ];
}
