import { AnomalyDetector, type AlertOptions } from '@feedgate/aggregator';
import { Decimal, type AlertEvent, type UnifiedEvent } from '@feedgate/core';
import { SymbolMarket } from '@feedgate/emulator';
import { describe, expect, it } from 'vitest';
import { SCENARIO_ALERTS, SCENARIO_MARKET } from './scenario-thresholds';

const TICK_MS = 50;
const MINUTES = 2;

/**
 * Tighter than SCENARIO_ALERTS: volume at half the multiplier, price deviation at a tenth,
 * one repeat fewer for wash trades, a tenth of the silence. Normal data raising nothing here
 * is the margin behind the live tests' "no alert", not luck.
 */
const TIGHT: AlertOptions = {
  ...SCENARIO_ALERTS,
  priceDeviation: { thresholdBps: 10, criticalBps: 500, minOtherVenues: 2 },
  staleFeed: { silentMs: 200 },
  volumeSpike: { ...SCENARIO_ALERTS.volumeSpike, multiplier: 5 },
  washTrade: { ...SCENARIO_ALERTS.washTrade, minRepeats: 4 },
};

/** The emulator's markets (same engine as on the wire, no sockets) as unified events, tick by tick. */
function* normalMarket(seed: number): Generator<UnifiedEvent> {
  const { exchanges, symbols, ratePerSymbol } = SCENARIO_MARKET;
  const markets = exchanges.flatMap((exchange) =>
    symbols.map(
      (symbol) => new SymbolMarket({ exchange, symbol, nativeSymbol: symbol, seed, depth: 20 }),
    ),
  );
  const steps = (ratePerSymbol * TICK_MS) / 1000;
  const t0 = 1_800_000_000_000;
  for (let i = 0; i < (MINUTES * 60_000) / TICK_MS; i++) {
    const ts = t0 + i * TICK_MS;
    for (const m of markets) {
      const { exchange, symbol } = m.options;
      const { priceExp, amountExp } = m.profile;
      const base = { exchange, symbol, nativeSymbol: symbol, ts, localTs: ts };
      const px = (ticks: number) => Decimal.fromParts(BigInt(ticks), priceExp);
      const sz = (lots: number) => Decimal.fromParts(BigInt(lots), amountExp);
      const b = m.batch(steps, ts);
      for (const t of b.trades) {
        yield {
          ...base,
          type: 'trade',
          id: String(t.id),
          price: px(t.ticks),
          amount: sz(t.lots),
          side: t.side,
        };
      }
      if (b.bbo) {
        const q = b.bbo;
        yield {
          ...base,
          type: 'bbo',
          bidPrice: px(q.bidTicks),
          bidAmount: sz(q.bidLots),
          askPrice: px(q.askTicks),
          askAmount: sz(q.askLots),
        };
      }
    }
  }
}

describe('normal emulated market vs the scenario thresholds', () => {
  it.each([42, 7, 1234])(
    `seed %i: ${MINUTES} minutes of every venue and symbol raise nothing even at tighter thresholds`,
    (seed) => {
      const d = new AnomalyDetector(TIGHT);
      const alerts: AlertEvent[] = [];
      let trades = 0;
      let lastTick = 0;
      for (const e of normalMarket(seed)) {
        if (e.ts > lastTick) {
          alerts.push(...d.tick(e.ts));
          lastTick = e.ts;
        }
        if (e.type === 'trade') trades++;
        alerts.push(...d.process(e, e.ts));
      }
      expect(alerts.map((a) => `${a.kind} ${a.exchange} ${a.symbol}: ${a.detail}`)).toEqual([]);
      // ~60 trades/s on each of the 10 markets: the detectors saw a busy market.
      expect(trades).toBeGreaterThan(MINUTES * 60 * 10 * 50);
    },
    30_000,
  );
});
