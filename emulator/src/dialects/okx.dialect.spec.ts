import { Decimal, type BookLevel } from '@feedgate/core';
import { EXCHANGE_DEFINITIONS, okxChecksum } from '@feedgate/exchanges';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorServer } from '../emulator.server';
import { WsProbe } from '../testing/ws-probe';

type OkxBook = {
  action?: string;
  arg: { channel: string; instId: string };
  data: {
    asks: string[][];
    bids: string[][];
    checksum: number;
    seqId: number;
    prevSeqId: number;
  }[];
};

/** Client-side book per the OKX docs: apply levels, size "0" deletes; checksum over top 25. */
class ClientBook {
  readonly bids = new Map<string, string>();
  readonly asks = new Map<string, string>();
  apply(d: OkxBook['data'][number]): void {
    for (const [side, levels] of [
      [this.bids, d.bids],
      [this.asks, d.asks],
    ] as const) {
      for (const [px, sz] of levels) {
        if (Decimal.parse(sz).isZero()) side.delete(px);
        else side.set(px, sz);
      }
    }
  }
  checksum(): number {
    const lv = (m: Map<string, string>, desc: boolean): BookLevel[] =>
      [...m]
        .map(([p, s]) => [Decimal.parse(p), Decimal.parse(s)] as const)
        .sort((x, y) => x[0].compare(y[0]) * (desc ? -1 : 1));
    return okxChecksum(lv(this.bids, true), lv(this.asks, false));
  }
}

describe('okx dialect', () => {
  let emu: EmulatorServer;
  const probes: WsProbe[] = [];
  beforeAll(async () => {
    emu = await EmulatorServer.start({
      exchanges: ['okx'],
      symbols: ['BTC-USDT', 'SOL-USDT'],
      ratePerSymbol: 300,
      seed: 3,
      tickMs: 20,
      depth: 30,
    });
  });
  afterAll(async () => {
    for (const p of probes) p.close();
    await emu.stop();
  });
  const open = async () => {
    const p = await WsProbe.open(`${emu.urls.okx.ws}/ws/v5/public`);
    probes.push(p);
    return p;
  };

  it('acks, snapshots, chains seqIds and sends correct CRC32 checksums', async () => {
    const { spec, createParser } = EXCHANGE_DEFINITIONS.get('okx')!;
    const p = await open();
    const subs = (['trades', 'book', 'bbo'] as const).map((channel) => ({
      channel,
      nativeSymbol: 'BTC-USDT',
    }));
    p.send(spec.subscribe.subscribeMessage(subs, 1));
    p.send({ op: 'subscribe', args: [{ channel: 'tickers', instId: 'BTC-USDT' }] });
    p.send('ping');
    const books = () =>
      p
        .json()
        .filter(
          (m) => (m.arg as { channel?: string } | undefined)?.channel === 'books' && m.data,
        ) as unknown as OkxBook[];
    await p.waitFor(() => books().length > 40, 5_000, 'book updates');
    expect(p.texts()).toContain('pong');
    const acks = p.json().filter((m) => m.event === 'subscribe');
    expect(acks.map((a) => (a.arg as { channel: string }).channel).sort()).toEqual([
      'bbo-tbt',
      'books',
      'tickers',
      'trades',
    ]);
    expect(acks[0].id).toBe('1');

    const all = books();
    expect(all[0].action).toBe('snapshot');
    expect(all[0].data[0].prevSeqId).toBe(-1);
    const book = new ClientBook();
    let last = -1;
    for (const m of all) {
      const d = m.data[0];
      if (m.action === 'update') expect(d.prevSeqId).toBe(last);
      last = d.seqId;
      book.apply(d);
      // Independent checksum (libs/exchanges okxChecksum) of the client-maintained book.
      expect(book.checksum()).toBe(d.checksum);
    }

    const parser = createParser();
    const types = new Set<string>();
    for (const t of p.texts()) {
      const r = parser.parse(t, Date.now());
      if (r.kind === 'error') throw new Error(`${r.error.message}: ${t}`);
      if (r.kind === 'events')
        for (const e of r.events) {
          types.add(e.type);
          expect(e.symbol).toBe('BTC-USDT');
          if (e.type === 'book') expect(e.checksumValid).not.toBe(false);
        }
    }
    expect(types).toEqual(new Set(['trade', 'book', 'bbo']));
  });

  it('a gap breaks the prevSeqId chain and the checksum of a client book', async () => {
    const p = await open();
    p.send({ op: 'subscribe', args: [{ channel: 'books', instId: 'SOL-USDT' }] });
    await p.waitFor(() => p.frames.length > 5);
    emu.fault({ exchange: 'okx', kind: 'gap', symbol: 'SOL-USDT', count: 3 });
    const n = p.frames.length;
    await p.waitFor(() => p.frames.length > n + 5);
    const all = p.json().filter((m) => m.data) as unknown as OkxBook[];
    const book = new ClientBook();
    let last = -1;
    let breaks = 0;
    let badChecksums = 0;
    for (const m of all) {
      const d = m.data[0];
      if (m.action === 'update' && d.prevSeqId !== last) breaks++;
      last = d.seqId;
      book.apply(d);
      if (book.checksum() !== d.checksum) badChecksums++;
    }
    expect(breaks).toBe(1);
    expect(badChecksums).toBeGreaterThan(0);
    const [gap] = emu.groundTruth.gaps('okx', 'SOL-USDT');
    expect(gap.to - gap.from + 1).toBe(3);
  });

  it('answers an unknown instrument with the okx error format', async () => {
    const p = await open();
    p.send({ op: 'subscribe', args: [{ channel: 'books', instId: 'NOPE-USDT' }] });
    await p.waitFor(() => p.frames.length > 0);
    expect(p.json()[0]).toMatchObject({ event: 'error', code: '60018' });
    const rest = await fetch(`${emu.urls.okx.rest}/api/v5/market/books?instId=BTC-USDT&sz=5`);
    const body = (await rest.json()) as { code: string; data: { bids: string[][] }[] };
    expect(body.code).toBe('0');
    expect(body.data[0].bids.length).toBe(5);
  });
});
