import type { AlertOptions } from '@feedgate/aggregator';

/** The emulated market of the scenario tests: five spot venues × two symbols, seed 42. */
export const SCENARIO_MARKET = {
  exchanges: ['binance', 'coinbase', 'kraken', 'okx', 'bybit'],
  symbols: ['BTC-USDT', 'ETH-USDT'],
  seed: 42,
  /** Market steps per second per symbol: ~60 trades/s, so 500 ms volume buckets are stable. */
  ratePerSymbol: 200,
} as const;

/**
 * The alert thresholds under test: library defaults except where test time needs shorter
 * windows (stale-feed silence, volume buckets) and the wash-trade dust floor (see
 * AlertConfig.washTrade.minNotional; the USDT pairs here). normal-market.margins.spec.ts checks
 * how far below them normal data stays.
 */
export const SCENARIO_ALERTS: AlertOptions = {
  cooldownMs: 30_000,
  priceDeviation: { thresholdBps: 100, criticalBps: 500, minOtherVenues: 2 },
  staleFeed: { silentMs: 2_000 },
  volumeSpike: { bucketMs: 500, trailingBuckets: 10, minHistoryBuckets: 5, multiplier: 10 },
  washTrade: { windowMs: 5_000, minRepeats: 5, minNotional: 100 },
};
