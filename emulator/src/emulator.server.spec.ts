import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorServer } from './emulator.server';
import { EmulatorError } from './emulator.error';
import { EMULATED_EXCHANGES } from './dialects/dialect.registry';
import { WsProbe } from './testing/ws-probe';

describe('EmulatorServer', () => {
  const running: EmulatorServer[] = [];
  const probes: WsProbe[] = [];
  afterEach(async () => {
    for (const p of probes.splice(0)) p.close();
    await Promise.all(running.splice(0).map((e) => e.stop()));
  });
  const start = async (seed: number) => {
    const emu = await EmulatorServer.start({
      exchanges: ['binance'],
      symbols: ['BTC-USDT'],
      ratePerSymbol: 500,
      seed,
      tickMs: 10,
    });
    running.push(emu);
    return emu;
  };
  const firstTrades = async (emu: EmulatorServer, n: number) => {
    const p = await WsProbe.open(`${emu.urls.binance.ws}/ws/btcusdt@trade`);
    probes.push(p);
    await p.waitFor(() => p.frames.length >= n);
    return p.json().slice(0, n);
  };

  it('same seed → same market over the wire (ids, prices, sizes, sides)', async () => {
    const [a, b, c] = await Promise.all([start(42), start(42), start(43)]);
    const key = (m: Record<string, unknown>) => `${m.t}|${m.p}|${m.q}|${m.m}`;
    expect(a.market('binance', 'BTC-USDT')?.profile).toEqual(
      b.market('binance', 'BTC-USDT')?.profile,
    );
    const [ta, tb, tc] = await Promise.all([
      firstTrades(a, 30),
      firstTrades(b, 30),
      firstTrades(c, 30),
    ]);
    // Streams start wherever each market was at connect time: align on the trade id.
    const mapB = new Map(tb.map((m) => [m.t, key(m)]));
    const common = ta.filter((m) => mapB.has(m.t));
    expect(common.length).toBeGreaterThan(0);
    for (const m of common) expect(mapB.get(m.t)).toBe(key(m));
    // Another seed is another market: its trades differ wherever ids coincide.
    const mapC = new Map(tc.map((m) => [m.t, key(m)]));
    expect(ta.filter((m) => mapC.get(m.t) === key(m))).toEqual([]);
  });

  it('serves every emulated exchange on its own loopback port and stops cleanly', async () => {
    const emu = await EmulatorServer.start({
      exchanges: EMULATED_EXCHANGES,
      symbols: ['BTC-USDT'],
      seed: 1,
    });
    running.push(emu);
    expect(Object.keys(emu.urls).sort()).toEqual([...EMULATED_EXCHANGES].sort());
    const ports = new Set(Object.values(emu.urls).map((u) => new URL(u.ws).port));
    expect(ports.size).toBe(EMULATED_EXCHANGES.length);
    for (const u of Object.values(emu.urls)) expect(new URL(u.ws).hostname).toBe('127.0.0.1');
    const status = (await (await fetch(`${emu.controlUrl}/control/status`)).json()) as {
      exchanges: unknown[];
    };
    expect(status.exchanges).toHaveLength(EMULATED_EXCHANGES.length);
    await emu.stop();
    await expect(fetch(`${emu.controlUrl}/control/status`)).rejects.toThrow();
  });

  it('records ground truth per symbol and serves it over the control API', async () => {
    const emu = await start(9);
    const trades = await firstTrades(emu, 10);
    const ids = trades.map((m) => Number(m.t));
    const ranges = emu.groundTruth.trades('binance', 'BTC-USDT');
    for (const id of ids) expect(ranges.some((r) => id >= r.from && id <= r.to)).toBe(true);
    const res = await fetch(
      `${emu.controlUrl}/control/ground-truth?exchange=binance&symbol=BTC-USDT`,
    );
    const [truth] = (await res.json()) as { tradeLog: number[]; tradesGenerated: number }[];
    expect(truth.tradeLog.slice(0, ids.length)).toEqual(ids);
    expect(truth.tradesGenerated).toBeGreaterThanOrEqual(truth.tradeLog.length);
  });

  it('counts the last trade replayed on subscribe (coinbase last_match) as sent', async () => {
    const emu = await EmulatorServer.start({
      exchanges: ['coinbase'],
      symbols: ['BTC-USD'],
      ratePerSymbol: 500,
      seed: 3,
      tickMs: 10,
    });
    running.push(emu);
    // Trades happen while nobody listens: none of them is in the ground truth yet.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emu.groundTruth.trades('coinbase', 'BTC-USD')).toEqual([]);
    const p = await WsProbe.open(emu.urls.coinbase.ws);
    probes.push(p);
    p.send({ type: 'subscribe', product_ids: ['BTC-USD'], channels: ['matches'] });
    await p.waitFor(() => p.json().some((m) => m.type === 'last_match'));
    const last = p.json().find((m) => m.type === 'last_match') as { trade_id: number };
    const ranges = emu.groundTruth.trades('coinbase', 'BTC-USD');
    expect(ranges.some((r) => last.trade_id >= r.from && last.trade_id <= r.to)).toBe(true);
  });

  it('rejects bad options with typed errors', async () => {
    await expect(
      EmulatorServer.start({ exchanges: ['nasdaq'], symbols: ['BTC-USDT'] }),
    ).rejects.toBeInstanceOf(EmulatorError);
    await expect(
      EmulatorServer.start({ exchanges: ['binance'], symbols: ['btcusdt'] }),
    ).rejects.toMatchObject({
      code: 'EMULATOR_BAD_OPTIONS',
    });
  });
});
