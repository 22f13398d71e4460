import { describe, expect, it } from 'vitest';
import { AggregatorConfig } from './aggregator.config';

describe('AggregatorConfig.fromEnv', () => {
  it('uses the defaults for an empty environment', () => {
    const c = AggregatorConfig.fromEnv({});
    expect([c.mode, c.groupId, c.port, c.tickIntervalMs, c.fromBeginning]).toEqual([
      'all',
      'feedgate-aggregator',
      3002,
      250,
      false,
    ]);
    expect(c.pipeline).toEqual({
      mode: 'all',
      candles: {},
      vwap: {},
      consolidation: {},
      alerts: { priceDeviation: {}, staleFeed: {}, volumeSpike: {}, washTrade: {} },
    });
  });

  it('maps threshold overrides onto the library options', () => {
    const c = AggregatorConfig.fromEnv({
      AGG_MODE: 'cross-venue',
      AGG_CANDLE_LATENESS_MS: '5000',
      AGG_CANDLE_INTERVALS: '1s,1m',
      AGG_VWAP_WINDOWS_MS: '1000,60000',
      AGG_PRICE_DEVIATION_BPS: '50',
      AGG_WASH_TRADE_MIN_REPEATS: '3',
    });
    expect(c.groupId).toBe('feedgate-aggregator-xv');
    expect(c.pipeline.candles).toEqual({
      intervals: ['1s', '1m'],
      allowedLatenessMs: { '1s': 5000, '1m': 5000, '5m': 5000, '1h': 5000 },
    });
    expect(c.pipeline.vwap).toEqual({ windowsMs: [1000, 60000] });
    expect(c.pipeline.alerts?.priceDeviation).toEqual({ thresholdBps: 50 });
    expect(c.pipeline.alerts?.washTrade).toEqual({ minRepeats: 3 });
  });

  it.each([
    [{ AGG_MODE: 'both' }, /AGG_MODE/],
    [{ AGG_TICK_MS: '5' }, /AGG_TICK_MS/],
    [{ AGG_CANDLE_LATENESS_MS: '-1' }, /AGG_CANDLE_LATENESS_MS/],
    [{ AGG_CANDLE_INTERVALS: '1m,,5m' }, /AGG_CANDLE_INTERVALS: empty/],
    [{ AGG_CANDLE_INTERVALS: '2m' }, /AGG_CANDLE_INTERVALS/],
    // Cross-field rule checked by the library: critical below the threshold.
    [{ AGG_PRICE_DEVIATION_BPS: '200', AGG_PRICE_DEVIATION_CRITICAL_BPS: '100' }, /criticalBps/],
    [{ PORT: 'x' }, /PORT/],
  ])('refuses %o with a ConfigError', (env, reason) => {
    expect(() => AggregatorConfig.fromEnv(env)).toThrowError(reason);
    expect(() => AggregatorConfig.fromEnv(env)).toThrowError(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
