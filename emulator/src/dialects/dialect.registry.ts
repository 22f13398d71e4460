import { BinanceFuturesDialect } from './binance-futures.dialect';
import { BinanceDialect } from './binance.dialect';
import type { ExchangeDialect } from './exchange-dialect';
import { OkxDialect } from './okx.dialect';
import { BybitDialect } from './bybit.dialect';
import { CoinbaseDialect } from './coinbase.dialect';
import { KrakenDialect } from './kraken.dialect';

export interface DialectOptions {
  /** Server heartbeat interval override (protocol pings / heartbeat frames). */
  readonly pingIntervalMs?: number;
}

type DialectFactory = (options: DialectOptions) => ExchangeDialect;

/** Exchanges the emulator speaks, in the order they were built. */
const FACTORIES: Readonly<Record<string, DialectFactory>> = {
  binance: (o) => new BinanceDialect(o.pingIntervalMs),
  'binance-futures': (o) => new BinanceFuturesDialect(o.pingIntervalMs),
  okx: () => new OkxDialect(),
  bybit: () => new BybitDialect(),
  coinbase: (o) => new CoinbaseDialect(o.pingIntervalMs),
  kraken: (o) => new KrakenDialect(o.pingIntervalMs),
};

export const EMULATED_EXCHANGES: readonly string[] = Object.keys(FACTORIES);

export function createDialect(
  id: string,
  options: DialectOptions = {},
): ExchangeDialect | undefined {
  const f = FACTORIES[id];
  return f ? f(options) : undefined;
}
