import { binanceSpec } from './binance/binance.spec-def';
import { binanceFuturesSpec } from './binance-futures/binance-futures.spec-def';
import { bybitSpec } from './bybit/bybit.spec-def';
import { coinbaseSpec } from './coinbase/coinbase.spec-def';
import { krakenSpec } from './kraken/kraken.spec-def';
import { okxSpec } from './okx/okx.spec-def';
import type { ExchangeSpec } from './spec/exchange-spec';

/** Every spec the generator turns into a parser (ids are contracts: folder = id). */
export const EXCHANGE_SPECS: readonly ExchangeSpec[] = [
  binanceSpec,
  binanceFuturesSpec,
  coinbaseSpec,
  krakenSpec,
  okxSpec,
  bybitSpec,
];
