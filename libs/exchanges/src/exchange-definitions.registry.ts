import { BinanceFuturesParser } from './binance-futures/binance-futures.parser.generated';
import { binanceFuturesSpec } from './binance-futures/binance-futures.spec-def';
import { BinanceParser } from './binance/binance.parser.generated';
import { binanceSpec } from './binance/binance.spec-def';
import { BybitParser } from './bybit/bybit.parser.generated';
import { bybitSpec } from './bybit/bybit.spec-def';
import { CoinbaseParser } from './coinbase/coinbase.parser.generated';
import { coinbaseSpec } from './coinbase/coinbase.spec-def';
import type { ExchangeParserFactory } from './exchange-parser';
import { KrakenParser } from './kraken/kraken.parser.generated';
import { krakenSpec } from './kraken/kraken.spec-def';
import { OkxParser } from './okx/okx.parser.generated';
import { okxSpec } from './okx/okx.spec-def';
import type { ExchangeSpec } from './spec/exchange-spec';

export interface ExchangeDefinition {
  readonly spec: ExchangeSpec;
  /** A new parser per connection (parsers keep per-connection state). */
  readonly createParser: ExchangeParserFactory;
}

/** The exchanges with a spec and a generated parser, by id. */
export const EXCHANGE_DEFINITIONS: ReadonlyMap<string, ExchangeDefinition> = new Map([
  ['binance', { spec: binanceSpec, createParser: (o) => new BinanceParser(o) }],
  [
    'binance-futures',
    { spec: binanceFuturesSpec, createParser: (o) => new BinanceFuturesParser(o) },
  ],
  ['coinbase', { spec: coinbaseSpec, createParser: (o) => new CoinbaseParser(o) }],
  ['kraken', { spec: krakenSpec, createParser: (o) => new KrakenParser(o) }],
  ['okx', { spec: okxSpec, createParser: (o) => new OkxParser(o) }],
  ['bybit', { spec: bybitSpec, createParser: (o) => new BybitParser(o) }],
]);
