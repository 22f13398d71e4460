import { EXCHANGE_DEFINITIONS } from '@feedgate/exchanges';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { WsProbe } from '../testing/ws-probe';

type BybitBook = {
  topic: string;
  type: string;
  data: { b: string[][]; a: string[][]; u: number; seq: number };
};

describe('bybit dialect', () => {
  let emu: EmulatorServer;
  const probes: WsProbe[] = [];
  beforeAll(async () => {
    emu = await EmulatorServer.start({
      exchanges: ['bybit'],
      symbols: ['BTC-USDT'],
      ratePerSymbol: 300,
      seed: 11,
      tickMs: 20,
    });
  });
  afterAll(async () => {
    for (const p of probes) p.close();
    await emu.stop();
  });

  for (const category of ['spot', 'linear'] as const) {
    it(`${category}: acks, snapshot then sequential deltas, pong; frames parse`, async () => {
      const { spec, createParser } = EXCHANGE_DEFINITIONS.get('bybit')!;
      const p = await WsProbe.open(`${emu.urls.bybit.ws}/v5/public/${category}`);
      probes.push(p);
      const subs = (['trades', 'book', 'bbo'] as const).map((channel) => ({
        channel,
        nativeSymbol: 'BTCUSDT',
      }));
      p.send(spec.subscribe.subscribeMessage(subs, 5));
      p.send(spec.heartbeat.ping);
      const books = () =>
        p.json().filter((m) => m.topic === 'orderbook.50.BTCUSDT') as unknown as BybitBook[];
      await p.waitFor(
        () => books().length > 20 && p.json().some((m) => m.topic === 'publicTrade.BTCUSDT'),
      );
      expect(p.json()[0]).toMatchObject({ success: true, req_id: '5', op: 'subscribe' });
      const all = books();
      expect(all[0].type).toBe('snapshot');
      for (let i = 1; i < all.length; i++) {
        expect(all[i].type).toBe('delta');
        expect(all[i].data.u).toBe(all[i - 1].data.u + 1);
        expect(all[i].data.seq).toBeGreaterThan(all[i - 1].data.seq);
      }
      const parser = createParser({ category });
      let pongs = 0;
      const types = new Set<string>();
      for (const t of p.texts()) {
        const r = parser.parse(t, Date.now());
        if (r.kind === 'error') throw new Error(`${r.error.message}: ${t}`);
        if (r.kind === 'control' && r.control === 'pong') pongs++;
        if (r.kind === 'events')
          for (const e of r.events) {
            types.add(e.type);
            expect(e.symbol).toBe(category === 'spot' ? 'BTC-USDT' : 'BTC-USDT-PERP');
          }
      }
      expect(pongs).toBe(1);
      expect(types).toEqual(new Set(['trade', 'book']));
    });
  }

  it('rejects an unknown topic and serves the REST book', async () => {
    const p = await WsProbe.open(`${emu.urls.bybit.ws}/v5/public/spot`);
    probes.push(p);
    p.send({ op: 'subscribe', args: ['orderbook.50.NOPE'], req_id: 'x' });
    await p.waitFor(() => p.frames.length > 0);
    expect(p.json()[0]).toMatchObject({ success: false, req_id: 'x' });
    const res = await fetch(
      `${emu.urls.bybit.rest}/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=3`,
    );
    const body = (await res.json()) as { retCode: number; result: { b: string[][]; u: number } };
    expect(body.retCode).toBe(0);
    expect(body.result.b.length).toBe(3);
  });
});
