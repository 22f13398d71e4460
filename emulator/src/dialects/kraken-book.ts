import type { Level } from '../market/order-book';
import type { SymbolMarket } from '../market/symbol-market';
import type { SymbolProfile } from '../market/symbol-profile';
import { crc32 } from './crc32';
import { px, sz } from './dialect-json';
import type { TopicSubscription } from './exchange-dialect';

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
  const digits = (s: string): string => s.replace('.', '').replace(/^0+/, '');
  let s = '';
  for (const [t, l] of asks.slice(0, 10)) s += digits(px(p, t)) + digits(sz(p, l));
  for (const [t, l] of bids.slice(0, 10)) s += digits(px(p, t)) + digits(sz(p, l));
  return crc32(s);
}
