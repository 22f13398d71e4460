import { Decimal } from '@feedgate/core';
import { EXCHANGE_DEFINITIONS } from '@feedgate/exchanges';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { WsProbe } from '../testing/ws-probe';

describe('coinbase dialect', () => {
  let emu: EmulatorServer;
  let p: WsProbe | undefined;
  beforeAll(async () => {
    emu = await EmulatorServer.start({
      exchanges: ['coinbase'],
      symbols: ['BTC-USD', 'ETH-USD'],
      ratePerSymbol: 300,
      seed: 5,
      tickMs: 20,
      pingIntervalMs: 100,
    });
  });
  afterAll(async () => {
    p?.close();
    await emu.stop();
  });

  it('subscriptions ack, level2 snapshot + l2update, matches with sequence, ticker, heartbeat', async () => {
    const { spec, createParser } = EXCHANGE_DEFINITIONS.get('coinbase')!;
    p = await WsProbe.open(`${emu.urls.coinbase.ws}/`);
    const probe = p;
    const subs = (['trades', 'book', 'bbo'] as const).map((channel) => ({
      channel,
      nativeSymbol: 'BTC-USD',
    }));
    probe.send(spec.subscribe.subscribeMessage(subs, 1));
    probe.send({ type: 'subscribe', channels: [{ name: 'heartbeat', product_ids: ['ETH-USD'] }] });
    const of = (type: string) => probe.json().filter((m) => m.type === type);
    await probe.waitFor(
      () => of('l2update').length > 20 && of('match').length > 5 && of('heartbeat').length > 1,
    );
    const acks = of('subscriptions') as { channels: { name: string; product_ids: string[] }[] }[];
    expect(acks[0].channels.map((c) => c.name).sort()).toEqual(['level2', 'matches', 'ticker']);
    expect(acks[1].channels.find((c) => c.name === 'heartbeat')?.product_ids).toEqual(['ETH-USD']);
    expect(of('ticker').length).toBeGreaterThan(0);

    // Snapshot + l2updates keep an uncrossed book.
    const [snap] = of('snapshot') as { bids: string[][]; asks: string[][] }[];
    const bids = new Map(snap.bids.map(([a, b]) => [a, b]));
    const asks = new Map(snap.asks.map(([a, b]) => [a, b]));
    for (const u of of('l2update') as { changes: string[][] }[]) {
      for (const [side, price, size] of u.changes) {
        const m = side === 'buy' ? bids : asks;
        if (Decimal.parse(size).isZero()) m.delete(price);
        else m.set(price, size);
      }
      const best = (m: Map<string, string>, max: boolean) =>
        [...m.keys()]
          .map((k) => Decimal.parse(k))
          .reduce((a, b) => (max ? Decimal.max(a, b) : Decimal.min(a, b)));
      expect(best(bids, true).lt(best(asks, false))).toBe(true);
    }
    const seqs = (of('match') as { sequence: number }[]).map((m) => m.sequence);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);

    const parser = createParser();
    const types = new Set<string>();
    for (const t of probe.texts()) {
      const r = parser.parse(t, Date.now());
      if (r.kind === 'error') throw new Error(`${r.error.message}: ${t}`);
      if (r.kind === 'events')
        for (const e of r.events) {
          types.add(e.type);
          expect(e.symbol).toBe('BTC-USD');
        }
    }
    expect(types).toEqual(new Set(['trade', 'book', 'bbo']));
    const rest = await fetch(`${emu.urls.coinbase.rest}/products/BTC-USD/book?level=2`);
    const body = (await rest.json()) as { sequence: number; bids: unknown[][] };
    // The REST sequence is the product sequence: past every match seen, not past the market.
    expect(body.sequence).toBeGreaterThanOrEqual(seqs[seqs.length - 1]);
    expect(body.sequence).toBeLessThanOrEqual(emu.market('coinbase', 'BTC-USD')?.seq ?? 0);
    expect(body.bids[0].length).toBe(3);
  });
});
