import { Logger } from '@nestjs/common';
import type { AlertEvent } from '@feedgate/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AlertScenarioHarness } from './alert-scenario.harness';
import { SCENARIO_ALERTS, SCENARIO_MARKET } from './scenario-thresholds';

const { exchanges: EXCHANGES, symbols: SYMBOLS } = SCENARIO_MARKET;
/** Exchange time of normal flow before a scenario: ≥ 5 full volume buckets of history. */
const WARM_UP_MS = 3_500;
/** The longest a scenario test runs (warm-up + wait for its alert), for the normal run. */
const SCENARIO_SPAN_MS = 9_000;

interface AlertCase {
  readonly alert: string;
  readonly exchange: string;
  readonly symbol: string;
  /** Symbols the alert may name: a stall silences a connection, which carries every symbol. */
  readonly symbols?: readonly string[];
  readonly trigger: (h: AlertScenarioHarness) => unknown;
}

const CASES: readonly AlertCase[] = [
  {
    alert: 'price-deviation',
    exchange: 'binance',
    symbol: 'BTC-USDT',
    trigger: (h) =>
      h.emulator.scenario({
        exchange: 'binance',
        kind: 'price-spike',
        symbol: 'BTC-USDT',
        bps: 300,
        durationMs: 5_000,
      }),
  },
  {
    alert: 'crossed-book',
    exchange: 'okx',
    symbol: 'ETH-USDT',
    trigger: (h) =>
      h.emulator.scenario({
        exchange: 'okx',
        kind: 'crossed-book',
        symbol: 'ETH-USDT',
        ticks: 5,
        durationMs: 5_000,
      }),
  },
  {
    alert: 'locked-book',
    exchange: 'kraken',
    symbol: 'BTC-USDT',
    trigger: (h) =>
      h.emulator.scenario({
        exchange: 'kraken',
        kind: 'locked-book',
        symbol: 'BTC-USDT',
        durationMs: 5_000,
      }),
  },
  {
    alert: 'stale-feed',
    exchange: 'bybit',
    symbol: 'ETH-USDT',
    symbols: SYMBOLS,
    // The existing fault: the venue's connections send nothing (pings included) for 6 s.
    trigger: (h) =>
      h.emulator.fault({ exchange: 'bybit', kind: 'stall', symbol: 'ETH-USDT', durationMs: 6_000 }),
  },
  {
    alert: 'volume-spike',
    exchange: 'coinbase',
    symbol: 'BTC-USDT',
    trigger: (h) =>
      h.emulator.scenario({
        exchange: 'coinbase',
        kind: 'volume-spike',
        symbol: 'BTC-USDT',
        factor: 10,
        durationMs: 2_000,
      }),
  },
  {
    alert: 'wash-trade',
    exchange: 'bybit',
    symbol: 'ETH-USDT',
    trigger: (h) =>
      h.emulator.scenario({ exchange: 'bybit', kind: 'wash-trades', symbol: 'ETH-USDT', count: 6 }),
  },
];

const brief = (as: readonly AlertEvent[]) =>
  as.map((a) => `${a.kind} ${a.exchange} ${a.symbol}: ${a.detail}`);

/**
 * Emulator (seed 42, five spot venues × two symbols) → gate → dedup → aggregator, on
 * the in-process bus: each alert kind fires under its emulator scenario, on the right exchange
 * and symbol and nowhere else, with the wire intact (no gap, checksum resync or reconnect on any
 * connector); the same seed without a scenario, for longer, raises nothing.
 */
describe('alert kinds under emulator scenarios (emulator → gate → dedup → aggregator)', () => {
  let h: AlertScenarioHarness | undefined;
  beforeAll(() => Logger.overrideLogger(['error']));
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });
  const start = async (): Promise<AlertScenarioHarness> => {
    h = await AlertScenarioHarness.start({
      ...SCENARIO_MARKET,
      pipeline: { alerts: SCENARIO_ALERTS },
      // Both replicas, as in production. B's start-up book snapshot reaches dedup after A's
      // copies of deltas it predates; dedup withholds it (BookSnapshotPolicy) — before that, the
      // aggregator kept a rewound book and raised crossed/locked alerts on normal data.
      replicas: ['A', 'B'],
      tickIntervalMs: 100,
    });
    return h;
  };

  it.each(CASES)(
    '$alert: fires for $exchange $symbol under its scenario, and only there',
    async (c) => {
      const h = await start();
      await h.flowing(WARM_UP_MS, 10_000);
      expect(brief(h.alerts)).toEqual([]); // normal flow before the scenario: quiet
      c.trigger(h);
      const hit = (a: AlertEvent) =>
        a.kind === c.alert && a.exchange === c.exchange && a.symbol === c.symbol;
      await h.waitFor(() => h.alerts.some(hit), 6_000, `${c.alert} on ${c.exchange} ${c.symbol}`);
      // Everything raised so far is about the scenario's venue (and symbol).
      const allowed = c.symbols ?? [c.symbol];
      for (const a of h.alerts) {
        expect(`${a.kind} ${a.exchange} ${a.symbol}`).toMatch(
          new RegExp(`^${c.alert} ${c.exchange} (${allowed.join('|')})$`),
        );
      }
      expect(h.problems.map((p) => `${p.state} ${p.exchange} ${p.reason}`)).toEqual([]);
      if (c.alert !== 'stale-feed') {
        const played = h.emulator.groundTruth.scenarios(c.exchange, c.symbol);
        expect(played).toHaveLength(1);
      }
    },
    20_000,
  );

  it('a normal run of the same seed raises no alert at all', async () => {
    const h = await start();
    await h.flowing(SCENARIO_SPAN_MS, 15_000);
    expect(brief(h.alerts)).toEqual([]);
    expect(h.problems).toEqual([]);
    // Every venue fed the detectors: trades, books and quotes of both symbols.
    for (const ex of EXCHANGES) expect(h.trades(ex)).toBeGreaterThan(500);
    expect(h.runnerStats().events).toBeGreaterThan(5_000);
  }, 20_000);
});
