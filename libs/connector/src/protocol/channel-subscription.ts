/**
 * The unified channel a subscription feeds. Protocols map these to their native channel
 * names when they build subscribe messages; the connector keys watchdogs and book sync on them.
 */
export type ChannelKind = 'trade' | 'book' | 'bbo' | 'candle';

/** One (channel, symbol) subscription. */
export interface ChannelSubscription {
  readonly channel: ChannelKind;
  /** Normalized symbol (BTC-USDT); used in status events. */
  readonly symbol: string;
  /** Symbol as the exchange writes it; used on the wire. */
  readonly nativeSymbol: string;
}

/** Stable key of a subscription, e.g. `book|BTCUSDT`. */
export function subscriptionKey(channel: string, nativeSymbol: string): string {
  return `${channel}|${nativeSymbol}`;
}
