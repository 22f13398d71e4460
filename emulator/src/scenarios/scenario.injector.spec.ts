import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { WsProbe } from '../testing/ws-probe';

type BinanceTrade = { e: string; t: number; p: string; q: string };
type BookTicker = { b: string; a: string };

describe('market scenarios (control API, CLI options, ground truth)', () => {
  let emu: EmulatorServer | undefined;
  const probes: WsProbe[] = [];
  afterEach(async () => {
    for (const p of probes.splice(0)) p.close();
    await emu?.stop();
    emu = undefined;
  });
  const start = async (extra: Partial<Parameters<typeof EmulatorServer.start>[0]> = {}) => {
    emu = await EmulatorServer.start({
      exchanges: ['binance', 'okx'],
      symbols: ['BTC-USDT', 'ETH-USDT'],
      ratePerSymbol: 200,
      seed: 5,
      tickMs: 10,
      ...extra,
    });
    return emu;
  };
  const open = async (e: EmulatorServer, path: string) => {
    const p = await WsProbe.open(`${e.urls.binance.ws}${path}`);
    probes.push(p);
    return p;
  };
  const post = async (e: EmulatorServer, body: unknown) => {
    const res = await fetch(`${e.controlUrl}/control/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('rejects bad requests with 400 and a code, and answers a good one with what was queued', async () => {
    const e = await start();
    const bad = async (body: unknown, code: string) => {
      const r = await post(e, body);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(code);
    };
    await bad({ exchange: 'binance', kind: 'meteor' }, 'EMULATOR_BAD_SCENARIO');
    await bad({ exchange: 'binance', kind: 'price-spike', bps: 0 }, 'EMULATOR_BAD_SCENARIO');
    await bad({ exchange: 'binance', kind: 'price-spike', bps: 9_999 }, 'EMULATOR_BAD_SCENARIO');
    // A parameter of another kind is a mistake, not something to ignore.
    await bad({ exchange: 'binance', kind: 'crossed-book', bps: 100 }, 'EMULATOR_BAD_SCENARIO');
    await bad({ exchange: 'binance', kind: 'wash-trades', count: 1 }, 'EMULATOR_BAD_SCENARIO');
    await bad({ exchange: 'kraken', kind: 'locked-book' }, 'EMULATOR_UNKNOWN_EXCHANGE');
    await bad(
      { exchange: 'okx', kind: 'locked-book', symbol: 'NOPE-USDT' },
      'EMULATOR_UNKNOWN_SYMBOL',
    );
    const before = Date.now();
    const ok = await post(e, {
      exchange: 'okx',
      kind: 'volume-spike',
      symbol: 'ETH-USDT',
      delayMs: 60_000,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ exchange: 'okx', kind: 'volume-spike', symbols: ['ETH-USDT'] });
    expect(ok.body.startsAt as number).toBeGreaterThanOrEqual(before + 60_000);
    const all = await post(e, { exchange: 'binance', kind: 'locked-book', durationMs: 100 });
    expect(all.body.symbols).toEqual(['BTC-USDT', 'ETH-USDT']);
  });

  it('wash-trades: the repeated trades go out on the wire and are in the ground truth', async () => {
    const e = await start();
    const p = await open(e, '/ws/btcusdt@trade');
    await p.waitFor(() => p.frames.length > 20, 5_000, 'trades');
    expect(
      (await post(e, { exchange: 'binance', kind: 'wash-trades', symbol: 'BTC-USDT', count: 8 }))
        .status,
    ).toBe(200);
    await p.waitFor(
      () => e.groundTruth.scenarios('binance', 'BTC-USDT').length > 0,
      5_000,
      'truth',
    );
    const [truth] = e.groundTruth.scenarios('binance', 'BTC-USDT');
    expect(truth).toMatchObject({ kind: 'wash-trades', endedAt: truth.startedAt });
    expect(truth.trades).toHaveLength(1);
    const { from, to } = truth.trades[0];
    expect(to - from + 1).toBe(8);
    await p.waitFor(
      () => p.json().some((t) => (t as BinanceTrade).t === to),
      5_000,
      'last wash trade',
    );
    const wash = (p.json() as unknown as BinanceTrade[]).filter((t) => t.t >= from && t.t <= to);
    expect(wash).toHaveLength(8);
    expect(new Set(wash.map((t) => `${t.p}|${t.q}`)).size).toBe(1);
    // The control API serves the same record.
    const res = await fetch(
      `${e.controlUrl}/control/ground-truth?exchange=binance&symbol=BTC-USDT`,
    );
    const [json] = (await res.json()) as { scenarios: unknown[] }[];
    expect(json.scenarios).toEqual([truth]);
    expect(e.groundTruth.scenarios('binance', 'ETH-USDT')).toEqual([]);
  });

  it('crossed-book from the CLI options, deferred by delayMs: the bookTicker shows bid > ask, then heals', async () => {
    const e = await start({
      scenarios: [
        {
          exchange: 'binance',
          kind: 'crossed-book',
          symbol: 'ETH-USDT',
          delayMs: 300,
          durationMs: 400,
          ticks: 7,
        },
      ],
    });
    const p = await open(e, '/ws/ethusdt@bookTicker');
    const crossed = () =>
      (p.json() as unknown as BookTicker[]).filter((q) => Number(q.b) > Number(q.a));
    await p.waitFor(() => crossed().length > 0, 5_000, 'a crossed quote');
    const [truth] = e.groundTruth.scenarios('binance', 'ETH-USDT');
    expect(truth.kind).toBe('crossed-book');
    // ETH ticks are 0.01: the injected bid is 0.07 above the best ask.
    const q = crossed()[0];
    expect(Math.round((Number(q.b) - Number(q.a)) * 100)).toBe(7);
    const ended = () => e.groundTruth.scenarios('binance', 'ETH-USDT')[0];
    expect(ended().endedAt).toBeNull();
    await p.waitFor(() => ended().endedAt !== null, 5_000, 'the end of the scenario');
    const n = p.frames.length;
    await p.waitFor(() => p.frames.length > n + 5, 5_000, 'quotes after the end');
    const last = (p.json() as unknown as BookTicker[]).at(-1) as BookTicker;
    expect(Number(last.b)).toBeLessThan(Number(last.a));
    const { startedAt, endedAt, startSeq, endSeq } = ended();
    expect((endedAt ?? 0) - startedAt).toBeGreaterThanOrEqual(400);
    expect(endSeq ?? 0).toBeGreaterThan(startSeq);
  });
});
