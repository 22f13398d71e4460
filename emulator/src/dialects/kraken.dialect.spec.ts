import { Decimal, type BookLevel } from '@feedgate/core';
import { EXCHANGE_DEFINITIONS, krakenChecksum } from '@feedgate/exchanges';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { WsProbe } from '../testing/ws-probe';

type Lv = { price: string; qty: string };
type KBook = { type: string; data: { symbol: string; bids: Lv[]; asks: Lv[]; checksum: number }[] };

/** Kraken v2 numbers must be read as text (JSON.parse would drop trailing zeros). */
const numbersAsText = (text: string) =>
  JSON.parse(text.replace(/"(price|qty)":(-?[0-9.]+)/g, '"$1":"$2"')) as Record<string, unknown>;

/** Client book per the Kraken guide: apply, truncate to depth, checksum top 10. */
class ClientBook {
  bids = new Map<string, string>();
  asks = new Map<string, string>();
  constructor(private readonly depth: number) {}
  apply(d: KBook['data'][number]): void {
    for (const [m, levels, desc] of [
      [this.bids, d.bids, true],
      [this.asks, d.asks, false],
    ] as const) {
      for (const l of levels) {
        if (Decimal.parse(l.qty).isZero()) m.delete(l.price);
        else m.set(l.price, l.qty);
      }
      const keep = this.sorted(m, desc).slice(0, this.depth);
      m.clear();
      for (const [p, q] of keep) m.set(p.toString(), q.toString());
    }
  }
  sorted(m: Map<string, string>, desc: boolean): BookLevel[] {
    return [...m]
      .map(([p, q]) => [Decimal.parse(p), Decimal.parse(q)] as const)
      .sort((x, y) => x[0].compare(y[0]) * (desc ? -1 : 1));
  }
  checksum(): number {
    return krakenChecksum(this.sorted(this.bids, true), this.sorted(this.asks, false));
  }
}

describe('kraken v2 dialect', () => {
  let emu: EmulatorServer;
  const probes: WsProbe[] = [];
  beforeAll(async () => {
    emu = await EmulatorServer.start({
      exchanges: ['kraken'],
      symbols: ['BTC-USD', 'ETH-USD'],
      ratePerSymbol: 300,
      seed: 13,
      tickMs: 20,
      depth: 30,
      pingIntervalMs: 100,
    });
  });
  afterAll(async () => {
    for (const p of probes) p.close();
    await emu.stop();
  });
  const open = async () => {
    const p = await WsProbe.open(`${emu.urls.kraken.ws}/v2`);
    probes.push(p);
    return p;
  };

  it('status, acks, depth-limited book with correct checksums, trades, ticker, heartbeat', async () => {
    const { spec, createParser } = EXCHANGE_DEFINITIONS.get('kraken')!;
    const p = await open();
    const subs = (['trades', 'book', 'bbo'] as const).map((channel) => ({
      channel,
      nativeSymbol: 'BTC/USD',
    }));
    for (const m of spec.subscribe.subscribeMessage(subs, 7) as unknown[]) p.send(m);
    p.send({ method: 'ping', req_id: 8 });
    const of = (ch: string) =>
      p
        .texts()
        .map(numbersAsText)
        .filter((m) => m.channel === ch);
    await p.waitFor(
      () => of('book').length > 30 && of('trade').length > 3 && of('heartbeat').length > 0,
    );
    expect(of('status')).toHaveLength(1);
    const acks = p.json().filter((m) => m.method === 'subscribe');
    expect(acks.map((a) => (a.result as { channel: string }).channel).sort()).toEqual([
      'book',
      'ticker',
      'trade',
    ]);
    expect(acks.every((a) => a.success === true && a.req_id === 7)).toBe(true);
    expect(p.json().some((m) => m.method === 'pong' && m.req_id === 8)).toBe(true);

    const books = of('book') as unknown as KBook[];
    expect(books[0].type).toBe('snapshot');
    expect(books[0].data[0].bids).toHaveLength(10);
    expect(books[0].data[0].bids[0].price).toMatch(/\.\d\d$/); // full precision kept on the wire
    const book = new ClientBook(10);
    for (const b of books) {
      book.apply(b.data[0]);
      expect(book.checksum()).toBe(b.data[0].checksum);
    }

    const parser = createParser();
    const types = new Set<string>();
    for (const t of p.texts()) {
      const r = parser.parse(t, Date.now());
      if (r.kind === 'error') throw new Error(`${r.error.message}: ${t}`);
      if (r.kind === 'events')
        for (const e of r.events) {
          types.add(e.type);
          expect(e.symbol).toBe('BTC-USD');
          if (e.type === 'book') expect(e.checksumValid).not.toBe(false);
        }
    }
    expect(types).toEqual(new Set(['trade', 'book', 'bbo']));
  });

  it('a gap makes the client checksum fail', async () => {
    const p = await open();
    p.send({ method: 'subscribe', params: { channel: 'book', symbol: ['ETH/USD'], depth: 10 } });
    await p.waitFor(() => p.frames.length > 5);
    emu.fault({ exchange: 'kraken', kind: 'gap', symbol: 'ETH-USD', count: 20 });
    const n = p.frames.length;
    await p.waitFor(() => p.frames.length > n + 10);
    const book = new ClientBook(10);
    let bad = 0;
    for (const m of p
      .texts()
      .map(numbersAsText)
      .filter((x) => x.channel === 'book') as unknown as KBook[]) {
      book.apply(m.data[0]);
      if (book.checksum() !== m.data[0].checksum) bad++;
    }
    expect(bad).toBeGreaterThan(0);
    expect(emu.groundTruth.gaps('kraken', 'ETH-USD')).toHaveLength(1);
  });
});
