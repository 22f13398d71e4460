/** Channels a trader can subscribe to over /ws (issue 5). */
export const MARKET_CHANNELS = [
  'trades',
  'book',
  'bbo',
  'candles',
  'nbbo',
  'alerts',
  'status',
] as const;
export type MarketChannel = (typeof MARKET_CHANNELS)[number];

/** Channels whose updates are state (latest wins): conflated for a client that is behind. */
export const CONFLATED_CHANNELS: ReadonlySet<MarketChannel> = new Set(['bbo', 'book', 'nbbo']);

/** What one subscription selects; exchange/interval undefined = every exchange/interval. */
export interface ChannelSelector {
  readonly channel: MarketChannel;
  /** Undefined only for alerts/status (every symbol). */
  readonly symbol?: string;
  readonly exchange?: string;
  readonly interval?: string;
}

const ANY = '*';

/**
 * Routing key of a subscription: `channel|symbol|exchange|interval` with `*` for "any".
 * An event is offered to the exact key and to the wildcard keys that match it, so a lookup
 * costs a few Map.get calls whatever the number of clients.
 */
export function selectorKey(s: ChannelSelector): string {
  return `${s.channel}|${s.symbol ?? ANY}|${s.exchange ?? ANY}|${s.interval ?? ANY}`;
}

/** The subscription keys an event of (channel, symbol, exchange, interval) is delivered to. */
export function matchingKeys(
  channel: MarketChannel,
  symbol: string,
  exchange: string,
  interval?: string,
): string[] {
  const base = `${channel}|${symbol}|`;
  if (channel === 'alerts' || channel === 'status') {
    // Desk-wide views: `symbol` may be omitted to get every symbol's alerts/status.
    const all = `${channel}|${ANY}|`;
    return [
      `${base}${exchange}|${ANY}`,
      `${base}${ANY}|${ANY}`,
      `${all}${exchange}|${ANY}`,
      `${all}${ANY}|${ANY}`,
    ];
  }
  if (interval === undefined) return [`${base}${exchange}|${ANY}`, `${base}${ANY}|${ANY}`];
  return [
    `${base}${exchange}|${interval}`,
    `${base}${exchange}|${ANY}`,
    `${base}${ANY}|${interval}`,
    `${base}${ANY}|${ANY}`,
  ];
}
