// Binance spot WebSocket market streams:
// https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
// REST depth snapshot: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints
import { exchangeSpec } from './exchange-spec.lookup';
import { BinanceFamilyDialect } from './binance-family.dialect';

const SPEC = exchangeSpec('binance');

/** Binance spot: trades carry buyer/seller order ids and `M`; bookTicker has no `e`/`E`. */
export class BinanceDialect extends BinanceFamilyDialect {
  readonly id = 'binance';
  readonly docs = SPEC.docs;
  protected readonly futures = false;
  protected readonly depthPath = '/api/v3/depth';

  /** Defaults to the spec's server ping interval (20 s). */
  constructor(pingIntervalMs = SPEC.heartbeat.intervalMs) {
    super(pingIntervalMs);
  }
}
