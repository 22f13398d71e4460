import { Decimal, type BookEvent, type TradeEvent, type UnifiedEvent } from '@feedgate/core';
import { EXCHANGE_DEFINITIONS } from '@feedgate/exchanges';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { WsProbe } from '../testing/ws-probe';

type Depth = { U: number; u: number; pu?: number; b: [string, string][]; a: [string, string][] };

const def = (id: string) => {
  const d = EXCHANGE_DEFINITIONS.get(id);
  if (!d) throw new Error(`no definition for ${id}`);
  return d;
};

describe('binance dialect (real ws client, libs/exchanges spec and parser)', () => {
  let emu: EmulatorServer;
  const probes: WsProbe[] = [];
  const open = async (url: string) => {
    const p = await WsProbe.open(url);
    probes.push(p);
    return p;
  };

  beforeAll(async () => {
    emu = await EmulatorServer.start({
      exchanges: ['binance', 'binance-futures'],
      symbols: ['BTC-USDT', 'ETH-USDT'],
      ratePerSymbol: 300,
      seed: 7,
      tickMs: 20,
      pingIntervalMs: 150,
    });
  });
  afterAll(async () => {
    for (const p of probes) p.close();
    await emu.stop();
  });

  it('subscribes with the spec message, acks, and streams frames the generated parser maps', async () => {
    const { spec, createParser } = def('binance');
    const p = await open(`${emu.urls.binance.ws}/stream`);
    const subs = (['trades', 'book', 'bbo'] as const).map((channel) => ({
      channel,
      nativeSymbol: 'BTCUSDT',
    }));
    p.send(spec.subscribe.subscribeMessage(subs, 1));
    p.send({ method: 'SUBSCRIBE', params: ['btcusdt@aggTrade'], id: 2 });
    p.send({ method: 'LIST_SUBSCRIPTIONS', id: 3 });
    const has = (stream: string) => p.json().some((m) => m.stream === stream);
    await p.waitFor(
      () =>
        ['btcusdt@trade', 'btcusdt@depth@100ms', 'btcusdt@bookTicker', 'btcusdt@aggTrade'].every(
          has,
        ),
      5_000,
      'all four streams',
    );
    const json = p.json();
    expect(json).toContainEqual({ result: null, id: 1 });
    expect(json).toContainEqual({ result: null, id: 2 });
    const list = json.find((m) => m.id === 3) as { result: string[] };
    expect([...list.result].sort()).toEqual(
      ['btcusdt@aggTrade', 'btcusdt@bookTicker', 'btcusdt@depth@100ms', 'btcusdt@trade'].sort(),
    );

    const parser = createParser();
    const events: UnifiedEvent[] = [];
    let controls = 0;
    for (const text of p.texts()) {
      const r = parser.parse(text, Date.now());
      if (r.kind === 'error') throw new Error(`parser rejected ${text}: ${r.error.message}`);
      if (r.kind === 'control') controls++;
      else events.push(...r.events);
    }
    expect(controls).toBe(3);
    const types = new Set(events.map((e) => e.type));
    expect(types).toEqual(new Set(['trade', 'book', 'bbo']));
    for (const e of events) {
      expect(e.exchange).toBe('binance');
      expect(e.symbol).toBe('BTC-USDT');
      expect(e.nativeSymbol).toBe('BTCUSDT');
    }
    const trades = events.filter((e): e is TradeEvent => e.type === 'trade');
    for (const t of trades) {
      expect(['buy', 'sell']).toContain(t.side);
      expect(t.price.gt(Decimal.ZERO)).toBe(true);
      expect(t.price.exponent).toBe(-2);
    }
    // Every trade id the client saw is in the ground truth.
    const truth = emu.groundTruth.trades('binance', 'BTC-USDT');
    for (const t of trades) {
      const id = Number(t.id);
      expect(truth.some((r) => id >= r.from && id <= r.to)).toBe(true);
    }
    // Spot depth: prevSeq = U - 1, and consecutive deltas chain.
    const books = events.filter((e): e is BookEvent => e.type === 'book');
    for (let i = 1; i < books.length; i++) expect(books[i].prevSeq).toBe(books[i - 1].seq);
  });

  it('serves raw streams from the URL and sends protocol pings', async () => {
    const p = await open(`${emu.urls.binance.ws}/ws/ethusdt@trade`);
    await p.waitFor(
      () => p.frames.length >= 3 && p.pings.length >= 1,
      5_000,
      'raw trades and a ping',
    );
    const first = JSON.parse(p.frames[0].text) as Record<string, unknown>;
    expect(first.e).toBe('trade');
    expect(first.s).toBe('ETHUSDT');
    expect(first.stream).toBeUndefined();
  });

  it('REST snapshot lastUpdateId stitches to the WebSocket deltas', async () => {
    const p = await open(`${emu.urls.binance.ws}/stream?streams=ethusdt@depth@100ms`);
    await p.waitFor(() => p.frames.length >= 2, 5_000, 'first deltas');
    const snap = (await (
      await fetch(`${emu.urls.binance.rest}/api/v3/depth?symbol=ETHUSDT&limit=1000`)
    ).json()) as {
      lastUpdateId: number;
      bids: [string, string][];
      asks: [string, string][];
    };
    const deltas = (): Depth[] => p.json().map((m) => (m as { data: Depth }).data);
    await p.waitFor(
      () => deltas().some((d) => d.u > snap.lastUpdateId + 50),
      5_000,
      'later deltas',
    );
    const later = deltas().filter((d) => d.u > snap.lastUpdateId);
    // Binance rule: the first applied event has U <= lastUpdateId+1 <= u.
    expect(later[0].U).toBeLessThanOrEqual(snap.lastUpdateId + 1);
    expect(later[0].u).toBeGreaterThanOrEqual(snap.lastUpdateId + 1);
    for (let i = 1; i < later.length; i++) expect(later[i].U).toBe(later[i - 1].u + 1);

    // Snapshot + deltas up to a second snapshot's lastUpdateId = that second snapshot.
    const book = { b: new Map(snap.bids), a: new Map(snap.asks) };
    const snap2 = (await (
      await fetch(`${emu.urls.binance.rest}/api/v3/depth?symbol=ETHUSDT&limit=1000`)
    ).json()) as typeof snap;
    await p.waitFor(
      () => deltas().some((d) => d.u >= snap2.lastUpdateId),
      5_000,
      'deltas past snapshot 2',
    );
    for (const d of deltas()) {
      if (d.u <= snap.lastUpdateId || d.u > snap2.lastUpdateId) continue;
      for (const [side, levels] of [
        ['b', d.b],
        ['a', d.a],
      ] as const) {
        for (const [px, qty] of levels) {
          if (Decimal.parse(qty).isZero()) book[side].delete(px);
          else book[side].set(px, qty);
        }
      }
    }
    const sorted = (m: Map<string, string>, desc: boolean) =>
      [...m].sort((x, y) => Decimal.parse(x[0]).compare(Decimal.parse(y[0])) * (desc ? -1 : 1));
    expect(sorted(book.b, true)).toEqual(snap2.bids);
    expect(sorted(book.a, false)).toEqual(snap2.asks);
    expect(Decimal.parse(snap2.bids[0][0]).lt(Decimal.parse(snap2.asks[0][0]))).toBe(true);

    const bad = await fetch(`${emu.urls.binance.rest}/api/v3/depth?symbol=NOPE`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
  });

  it('binance-futures: depth chains with pu, frames parse with the futures parser', async () => {
    const { createParser } = def('binance-futures');
    const p = await open(
      `${emu.urls['binance-futures'].ws}/stream?streams=btcusdt@depth@100ms/btcusdt@aggTrade/btcusdt@bookTicker`,
    );
    await p.waitFor(() => p.frames.length >= 30, 5_000, 'futures frames');
    const depth = p
      .json()
      .filter((m) => String(m.stream).includes('depth'))
      .map((m) => m.data as Depth);
    expect(depth.length).toBeGreaterThan(2);
    for (let i = 1; i < depth.length; i++) expect(depth[i].pu).toBe(depth[i - 1].u);
    const parser = createParser();
    const types = new Set<string>();
    for (const text of p.texts()) {
      const r = parser.parse(text, Date.now());
      expect(r.kind).toBe('events');
      if (r.kind === 'events')
        for (const e of r.events) {
          types.add(e.type);
          expect(e.symbol).toBe('BTC-USDT-PERP');
        }
    }
    expect(types).toEqual(new Set(['trade', 'book', 'bbo']));
    const snap = await fetch(
      `${emu.urls['binance-futures'].rest}/fapi/v1/depth?symbol=BTCUSDT&limit=5`,
    );
    const body = (await snap.json()) as { lastUpdateId: number; bids: unknown[]; E: number };
    expect(body.bids.length).toBe(5);
    expect(typeof body.E).toBe('number');
  });

  it('answers an invalid subscribe with the binance error format', async () => {
    const p = await open(`${emu.urls.binance.ws}/ws`);
    p.send({ method: 'SUBSCRIBE', params: ['not a stream'], id: 9 });
    await p.waitFor(() => p.frames.length > 0, 2_000, 'error');
    expect(p.json()[0]).toMatchObject({ code: 2, id: 9 });
  });
});
