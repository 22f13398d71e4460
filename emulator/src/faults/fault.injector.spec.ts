import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { sleep, WsProbe } from '../testing/ws-probe';

type Depth = { U: number; u: number };

describe('faults (control API and in-process)', () => {
  let emu: EmulatorServer;
  const probes: WsProbe[] = [];
  const open = async (path: string) => {
    const p = await WsProbe.open(`${emu.urls.binance.ws}${path}`);
    probes.push(p);
    return p;
  };
  const post = async (body: unknown) => {
    const res = await fetch(`${emu.controlUrl}/control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeEach(async () => {
    emu = await EmulatorServer.start({
      exchanges: ['binance'],
      symbols: ['BTC-USDT', 'ETH-USDT'],
      ratePerSymbol: 400,
      seed: 1,
      tickMs: 10,
      pingIntervalMs: 100,
    });
  });
  afterEach(async () => {
    for (const p of probes.splice(0)) p.close();
    await emu.stop();
  });

  it('disconnect: the client sees an abrupt close (1006, no close frame)', async () => {
    const p = await open('/ws/btcusdt@trade');
    await p.waitFor(() => p.frames.length > 0);
    const r = await post({ exchange: 'binance', kind: 'disconnect' });
    expect(r).toEqual({
      status: 200,
      body: { exchange: 'binance', kind: 'disconnect', affected: 1 },
    });
    await p.waitFor(() => p.closeCode !== undefined, 2_000, 'close');
    expect(p.closeCode).toBe(1006);
  });

  it('replica: a fault targets only the sockets opened with that ?replica= tag', async () => {
    const a = await open('/ws/btcusdt@trade?replica=A');
    const b = await open('/ws/btcusdt@trade?replica=B');
    await a.waitFor(() => a.frames.length > 0);
    await b.waitFor(() => b.frames.length > 0);
    const status = emu.status().exchanges[0].clients;
    expect(status.map((c) => c.replica).sort()).toEqual(['A', 'B']);
    expect(status[0].channels.trades).toEqual(['BTC-USDT']);
    const r = await post({ exchange: 'binance', kind: 'disconnect', replica: 'B' });
    expect(r.body.affected).toBe(1);
    await b.waitFor(() => b.closeCode !== undefined, 2_000, 'close');
    const framesAt = a.frames.length;
    await a.waitFor(() => a.frames.length > framesAt, 2_000, 'A still flowing');
    expect(a.closeCode).toBeUndefined();
    expect((await post({ exchange: 'binance', kind: 'stall', replica: 1 })).status).toBe(400);
  });

  it('stall: no frames and no pings for the duration, then the stream resumes', async () => {
    const p = await open('/ws/btcusdt@trade');
    await p.waitFor(() => p.frames.length > 0 && p.pings.length > 0);
    const start = Date.now();
    expect((await post({ exchange: 'binance', kind: 'stall', durationMs: 400 })).status).toBe(200);
    const applied = Date.now();
    const framesAt = p.frames.length;
    const pingsAt = p.pings.length;
    await sleep(300);
    // Allow frames already in flight when the fault was acknowledged.
    expect(p.frames.filter((f) => f.at > applied + 50).length).toBe(0);
    expect(p.pings.filter((t) => t > applied + 50).length).toBe(0);
    expect(p.ws.readyState).toBe(p.ws.OPEN);
    await p.waitFor(() => p.frames.length > framesAt && p.pings.length > pingsAt, 2_000, 'resume');
    expect(p.frames[p.frames.length - 1].at - start).toBeGreaterThanOrEqual(400);
  });

  it('gap: a skipped U/u range on one symbol, recorded in the ground truth', async () => {
    const p = await open('/stream?streams=btcusdt@depth@100ms/ethusdt@depth@100ms');
    await p.waitFor(() => p.frames.length > 4);
    emu.fault({ exchange: 'binance', kind: 'gap', symbol: 'BTC-USDT', count: 5 });
    await sleep(150);
    const streams = (s: string) =>
      p
        .json()
        .filter((m) => m.stream === s)
        .map((m) => m.data as Depth);
    const breaks = (ds: Depth[]) => {
      const out: { from: number; to: number }[] = [];
      for (let i = 1; i < ds.length; i++) {
        if (ds[i].U !== ds[i - 1].u + 1) out.push({ from: ds[i - 1].u + 1, to: ds[i].U - 1 });
      }
      return out;
    };
    const gaps = breaks(streams('btcusdt@depth@100ms'));
    expect(gaps.length).toBe(1);
    expect(gaps[0].to - gaps[0].from + 1).toBe(5);
    expect(emu.groundTruth.gaps('binance', 'BTC-USDT')).toEqual([gaps[0]]);
    expect(breaks(streams('ethusdt@depth@100ms'))).toEqual([]);
    expect(emu.groundTruth.gaps('binance', 'ETH-USDT')).toEqual([]);
    // The sent ranges have exactly that hole.
    const res = await fetch(
      `${emu.controlUrl}/control/ground-truth?exchange=binance&symbol=BTC-USDT`,
    );
    const [truth] = (await res.json()) as {
      bookSeqSent: { from: number; to: number }[];
      bookGaps: unknown[];
    }[];
    expect(truth.bookGaps).toEqual([gaps[0]]);
    expect(truth.bookSeqSent.some((r) => r.to === gaps[0].from - 1)).toBe(true);
  });

  it('duplicate: the next N frames arrive twice', async () => {
    const p = await open('/ws/btcusdt@aggTrade');
    await p.waitFor(() => p.frames.length > 0);
    emu.fault({ exchange: 'binance', kind: 'duplicate', count: 3 });
    const from = p.frames.length;
    await p.waitFor(() => p.frames.length > from + 12);
    const texts = p.texts();
    let dups = 0;
    for (let i = 1; i < texts.length; i++) if (texts[i] === texts[i - 1]) dups++;
    expect(dups).toBe(3);
  });

  it('malformed, huge and error frames arrive and the connection stays up', async () => {
    const p = await open('/ws/btcusdt@trade');
    await p.waitFor(() => p.frames.length > 0);
    expect((await post({ exchange: 'binance', kind: 'malformed' })).body.affected).toBe(1);
    expect((await post({ exchange: 'binance', kind: 'huge' })).body.affected).toBe(1);
    expect(
      (await post({ exchange: 'binance', kind: 'rate-limit', durationMs: 300 })).body.affected,
    ).toBe(1);
    expect((await post({ exchange: 'binance', kind: 'error' })).body.affected).toBe(1);
    await p.waitFor(() => p.frames.some((f) => f.text.length >= 2 * 1024 * 1024), 3_000, 'huge');
    const broken = p.texts().filter((t) => {
      try {
        JSON.parse(t);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.length).toBe(1);
    expect(broken[0].startsWith('{"stream":"btcusdt@trade"')).toBe(true);
    await p.waitFor(
      () => p.json().some((m) => m.code === -1003) && p.json().some((m) => m.code === 2),
    );
    const rest = await fetch(`${emu.urls.binance.rest}/api/v3/depth?symbol=BTCUSDT`);
    expect(rest.status).toBe(429);
    const n = p.frames.length;
    await p.waitFor(() => p.frames.length > n + 3, 2_000, 'data after faults');
    expect(p.ws.readyState).toBe(p.ws.OPEN);
    await sleep(300);
    expect((await fetch(`${emu.urls.binance.rest}/api/v3/depth?symbol=BTCUSDT`)).status).toBe(200);
  });

  it('refuse: new connections fail for the duration, then are accepted', async () => {
    const t0 = Date.now();
    emu.fault({ exchange: 'binance', kind: 'refuse', durationMs: 300 });
    await expect(WsProbe.open(`${emu.urls.binance.ws}/ws`)).rejects.toThrow('503');
    let accepted: WsProbe | undefined;
    while (!accepted) {
      accepted = await WsProbe.open(`${emu.urls.binance.ws}/ws`).catch(() => undefined);
      if (!accepted) await sleep(20);
    }
    probes.push(accepted);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(emu.status().exchanges[0].refusedConnections).toBeGreaterThanOrEqual(1);
  });

  it('rejects bad fault requests with 400 and a stable code', async () => {
    expect(await post({ exchange: 'binance', kind: 'explode' })).toMatchObject({
      status: 400,
      body: { code: 'EMULATOR_BAD_FAULT' },
    });
    expect(await post({ exchange: 'nope', kind: 'stall' })).toMatchObject({
      status: 400,
      body: { code: 'EMULATOR_UNKNOWN_EXCHANGE' },
    });
    expect(await post({ exchange: 'binance', kind: 'gap', symbol: 'DOGE-USDT' })).toMatchObject({
      status: 400,
      body: { code: 'EMULATOR_UNKNOWN_SYMBOL' },
    });
    const status = (await (await fetch(`${emu.controlUrl}/control/status`)).json()) as {
      exchanges: { exchange: string }[];
    };
    expect(status.exchanges.map((e) => e.exchange)).toEqual(['binance']);
  });
});
