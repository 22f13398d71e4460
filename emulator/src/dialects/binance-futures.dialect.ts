// Binance USDⓈ-M futures WebSocket market streams:
// https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
// REST depth snapshot: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Order-Book
import { exchangeSpec } from './exchange-spec.lookup';
import { BinanceFamilyDialect } from './binance-family.dialect';

const SPEC = exchangeSpec('binance-futures');

/**
 * Binance USDⓈ-M futures: depth updates chain with `pu` (previous `u`), events carry the
 * transaction time `T`, bookTicker is a typed event. Symbols are perpetuals (`BTCUSDT`).
 */
export class BinanceFuturesDialect extends BinanceFamilyDialect {
  readonly id = 'binance-futures';
  readonly docs = SPEC.docs;
  protected readonly futures = true;
  protected readonly depthPath = '/fapi/v1/depth';

  /** Defaults to the spec's server ping interval (3 min on futures). */
  constructor(pingIntervalMs = SPEC.heartbeat.intervalMs) {
    super(pingIntervalMs);
  }
}
