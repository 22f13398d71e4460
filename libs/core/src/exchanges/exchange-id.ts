/**
 * Every exchange id feedgate knows. Ids are lower-case kebab (EXCHANGE_ID_FORMAT) and STABLE:
 * they name folders, Kafka key prefixes (`exchange:symbol`) and the `exchange` field of every
 * event, so an id is never renamed or reused. Adding a venue = one line here plus one entry
 * in exchange.registry.ts (the compiler enforces the second).
 */
export const EXCHANGE_IDS = [
  // First six (DESIGN.md).
  'binance',
  'binance-futures',
  'coinbase',
  'kraken',
  'okx',
  'bybit',
  // Next (DESIGN.md).
  'bitfinex',
  'bitstamp',
  'deribit',
  'htx',
  'gateio',
  'kucoin',
  'bitget',
  'mexc',
  'crypto-com',
  'gemini',
  'bitmex',
  'coinbase-advanced',
  'kraken-futures',
  'binance-coinm',
  // Non-WebSocket venues: a FIX session and an Ethereum DEX (DESIGN.md: "gets an id of the same kind").
  'coinbase-fix',
  'uniswap-v3',
] as const;

export type ExchangeId = (typeof EXCHANGE_IDS)[number];

/** How feedgate connects: a WebSocket exchange, a FIX session, or an on-chain venue. */
export type ExchangeKind = 'ws' | 'fix' | 'chain';

/** Format rule for ids: lower-case letters and digits in kebab-case groups (`crypto-com`). */
export const EXCHANGE_ID_FORMAT = /^[a-z0-9]+(-[a-z0-9]+)*$/;
