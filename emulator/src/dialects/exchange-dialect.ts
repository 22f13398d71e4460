import type { MarketBatch } from '../market/market-event';
import type { SymbolMarket } from '../market/symbol-market';

export type Channel = 'trades' | 'book' | 'bbo';

/** One native topic a connection subscribed to (`btcusdt@trade`, OKX `books:BTC-USDT`). */
export interface TopicSubscription {
  /** The topic as the client wrote it (Binance echoes it as `stream`). */
  readonly topic: string;
  readonly channel: Channel;
  readonly nativeSymbol: string;
  /** Dialect detail: Binance `trade` vs `aggTrade`, Bybit book depth, … */
  readonly variant: string;
  /** Per-subscription dialect state (Kraken: the depth-limited view it last sent). */
  state?: unknown;
}

/** What a dialect may do with a client connection. */
export interface DialectConnection {
  readonly id: string;
  /** Dialect-defined framing mode chosen at connect time (Binance `raw` / `combined`). */
  readonly mode: string;
  /** False when the frame did not go out (connection closed or stalled). */
  send(text: string): boolean;
  /** Adds a subscription; false when the topic was already subscribed. */
  subscribe(sub: TopicSubscription): boolean;
  unsubscribe(topic: string): boolean;
  subscriptions(): TopicSubscription[];
}

/** The exchange's markets, as dialects see them. */
export interface DialectMarkets {
  get(nativeSymbol: string): SymbolMarket | undefined;
  /** Tells the ground truth a snapshot of `nativeSymbol` was served. */
  snapshotServed(nativeSymbol: string): void;
  /**
   * Tells the ground truth trade `id` went out outside the market tick (a replay of the last
   * trade on subscribe: Coinbase `last_match`, Kraken's trade snapshot), so it counts as sent.
   */
  tradeSent(nativeSymbol: string, id: number): void;
  /** Epoch ms, for exchange timestamps. */
  now(): number;
}

export interface RestReply {
  readonly status: number;
  readonly body: string;
}

export type ErrorKind = 'rate-limit' | 'error';

/** How the server keeps connections alive: protocol ping frames or a text heartbeat. */
export type ServerHeartbeat =
  | { readonly kind: 'ping-frame'; readonly intervalMs: number }
  | {
      readonly kind: 'text';
      readonly intervalMs: number;
      /** Heartbeat frames for one connection (may depend on its subscriptions). */
      frames(conn: DialectConnection, markets: DialectMarkets, now: number): string[];
    };

export interface AcceptedPath {
  readonly mode: string;
  /** Topics subscribed by the URL itself (Binance `/stream?streams=…`, `/ws/<stream>`). */
  readonly topics: readonly string[];
}

/**
 * The server side of one exchange's wire protocol: everything the generic WebSocket/REST
 * server needs that the exchange spec (libs/exchanges) does not describe, because a spec
 * describes what a client sends and parses, not what a server answers.
 */
export interface ExchangeDialect {
  readonly id: string;
  readonly docs: string;
  /** Native symbol of a normalized one (`BTC-USDT` → `BTCUSDT`). */
  nativeSymbol(symbol: string): string;
  /** Which WebSocket paths exist; null answers the upgrade with 404. */
  accept(path: string, query: URLSearchParams): AcceptedPath | null;
  /** Parses a topic named in the URL or in a subscribe message. */
  parseTopic(topic: string): TopicSubscription | null;
  /** Frames sent right after the connection opens (Kraken status). */
  onOpen?(conn: DialectConnection, markets: DialectMarkets): void;
  /** Client → server text frames: subscribe, unsubscribe, app-level ping. */
  onMessage(conn: DialectConnection, text: string, markets: DialectMarkets): void;
  /** Frames for one subscription from one market batch. */
  encode(sub: TopicSubscription, batch: MarketBatch, market: SymbolMarket): string[];
  /** True when `encode` depends only on (topic, batch), so one encoding serves all connections. */
  readonly sharedEncoding: boolean;
  /** Per-connection framing of an encoded payload (Binance combined-stream envelope). */
  wrap?(conn: DialectConnection, sub: TopicSubscription, payload: string): string;
  readonly heartbeat: ServerHeartbeat | null;
  rest?(path: string, query: URLSearchParams, markets: DialectMarkets): RestReply | null;
  /** The exchange's own error / rate-limit message, as a WebSocket frame. */
  errorFrame(kind: ErrorKind, detail: string): string;
  /** The exchange's REST answer while rate-limited. */
  restRateLimited(): RestReply;
  /** A frame that is not valid JSON but starts like a real data frame. */
  malformedFrame(nativeSymbol: string): string;
  /** A well-formed frame of about `bytes` bytes that carries no market data. */
  hugeFrame(bytes: number): string;
}
