import type { ControlKind, ParserOptions } from '../exchange-parser';
import type { TsUnit } from '../scan/time-text';

/**
 * The declarative description of one exchange. The generator (libs/exchanges/codegen) turns
 * `parser` into straight-line parsing code; the connectors and the emulator read the rest.
 *
 * Field paths: `p` or `arg.instId` (dots go into nested objects, digits index arrays) are
 * relative to the current item — the element of `items` when a route has one, else the
 * message; a `$.` prefix always starts at the message.
 */
export interface ExchangeSpec {
  readonly id: string;
  readonly docs: string;
  readonly endpoints: ExchangeEndpoints;
  readonly subscribe: SubscribeSpec;
  readonly heartbeat: HeartbeatSpec;
  readonly limits: ConnectionLimits;
  readonly symbols: SymbolMapping;
  readonly parser: ParserSpec;
}

export interface ExchangeEndpoints {
  /** Public market-data WebSocket URL; every connector takes an override (e.g. the emulator). */
  readonly ws: string;
  /** REST order-book snapshot URL template with `{symbol}` (native) and `{depth}`, if any. */
  readonly restSnapshot?: string;
}

/** One logical subscription: a channel of a symbol. */
export interface Subscription {
  readonly channel: 'trades' | 'book' | 'bbo';
  readonly nativeSymbol: string;
}

export interface SubscribeSpec {
  /** Native channel/topic names per unified channel, with `{symbol}` / `{lsymbol}` (lower case). */
  readonly topics: Readonly<Record<Subscription['channel'], string>>;
  /** Messages that subscribe / unsubscribe a batch (the builder keeps them data-only JSON). */
  readonly subscribeMessage: (topics: readonly Subscription[], reqId: number) => unknown;
  readonly unsubscribeMessage: (topics: readonly Subscription[], reqId: number) => unknown;
}

export interface HeartbeatSpec {
  /** Who pings: `client` sends `ping` every intervalMs; `server` pings and we answer. */
  readonly mode: 'client' | 'server';
  /** Text frame to send (client mode); `frame` = a WebSocket protocol ping frame. */
  readonly ping: string | 'frame';
  readonly intervalMs: number;
  /** How the pong (or the server heartbeat) is recognised: literal frame text or a control. */
  readonly pong: { readonly text: string } | { readonly control: ControlKind } | 'frame';
  /** Silence after which the connection is considered dead. */
  readonly timeoutMs: number;
}

export interface ConnectionLimits {
  readonly maxTopicsPerConnection: number;
  readonly subscribeMessagesPerSecond: number;
  readonly maxTopicsPerMessage: number;
}

export interface SymbolMapping {
  /** Normalized symbol (DESIGN.md) of a native one; parsers cache the result per connection. */
  readonly normalize: (native: string, options: ParserOptions) => string;
}

export interface ParserSpec {
  /** Whole-frame literal texts (OKX `pong`). */
  readonly literals?: Readonly<Record<string, ControlKind>>;
  /** Binance combined streams: use the object under `field` as the message when `when` is present. */
  readonly envelope?: { readonly field: string; readonly when: string };
  /** Export of `<id>.hooks.ts` that handles frames whose top level is an array (Kraken v1). */
  readonly arrayHook?: string;
  /**
   * Performance hint, never behaviour: the usual key orders of the hot messages, each a
   * comma-separated key list (`'e,E,s,t,p,q,b,a,T,m,M'`); `key=value` pins a discriminator
   * (`'e=trade,E,…'`), `key{a,b}` gives a nested object's order (`'arg{channel,instId},data'`).
   * For trade and BBO routes the generator emits a direct walk of each order that reads the
   * values straight into the event; otherwise the scanner walks these orders positionally. Both
   * fall back to key-by-key scanning at the first difference, so any frame parses the same.
   */
  readonly layouts?: readonly string[];
  /** Checked in order, before routes. */
  readonly controls: readonly ControlRule[];
  readonly routes: readonly RouteSpec[];
}

export interface MatchCondition {
  readonly field: string;
  readonly equals?: string | readonly string[];
  readonly prefix?: string;
  /** true: the key must be there; false: it must be absent. */
  readonly present?: boolean;
}

export interface ControlRule {
  readonly when: readonly MatchCondition[];
  readonly control: ControlKind;
  /** Field whose text becomes the control detail (error messages). */
  readonly detail?: string;
}

export interface RouteSpec {
  readonly name: string;
  readonly when: readonly MatchCondition[];
  readonly map: TradeMap | BookMap | BboMap | IgnoreMap;
}

/** Where a route's records are: an array of objects (OKX `data`) or one nested object (Bybit book). */
export interface ItemsRule {
  readonly field: string;
  readonly array: boolean;
  /** Usual key orders of an item (see ParserSpec.layouts). */
  readonly layouts?: readonly string[];
}

export interface TsRule {
  readonly field: string;
  readonly unit: TsUnit;
}

/** Taker side from a field's text; values not listed give `unknown`. Booleans are 'true'/'false'. */
export interface SideRule {
  readonly field: string;
  readonly buy: readonly string[];
  readonly sell: readonly string[];
}

export interface TradeMap {
  readonly kind: 'trade';
  readonly items?: ItemsRule;
  readonly symbol: string;
  readonly id: string;
  readonly price: string;
  readonly amount: string;
  readonly side: SideRule;
  readonly ts: TsRule;
}

/** Levels as arrays (`price`/`amount` are indexes) or objects (`price`/`amount` are keys). */
export interface LevelsRule {
  readonly field: string;
  readonly price: number | string;
  readonly amount: number | string;
}

/** One array of side-tagged levels (Coinbase `changes`: [side, price, size]). */
export interface SidedLevelsRule {
  readonly field: string;
  readonly side: number;
  readonly bid: string;
  readonly ask: string;
  readonly price: number;
  readonly amount: number;
}

export interface BookMap {
  readonly kind: 'book';
  readonly items?: ItemsRule;
  readonly symbol: string;
  readonly snapshot: boolean | MatchCondition;
  readonly bids?: LevelsRule;
  readonly asks?: LevelsRule;
  readonly sidedLevels?: SidedLevelsRule;
  readonly seq?: string;
  readonly prevSeq?: string;
  /** Field with the FIRST sequence of this update (Binance spot `U`): prevSeq = its value − 1. */
  readonly prevSeqFromFirst?: string;
  /** Checksum field; `verify` names an export of `<id>.checksum.ts` run on snapshots as delivered. */
  readonly checksum?: { readonly field: string; readonly verify?: string };
  readonly ts?: TsRule;
}

export interface BboMap {
  readonly kind: 'bbo';
  readonly items?: ItemsRule;
  readonly symbol: string;
  readonly bidPrice: string;
  readonly askPrice: string;
  /** Absent in some protocols (2021 Coinbase ticker): the event then carries amount 0. */
  readonly bidAmount?: string;
  readonly askAmount?: string;
  readonly ts?: TsRule;
}

/** A channel the exchange sends that has no unified form yet (kline, mark price): no events. */
export interface IgnoreMap {
  readonly kind: 'ignore';
}
