import { EXCHANGE_IDS, type ExchangeId, type ExchangeKind } from './exchange-id';
import { UnknownExchangeError } from './unknown-exchange.error';

export interface ExchangeInfo {
  readonly id: ExchangeId;
  /** Human name for the dashboard and admin API. */
  readonly displayName: string;
  readonly kind: ExchangeKind;
}

// `satisfies Record<ExchangeId, …>` makes a missing or extra entry a compile error.
const INFO = {
  binance: { displayName: 'Binance', kind: 'ws' },
  'binance-futures': { displayName: 'Binance USDⓈ-M Futures', kind: 'ws' },
  coinbase: { displayName: 'Coinbase Exchange', kind: 'ws' },
  kraken: { displayName: 'Kraken', kind: 'ws' },
  okx: { displayName: 'OKX', kind: 'ws' },
  bybit: { displayName: 'Bybit', kind: 'ws' },
  bitfinex: { displayName: 'Bitfinex', kind: 'ws' },
  bitstamp: { displayName: 'Bitstamp', kind: 'ws' },
  deribit: { displayName: 'Deribit', kind: 'ws' },
  htx: { displayName: 'HTX', kind: 'ws' },
  gateio: { displayName: 'Gate.io', kind: 'ws' },
  kucoin: { displayName: 'KuCoin', kind: 'ws' },
  bitget: { displayName: 'Bitget', kind: 'ws' },
  mexc: { displayName: 'MEXC', kind: 'ws' },
  'crypto-com': { displayName: 'Crypto.com Exchange', kind: 'ws' },
  gemini: { displayName: 'Gemini', kind: 'ws' },
  bitmex: { displayName: 'BitMEX', kind: 'ws' },
  'coinbase-advanced': { displayName: 'Coinbase Advanced Trade', kind: 'ws' },
  'kraken-futures': { displayName: 'Kraken Futures', kind: 'ws' },
  'binance-coinm': { displayName: 'Binance COIN-M Futures', kind: 'ws' },
  'coinbase-fix': { displayName: 'Coinbase Exchange (FIX)', kind: 'fix' },
  'uniswap-v3': { displayName: 'Uniswap v3 (Ethereum)', kind: 'chain' },
} as const satisfies Record<ExchangeId, Omit<ExchangeInfo, 'id'>>;

const EXCHANGES: readonly ExchangeInfo[] = Object.freeze(
  EXCHANGE_IDS.map((id) => Object.freeze({ id, ...INFO[id] })),
);
const BY_ID: ReadonlyMap<string, ExchangeInfo> = new Map(EXCHANGES.map((e) => [e.id, e]));

/** True when `value` is a registered exchange id (exact, case-sensitive: ids are lower-case). */
export function isExchangeId(value: unknown): value is ExchangeId {
  return typeof value === 'string' && BY_ID.has(value);
}

/** Throws UnknownExchangeError unless `value` is a registered exchange id. */
export function assertExchangeId(value: unknown): asserts value is ExchangeId {
  if (!isExchangeId(value)) throw new UnknownExchangeError(value);
}

/** Registry entry for an id; throws UnknownExchangeError for an unknown one. */
export function getExchange(id: string): ExchangeInfo {
  const info = BY_ID.get(id);
  if (!info) throw new UnknownExchangeError(id);
  return info;
}

/** All registered exchanges in registry order, optionally only one kind. */
export function listExchanges(kind?: ExchangeKind): readonly ExchangeInfo[] {
  return kind === undefined ? EXCHANGES : EXCHANGES.filter((e) => e.kind === kind);
}
