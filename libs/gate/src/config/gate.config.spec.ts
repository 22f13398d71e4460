import { describe, expect, it } from 'vitest';
import { GateConfig } from './gate.config';
import { GateConfigError } from './gate-config.error';

const EXCHANGES = 'binance,okx,coinbase,kraken,bybit,binance-futures';
const SYMBOLS = 'BTC-USDT,ETH-USDT,SOL-USDT,XRP-USDT,ADA-USDT,DOGE-USDT,LTC-USDT,DOT-USDT';

function keys(c: GateConfig): string[] {
  return c.assignments.flatMap((a) => a.symbols.map((s) => `${a.exchange}:${s.symbol}`));
}

describe('GateConfig', () => {
  it('shards split the (exchange, symbol) set so every key is served exactly once', () => {
    for (const n of [2, 3]) {
      const all = Array.from({ length: n }, (_, i) =>
        keys(
          GateConfig.fromEnv({
            GATE_EXCHANGES: EXCHANGES,
            GATE_SYMBOLS: SYMBOLS,
            GATE_SHARD: `${i}/${n}`,
          }),
        ),
      );
      const flat = all.flat();
      expect(new Set(flat).size).toBe(flat.length);
      expect(flat.sort()).toEqual(
        keys(GateConfig.fromEnv({ GATE_EXCHANGES: EXCHANGES, GATE_SYMBOLS: SYMBOLS })).sort(),
      );
      expect(flat).toHaveLength(48);
      for (const share of all) expect(share.length).toBeGreaterThan(0);
    }
  });

  it('parses replica, per-exchange symbols, native names and URL overrides', () => {
    const c = GateConfig.fromEnv({
      GATE_ID: 'g7',
      GATE_REPLICA: 'B',
      GATE_EXCHANGES: 'binance,kraken',
      GATE_SYMBOLS_KRAKEN: 'BTC-USD',
      GATE_URL_BINANCE_WS: 'ws://127.0.0.1:4000',
      GATE_URL_BINANCE_REST: 'http://127.0.0.1:4001',
    });
    expect(c.gateId).toBe('g7');
    expect(c.replica).toBe('B');
    const binance = c.assignments.find((a) => a.exchange === 'binance')!;
    expect(binance.symbols.map((s) => s.nativeSymbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(binance.urls).toEqual({ ws: 'ws://127.0.0.1:4000', rest: 'http://127.0.0.1:4001' });
    expect(c.assignments.find((a) => a.exchange === 'kraken')!.symbols).toEqual([
      { symbol: 'BTC-USD', nativeSymbol: 'BTC/USD' },
    ]);
  });

  it.each([
    [{ GATE_REPLICA: 'C' }, 'GATE_REPLICA'],
    [{ GATE_SHARD: '2/2' }, 'GATE_SHARD'],
    [{ GATE_SHARD: 'x' }, 'GATE_SHARD'],
    [{ GATE_EXCHANGES: 'nyse' }, 'GATE_EXCHANGES'],
    [{ GATE_SYMBOLS: 'btcusdt' }, 'GATE_SYMBOLS_BINANCE'],
    [{ GATE_URL_BINANCE_WS: 'http://x' }, 'GATE_URL_BINANCE_WS'],
    [{ GATE_CHANNELS: 'trades' }, 'GATE_CHANNELS'],
    [{ PORT: '70000' }, 'PORT'],
  ])('refuses %j with a typed error naming %s', (env, variable) => {
    const err = (() => {
      try {
        GateConfig.fromEnv(env);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(GateConfigError);
    expect((err as GateConfigError).variable).toBe(variable);
    expect((err as GateConfigError).code).toBe('GATE_CONFIG_INVALID');
  });
});
